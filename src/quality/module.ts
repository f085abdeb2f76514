import type { FeatureModule } from '../core/feature.js';
import { quality } from './feature.js';
import { qualitySection } from './report.js';
import { qualitySummary } from './summary.js';

/** Pick accuracy (with a `quality` section): told of picked lines and shipped orders by the order flow; its report section and summary line. */
export const qualityModule: FeatureModule = {
  name: 'quality',
  features: [quality],
  report: [{ order: 22, part: qualitySection }],
  summary: [{ order: 16, part: qualitySummary }],
};
