import type { AlertDetector } from './detector.js';
import type { AlertsConfig } from './rules.js';

/** What the alerts keep in the world. */
declare module '../core/world.js' {
  interface World {
    /** The live alert detector (set by the Sim when the scenario has an `alerts` section); absent otherwise. */
    alerts?: AlertDetector | null;
  }
}

/** The alerts section of the resolved scenario. */
declare module '../core/config.js' {
  interface SimConfig {
    /** The live alert detector's rules and thresholds (omitted = no alerts). */
    alerts?: AlertsConfig | null;
  }
}
