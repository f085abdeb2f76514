import { rngStream } from '../core/rng.js';
import type { World } from '../core/world.js';
import { drawItemDims } from '../packing/item-dims.js';
import type { InventoryConfig } from './config.js';
import type { Stock } from './stock.js';

/**
 * Mean rate multiplier of the demand profile over its period: an hourly
 * profile repeats daily, so a day's demand follows its mean; a profile of
 * segments over the run (no period) counts as 1.
 */
export function meanMultiplier(w: World): number {
  const d = w.config.demand;
  const period = d.profilePeriodTicks;
  if (period <= 0 || d.profile.length === 0) return 1;
  let sum = 0;
  let from = 0;
  let m = 1;
  for (const seg of d.profile) {
    const to = Math.min(period, seg.fromTick);
    if (to > from) sum += m * (to - from);
    from = Math.max(from, to);
    m = seg.multiplier;
  }
  sum += m * (period - from);
  return sum / period;
}

/**
 * Units of each SKU the demand mix draws per day: the arrival rate (with its
 * peak factor and the mean of its daily profile) times the mean lines per
 * order and units per line, shared out by the SKUs' popularity.
 */
export function dailyUnitsBySku(w: World): Float64Array {
  const d = w.config.demand;
  const perDay = d.ordersPerHour * d.peakFactor * meanMultiplier(w) * 24 * ((d.linesMin + d.linesMax) / 2) * ((d.unitsMin + d.unitsMax) / 2);
  const cdf = w.skuCdf;
  const out = new Float64Array(cdf.length);
  for (let s = 0; s < cdf.length; s++) out[s] = perDay * (cdf[s] - (s > 0 ? cdf[s - 1] : 0));
  return out;
}

/**
 * Sets every slot's capacity and fills it at t = 0 (counted as received):
 * days of cover of its SKU shared over the SKU's pods (rounded up, so a SKU
 * with demand gets at least a unit), or a fixed number of units; scaled down
 * by the seeded spread, and never above the slot's capacity.
 */
export function fillSlots(w: World, stock: Stock, c: InventoryConfig): void {
  const { pods } = w;
  const skus = w.skuCdf.length;
  const cap = c.capacity;
  if (cap !== null && cap.kind === 'units') stock.capacity.fill(cap.units);
  else if (cap !== null) {
    // The same unit sizes packing draws (its stream and, when packing is on, its settings).
    const dims = drawItemDims(rngStream(w.config.seed, 'sku-dims'), skus, cap.itemMedianCm, cap.itemSpread);
    for (let s = 0; s < skus; s++) {
      const litres = (dims[3 * s] * dims[3 * s + 1] * dims[3 * s + 2]) / 1000;
      const units = Math.floor((cap.litres + 1e-9) / litres);
      for (let j = pods.podStart[s]; j < pods.podStart[s + 1]; j++) stock.capacity[j] = units;
    }
  }
  const daily = c.fill.kind === 'days' ? dailyUnitsBySku(w) : null;
  const rng = c.fillSpread > 0 ? rngStream(w.config.seed, 'inventory') : null;
  for (let s = 0; s < skus; s++) {
    const copies = pods.podStart[s + 1] - pods.podStart[s];
    for (let j = pods.podStart[s]; j < pods.podStart[s + 1]; j++) {
      let units = daily !== null && c.fill.kind === 'days' ? Math.ceil((c.fill.days * daily[s]) / copies - 1e-9) : c.fill.kind === 'units' ? c.fill.units : 0;
      if (rng !== null) units = Math.round(units * (1 - c.fillSpread * rng.next()));
      if (stock.capacity[j] >= 0 && units > stock.capacity[j]) units = stock.capacity[j];
      stock.receive(j, units);
    }
  }
}
