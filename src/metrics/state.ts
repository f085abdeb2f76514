import type { Metrics } from './collector.js';

/** What the metrics keep in the world. */
declare module '../core/world.js' {
  interface World {
    readonly metrics: Metrics;
  }
}

/** The energy section of the resolved scenario. */
declare module '../core/config.js' {
  interface SimConfig {
    /** Grid carbon and charger losses, read by the report's energy figures. */
    energy: EnergyConfig;
  }
}

/** What the grid's energy costs in carbon and loses in the chargers: the `energy` section of the resolved scenario. */
export interface EnergyConfig {
  /** Grid carbon intensity, grams CO2e per kWh. */
  gridGramsPerKWh: number;
  /** Share of energy drawn from the grid that reaches the batteries. */
  chargerEfficiency: number;
}
