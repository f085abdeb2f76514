import type { FeatureFactory } from '../core/feature.js';
import { ShippingBook } from './shipping.js';

/** Shipping rules (with a `shipping` section): first parcels of split orders at their cut-off, after the equipment has moved this tick's units. */
export const shipping: FeatureFactory = (w) => {
  const config = w.config.shipping ?? null;
  w.shipping = config === null ? null : new ShippingBook(config);
  if (w.shipping === null) return null;
  const book = w.shipping;
  return { name: 'shipping', stages: { equipment: (w) => book.stage(w) } };
};
