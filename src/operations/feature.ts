import type { FeatureFactory } from '../core/feature.js';
import { Operations } from './operations.js';

/**
 * Forecast-driven operations: duty at hour boundaries (duty phase),
 * re-slotting passes ahead of peaks (rearrange phase, after the re-slotting
 * feature's own moves). Sets `world.operations` (null without an
 * `operations` section).
 */
export const operations: FeatureFactory = (w) => {
  const config = w.config.operations;
  const ops = config ? new Operations(w, config, w.reslot ?? null) : null;
  w.operations = ops;
  return ops && { name: 'operations', stages: { duty: (w) => ops.startTick(w), rearrange: (w) => ops.afterAssignment(w) } };
};
