import type { OperationsConfig } from './operations-config.js';
import type { Operations } from './operations.js';

/** What forecast-driven operations keep in the world. */
declare module '../core/world.js' {
  interface World {
    /** Forecast-driven operations (set by the Sim when the scenario has an `operations` section); absent otherwise. */
    operations?: Operations | null;
  }
}

/** The operations section of the resolved scenario. */
declare module '../core/config.js' {
  interface SimConfig {
    /** Forecast-driven operations: robots and people on duty per hour, re-slotting ahead of peaks (omitted = none: everyone on duty). */
    operations?: OperationsConfig | null;
  }
}
