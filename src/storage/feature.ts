import type { Feature, FeatureFactory } from '../core/feature.js';
import { PodFetching } from './fetch-pods.js';
import { Reslotter } from './reslot.js';
import { SLOTTING } from './slotting.js';

/** Pod requests matched to idle robots at the assignment phase. */
export const podFetching: FeatureFactory = (w) => new PodFetching(w);

/**
 * Re-slotting during the run, for a slotting strategy that does it
 * (dynamic): moves at the rearrange phase, with the robots assignment left
 * idle. Sets `world.reslot` (null without it), which operations use for
 * their passes ahead of peaks.
 */
export const reslotting: FeatureFactory = (w) => {
  const config = w.config;
  w.reslot = SLOTTING[config.demand.slotting]?.reslots ? new Reslotter(w, config.demand.reslotEveryTicks ?? Math.round(3600 / config.tickSeconds)) : null;
  const reslot = w.reslot;
  if (reslot === null) return null;
  const feature: Feature = { name: 'reslotting', stages: { rearrange: (w) => reslot.step(w) } };
  return feature;
};
