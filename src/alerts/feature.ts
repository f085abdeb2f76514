import type { FeatureFactory } from '../core/feature.js';
import { AlertDetector } from './detector.js';

/** The live alert detector, after the per-tick figures; sets `world.alerts` (null without an `alerts` section). */
export const alerting: FeatureFactory = (w) => {
  const config = w.config.alerts;
  const detector = config ? new AlertDetector(w, config) : null;
  w.alerts = detector;
  return detector && { name: 'alerts', stages: { metrics: (w) => detector.step(w) } };
};
