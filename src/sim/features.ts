import type { Feature, FeatureFactory } from '../core/feature.js';
import type { World } from '../core/world.js';
import { faults } from '../faults/feature.js';
import { FleetControl } from '../fleet/feature.js';
import { alerting, metrics, stallWatch } from '../metrics/feature.js';
import { operations } from '../operations/feature.js';
import { demand } from '../orders/feature.js';
import { site } from '../site/feature.js';
import { service } from '../stations/feature.js';
import { podFetching, reslotting } from '../storage/feature.js';

/**
 * Every feature a run can have, in registration order. Each is created in
 * this order (a factory may read what an earlier one put in the world:
 * operations use the re-slotting), and within a phase of the tick
 * (core/feature.ts, PHASES) their stages run in this order: the fleet plans
 * and moves before the stall watch looks, the re-slotting moves before
 * operations' passes, the figures before the alerts. A new feature is one
 * more line here.
 */
export const FEATURES: readonly FeatureFactory[] = [
  (w) => new FleetControl(w), // planning, movement
  podFetching, // assignment
  reslotting, // rearrange
  demand, // demand; orders in the frame
  faults, // faults
  operations, // duty, rearrange
  metrics, // metrics
  alerting, // metrics
  stallWatch, // planning, movement
  service, // service
  site, // equipment; flow in the frame
];

/** Creates the features of a run over its world, leaving out those the scenario does not turn on. */
export function createFeatures(w: World, factories: readonly FeatureFactory[] = FEATURES): Feature[] {
  const out: Feature[] = [];
  for (const create of factories) {
    const f = create(w);
    if (f !== null) out.push(f);
  }
  return out;
}
