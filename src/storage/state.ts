import type { StorageConfig } from './config.js';
import type { Pods } from './pods.js';
import type { Reslotter } from './reslot.js';
import type { Storage } from './storage.js';

/** What storage keeps in the world. */
declare module '../core/world.js' {
  interface World {
    readonly pods: Pods;
    /** Storage locations, the pod return rule and its figures. */
    readonly storage: Storage;
    /** Pods waiting for a robot, oldest first (each pod at most once). */
    readonly requests: { items: Int32Array; length: number };
    /** Re-slotting during the run (set by the reslotting feature; null when the slotting does not re-slot). */
    reslot?: Reslotter | null;
  }
}

/** The storage section of the resolved scenario. */
declare module '../core/config.js' {
  interface SimConfig {
    /** Storage locations: pod fill and the pod return rule (omitted = every location holds a pod, fixed homes). */
    storage?: StorageConfig;
  }
}
