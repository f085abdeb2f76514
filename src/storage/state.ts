import type { Pods } from './pods.js';
import type { Storage } from './storage.js';

/** What storage keeps in the world. */
declare module '../core/world.js' {
  interface World {
    readonly pods: Pods;
    /** Storage locations, the pod return rule and its figures. */
    readonly storage: Storage;
    /** Pods waiting for a robot, oldest first (each pod at most once). */
    readonly requests: { items: Int32Array; length: number };
  }
}
