import type { FeatureModule } from '../core/feature.js';
import { conservationSection } from './report.js';
import { booksSummary } from './summary.js';

/** The conservation books: recounted at the end with every module's part of them; their report section and summary line. */
export const booksModule: FeatureModule = {
  name: 'books',
  report: [{ order: 16, part: conservationSection }],
  summary: [{ order: 13, part: booksSummary }],
};
