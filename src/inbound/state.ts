import type { InboundConfig } from './config.js';
import type { ReplenishmentConfig } from './replenishment.js';
import type { PutAway } from './put-away.js';

/** What inbound keeps in the world. */
declare module '../core/world.js' {
  interface World {
    /** Receiving and put-away (set by the inbound feature; null or absent without an `inbound` section). */
    putAway?: PutAway | null;
  }
}

/** The inbound section of the resolved scenario. */
declare module '../core/config.js' {
  interface SimConfig {
    /** Trucks, receiving and put stations; null or omitted = no inbound (stock only falls). */
    inbound?: InboundConfig | null;
    /** The replenishment policy deciding what trucks bring when their schedule does not list it; null or omitted = none. */
    replenishment?: ReplenishmentConfig | null;
  }
}
