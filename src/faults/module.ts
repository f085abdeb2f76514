import type { FeatureModule } from '../core/feature.js';
import { faults } from './feature.js';
import { faultsSection } from './report.js';
import { faultsSummary } from './summary.js';

/** Faults: first in every tick when the scenario has a `faults` section; their report section and summary line. */
export const faultsModule: FeatureModule = {
  name: 'faults',
  features: [faults],
  report: [{ order: 14, part: faultsSection }],
  summary: [{ order: 11, part: faultsSummary }],
};
