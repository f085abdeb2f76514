import type { FeatureFactory } from '../core/feature.js';
import { FaultEngine } from './engine.js';

/** Faults on the run's clock, first in every tick; sets `world.faults` (null without a `faults` section). */
export const faults: FeatureFactory = (w) => {
  const config = w.config.faults;
  const engine = config ? new FaultEngine(w, config) : null;
  w.faults = engine;
  return engine && { name: 'faults', stages: { faults: (w) => engine.step(w) } };
};
