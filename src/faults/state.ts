import type { FaultEngine } from './engine.js';
import type { FaultsConfig } from './types.js';

/** What faults keep in the world. */
declare module '../core/world.js' {
  interface World {
    /** Faults and the controller's response to them (set by the Sim when the scenario has faults), or null. */
    faults: FaultEngine | null;
  }
}

/** The faults section of the resolved scenario. */
declare module '../core/config.js' {
  interface SimConfig {
    /** Faults on the run's clock: breakdowns, closures, jams, stations and people out (omitted = none). */
    faults?: FaultsConfig | null;
  }
}
