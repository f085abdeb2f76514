import type { InventoryConfig } from './config.js';
import type { Stock } from './stock.js';

/** What the inventory keeps in the world. */
declare module '../core/world.js' {
  interface World {
    /** Units in pod slots, reservations, backorders and the stock figures (set by the inventory feature; null or absent when the scenario has no `inventory`). */
    inventory?: Stock | null;
  }
}

/** The inventory section of the resolved scenario. */
declare module '../core/config.js' {
  interface SimConfig {
    /** Finite stock in pod slots; null or omitted = endless supply. */
    inventory?: InventoryConfig | null;
  }
}
