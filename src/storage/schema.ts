import { z } from 'zod';
import { POD_RETURN } from './pod-return.js';
import { SLOTTING } from './slotting.js';

/** The storage settings of the scenario file: the `storage` section and the slotting names of `demand`. */

/** The names a registry knows, for a zod enum (a strategy registered in code is accepted by the schema too). */
const names = (registry: Record<string, unknown>) => Object.keys(registry) as [string, ...string[]];

export const SlottingName = z
  .enum(names(SLOTTING))
  .describe('Initial SKU-to-pod slotting: random, velocity (ABC classes), cube-per-order, correlated (families together), dynamic (velocity, then re-slotting)');

export const PodReturnName = z
  .enum(names(POD_RETURN))
  .describe('Where a pod goes after a station visit: fixed-home, nearest-free (to the station it left), turnover (hot pods near, cold far)');

/** The `storage` section: pod fill and the pod return rule. */
export const StorageSection = z.strictObject({
  podReturn: PodReturnName.default('fixed-home'),
  podFill: z
    .number()
    .gt(0)
    .max(1)
    .default(1)
    .describe('Share of storage locations holding a pod at the start; the rest stay empty, spread evenly by distance to the stations'),
});
