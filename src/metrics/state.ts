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

/** The alerts and energy sections of the resolved scenario. */
declare module '../core/config.js' {
  interface SimConfig {
    /** Grid carbon and charger losses, read by the report's energy figures. */
    energy: EnergyConfig;
    /** The live alert detector's rules and thresholds (omitted = no alerts). */
    alerts?: AlertsConfig | null;
  }
}

/** What the grid's energy costs in carbon and loses in the chargers: the `energy` section of the resolved scenario. */
export interface EnergyConfig {
  /** Grid carbon intensity, grams CO2e per kWh. */
  gridGramsPerKWh: number;
  /** Share of energy drawn from the grid that reaches the batteries. */
  chargerEfficiency: number;
}
