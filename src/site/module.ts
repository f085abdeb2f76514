import type { FeatureModule } from '../core/feature.js';
import { stagingBooks } from './books.js';
import { site } from './feature.js';

/** The site: its equipment at the equipment phase, the flow part of the frame, and the totes staged at stations in the books. */
export const siteModule: FeatureModule = {
  name: 'site',
  features: [site],
  books: { order: 1, part: stagingBooks },
};
