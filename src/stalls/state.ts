import type { StallWatch } from './watch.js';

/** What the stall watch keeps in the world. */
declare module '../core/world.js' {
  interface World {
    /** Wait-for links and stall episodes (set by the Sim); absent in worlds built without one. */
    stalls?: StallWatch | null;
  }
}
