import type { ShippingConfig } from './schema.js';
import type { ShippingBook } from './shipping.js';

/** What shipping keeps in the world. */
declare module '../core/world.js' {
  interface World {
    /** Parcels and split orders (set by the shipping feature when the scenario has service classes); absent or null otherwise. */
    shipping?: ShippingBook | null;
  }
}

/** The shipping section of the resolved scenario. */
declare module '../core/config.js' {
  interface SimConfig {
    /** Shipping rules per service class (omitted or null = every class ships complete). */
    shipping?: ShippingConfig | null;
  }
}
