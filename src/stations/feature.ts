import type { FeatureFactory } from '../core/feature.js';
import { serviceStage } from './service.js';

/** Stations at the service phase: robots lift, are picked from, put pods back, plug in. */
export const service: FeatureFactory = () => ({ name: 'service', stages: { service: serviceStage } });
