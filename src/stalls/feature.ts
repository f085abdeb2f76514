import type { FeatureFactory } from '../core/feature.js';
import { StallWatch } from './watch.js';

/**
 * What every waiting robot waits for, and the stall episodes of the run:
 * looks just before the moves (end of planning) and just after them. Always
 * on; sets `world.stalls`.
 */
export const stallWatch: FeatureFactory = (w) => {
  const watch = new StallWatch(w, w.config.fleet.stallTicks ?? Math.max(1, Math.round(30 / w.config.tickSeconds)));
  w.stalls = watch;
  return { name: 'stalls', stages: { planning: (w) => watch.beforeMove(w), movement: (w) => watch.afterMove(w) } };
};
