/**
 * Faults as the engine sees them: every time in ticks from the start of the
 * run, every name resolved to an index. The scenario loader builds this from
 * the file's `faults` section (src/faults/config.ts); tests may build it
 * directly.
 */

/** A scheduled window `[fromTick, toTick)`, or random up and down times (exponential means in ticks). */
export type OutageSpec = { fromTick: number; toTick: number } | { mtbfTicks: number; mttrTicks: number };

export interface FaultsConfig {
  /** Random breakdowns of every robot (exponential up and down times), or null. */
  robots: { mtbfTicks: number; mttrTicks: number } | null;
  /** Scheduled breakdowns, in file order. */
  breakdowns: { robot: number; atTick: number; forTicks: number }[];
  /** A breakdown repaired in more ticks than this blocks its cell in the distance fields (robots re-plan round it) once someone waits behind it. */
  replanAboveTicks: number;
  /**
   * Ticks a robot must wait behind such a breakdown before its cell is
   * blocked (default REPLAN_AFTER_WAIT_TICKS; 0 blocks it at once). An engine
   * knob for measurements, not in the scenario file.
   */
  replanAfterWaitTicks?: number;
  /** Closed areas: `area` is [row0, col0, row1, col1] inclusive, `cells` the robot floor inside it. */
  closures: { area: [number, number, number, number]; cells: Int32Array; fromTick: number; toTick: number }[];
  /** Conveyor jams: index into outbound.conveyors. */
  conveyors: { conveyor: number; outage: OutageSpec }[];
  /** Chutes out of service: sorter index, chute index. */
  chutes: { sorter: number; chute: number; outage: OutageSpec }[];
  /** Stations closed: station index in layout order. */
  stations: { station: number; fromTick: number; toTick: number }[];
  /** People absent: zone index, how many. */
  pickers: { zone: number; count: number; fromTick: number; toTick: number }[];
}

/** Kinds of fault, as carried by FaultStarted / FaultEnded events (operand a). */
export const enum FaultKind {
  Closure = 0,
  Conveyor = 1,
  Chute = 2,
  Station = 3,
  Pickers = 4,
}
