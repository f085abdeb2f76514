import type { FeatureModule } from '../core/feature.js';
import { cartBooks } from './books.js';
import { pickersSection } from './report.js';
import { pickersSummary } from './summary.js';

/** People in picker zones (run by the site's equipment stage): their report section, summary line and the room on their carts in the books. */
export const peopleModule: FeatureModule = {
  name: 'people',
  report: [{ order: 8, part: pickersSection }],
  summary: [{ order: 4, part: pickersSummary }],
  books: { order: 4, part: cartBooks },
};
