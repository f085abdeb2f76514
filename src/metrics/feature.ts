import type { FeatureFactory } from '../core/feature.js';
import { metricsStage } from './stage.js';

/** Per-tick figures at the metrics phase. */
export const metrics: FeatureFactory = () => ({ name: 'metrics', stages: { metrics: metricsStage } });
