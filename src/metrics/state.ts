import type { AlertsConfig } from './alert-rules.js';
import type { AlertDetector } from './alerts.js';
import type { Metrics } from './collector.js';
import type { StallWatch } from './stalls.js';

/** What the metrics keep in the world. */
declare module '../core/world.js' {
  interface World {
    readonly metrics: Metrics;
    /** The live alert detector (set by the Sim when the scenario has an `alerts` section); absent otherwise. */
    alerts?: AlertDetector | null;
    /** Wait-for links and stall episodes (set by the Sim); absent in worlds built without one. */
    stalls?: StallWatch | null;
  }
}

/** The alerts section of the resolved scenario. */
declare module '../core/config.js' {
  interface SimConfig {
    /** The live alert detector's rules and thresholds (omitted = no alerts). */
    alerts?: AlertsConfig | null;
  }
}
