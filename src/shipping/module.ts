import type { FeatureModule } from '../core/feature.js';
import { shippingBooks } from './books.js';
import { shipping } from './feature.js';
import { shipmentsSection } from './report.js';
import { shipmentsSummary } from './summary.js';

/** Shipping rules: first parcels of split orders at the equipment phase (with a `shipping` section); the shipments section, its summary line and its part of the books. */
export const shippingModule: FeatureModule = {
  name: 'shipping',
  features: [shipping],
  report: [{ order: 21, part: shipmentsSection }],
  summary: [{ order: 15, part: shipmentsSummary }],
  books: { order: 6, part: shippingBooks },
};
