import type { Feature, FeatureFactory } from '../core/feature.js';
import { cancelLine } from './cancel.js';
import { fillSlots } from './fill.js';
import { StockFrame } from './frame.js';
import { Stock } from './stock.js';

/**
 * Finite stock in pod slots, with an `inventory` section: slots filled at
 * t = 0; lines routed only to pods with their units (the demand stage asks
 * the stock, see orders/demand.ts); at the demand phase, after the
 * arrivals, lines that waited for stock too long are cancelled; at the
 * metrics phase the units on hand are summed for the mean. Adds the
 * frame sections of `StockFrame` (stock-out counts, pods short of stock).
 * Sets `world.inventory` (null without the section).
 */
export const inventory: FeatureFactory = (w) => {
  const c = w.config.inventory ?? null;
  if (c === null) {
    w.inventory = null;
    return null;
  }
  const stock = new Stock(w.pods, w.skuCdf.length, c.cancelAfterTicks);
  fillSlots(w, stock, c);
  w.inventory = stock;
  const cancel = (l: number) => cancelLine(w, l);
  const frame = new StockFrame(w, stock);
  const feature: Feature = {
    name: 'inventory',
    stages: {
      demand: (w) => stock.expire(w.tick, cancel),
      metrics: () => {
        stock.onHandTickSum += stock.onHandUnits;
        stock.ticks++;
      },
    },
    // Stock-outs for the viewer: lines waiting for stock and the pods holding their SKUs.
    frameSections: frame.sections,
    frame: () => frame.fill(),
  };
  return feature;
};
