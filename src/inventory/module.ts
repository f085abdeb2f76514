import type { FeatureModule } from '../core/feature.js';
import { stockBooks } from './books.js';
import { inventory } from './feature.js';
import { inventorySection } from './report.js';
import { inventorySummary } from './summary.js';

/** Finite stock when the scenario has an `inventory` section: its stages, report section, summary line and the stock books. */
export const inventoryModule: FeatureModule = {
  name: 'inventory',
  features: [inventory],
  report: [{ order: 20, part: inventorySection }],
  summary: [{ order: 14, part: inventorySummary }],
  books: { order: 5, part: stockBooks },
};
