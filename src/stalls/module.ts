import type { FeatureModule } from '../core/feature.js';
import { stallWatch } from './feature.js';

/**
 * The stall watch (planning, movement), created after the alerts, where it
 * has always been; its figures are in the report's robots section (see
 * src/metrics/robots-report.ts).
 */
export const stallsModule: FeatureModule = {
  name: 'stalls',
  features: [stallWatch],
};
