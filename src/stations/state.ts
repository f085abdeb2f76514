import type { ArmSpec } from './arms.js';
import type { StationConfig } from './config.js';
import type { Stations } from './stations.js';

/** What the pick stations keep in the world. */
declare module '../core/world.js' {
  interface World {
    readonly stations: Stations;
    /** Station index per cell (-1 elsewhere). */
    readonly stationAt: Int32Array;
  }
}

/** The stations' sections of the resolved scenario. */
declare module '../core/config.js' {
  interface SimConfig {
    stations: StationConfig;
    /** Robotic picking arms at some stations (omitted = people at every station). */
    arms?: ArmSpec[] | null;
  }
}
