import type { FeatureModule } from '../core/feature.js';
import { energySection } from './energy-report.js';
import { metrics } from './feature.js';
import { congestionSection, seriesSection, timelineSection } from './figures-report.js';
import { robotsSection } from './robots-report.js';
import { energySummary, robotsSummary } from './summary.js';

/** The per-tick figures (metrics phase) and the report's sections on robots, congestion, the timeline, energy and the series. */
export const metricsModule: FeatureModule = {
  name: 'metrics',
  features: [metrics],
  report: [
    { order: 2, part: robotsSection },
    { order: 4, part: congestionSection },
    { order: 6, part: timelineSection },
    { order: 10, part: energySection },
    { order: 11, part: seriesSection },
  ],
  summary: [
    { order: 2, part: robotsSummary },
    { order: 7, part: energySummary },
  ],
};
