import type { FeatureModule } from '../core/feature.js';
import { operations } from './feature.js';
import { operationsSection } from './report.js';
import { operationsSummary } from './summary.js';

/** Operations: duty and re-slotting passes when the scenario has an `operations` section; the forecast and operations in the report. */
export const operationsModule: FeatureModule = {
  name: 'operations',
  features: [operations],
  report: [{ order: 15, part: operationsSection }],
  summary: [{ order: 10, part: operationsSummary }],
};
