import type { FeatureModule } from '../core/feature.js';
import { alerting } from './feature.js';
import { alertsSection } from './report.js';
import { alertsSummary } from './summary.js';

/** Alerts: the live detector after the figures when the scenario has an `alerts` section; its report section (optional) and summary line. */
export const alertsModule: FeatureModule = {
  name: 'alerts',
  features: [alerting],
  report: [{ order: 17, part: alertsSection }],
  summary: [{ order: 12, part: alertsSummary }],
};
