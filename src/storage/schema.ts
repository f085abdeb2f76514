import { z } from 'zod';
import type { Fail } from '../scenario/primitives.js';
import type { StorageConfig } from './config.js';
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

/** What the storage section is checked against: the layout's storage locations, the slotting and whether pods are used at all. */
export interface StorageContext {
  /** Storage locations in the layout. */
  locations: number;
  /** `demand.slotting`. */
  slotting: string;
  /** Whether some SKUs live in pods (goods-to-person). */
  podSkus: boolean;
}

/**
 * Resolves the `storage` section, checking that a slotting which moves pods
 * through empty locations has at least one empty.
 */
export function buildStorage(storage: z.output<typeof StorageSection>, ctx: StorageContext, fail: Fail): StorageConfig {
  const { locations, slotting } = ctx;
  if (ctx.podSkus && SLOTTING[slotting]?.reslots && Math.floor(locations * (1 - storage.podFill) + 1e-9) < 1) {
    const most = Math.floor((1 - 1 / locations) * 100) / 100;
    fail('storage.podFill', `is ${storage.podFill}, which leaves none of the ${locations} storage locations empty, but '${slotting}' slotting moves pods through empty ones: set podFill to at most ${most}`);
  }
  return { podReturn: storage.podReturn, podFill: storage.podFill };
}
