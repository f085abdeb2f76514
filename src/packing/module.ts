import type { FeatureModule } from '../core/feature.js';
import { packingBooks } from './books.js';
import { packingSection } from './report.js';
import { packingSummary } from './summary.js';

/** Pack stations (run by the site's equipment stage): their report section (optional), summary line and the totes they hold in the books. */
export const packingModule: FeatureModule = {
  name: 'packing',
  report: [{ order: 19, part: packingSection }],
  summary: [{ order: 9, part: packingSummary }],
  books: { order: 3, part: packingBooks },
};
