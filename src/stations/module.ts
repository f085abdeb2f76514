import type { FeatureModule } from '../core/feature.js';
import { service } from './feature.js';
import { robotPickingSection } from './picking-report.js';
import { stationsSection } from './report.js';
import { robotPickingSummary, stationsSummary } from './summary.js';

/** Stations: the service phase; the stations' and the robotic arms' sections of the report and their summary lines. */
export const stationsModule: FeatureModule = {
  name: 'stations',
  features: [service],
  report: [
    { order: 3, part: stationsSection },
    { order: 18, part: robotPickingSection },
  ],
  summary: [
    { order: 3, part: stationsSummary },
    { order: 8, part: robotPickingSummary },
  ],
};
