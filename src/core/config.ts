import type { Grid } from '../layout/grid.js';

/**
 * A scenario resolved for the engine: every duration already converted to
 * ticks, every name checked. The scenario loader builds it; tests may build it
 * directly.
 */
export interface SimConfig {
  name: string;
  seed: number | string;
  /** Seconds of simulated time per tick: one cell move takes one tick. */
  tickSeconds: number;
  /** Ticks to simulate. */
  ticks: number;
  grid: Grid;
  robots: RobotConfig;
  demand: DemandConfig;
  stations: StationConfig;
  fleet: FleetConfig;
}

export interface RobotConfig {
  count: number;
  /** Start cells, or null to place robots deterministically on free floor. */
  starts: Int32Array | null;
  /** Ticks a 90-degree turn takes; 0 turns in place for free. */
  rotationTicks: number;
  battery: BatteryConfig;
}

export interface BatteryConfig {
  capacityWh: number;
  moveWh: number;
  idleWhPerTick: number;
  chargeWhPerTick: number;
  /** Fraction of capacity below which an idle robot goes to charge. */
  chargeBelow: number;
  /** Fraction of capacity at which charging stops. */
  chargeUntil: number;
  /** Fraction of capacity at start. */
  initial: number;
}

/** Arrival rate multiplier as a piecewise-constant function of simulated time. */
export interface RateSegment {
  fromTick: number;
  multiplier: number;
}

export interface DemandConfig {
  ordersPerHour: number;
  /** Sorted by fromTick; the first segment starts at 0. Repeats every `profilePeriodTicks` if > 0. */
  profile: RateSegment[];
  profilePeriodTicks: number;
  linesMin: number;
  linesMax: number;
  skuCount: number;
  zipf: number;
  /** Pods each SKU is stored in. */
  replicas: number;
  slotting: string;
  /** Due time after arrival, in ticks (for SLA). */
  dueTicks: number;
}

export type TickDistribution =
  | { kind: 'fixed'; value: number }
  | { kind: 'uniform'; min: number; max: number }
  | { kind: 'exponential'; mean: number }
  | { kind: 'lognormal'; mean: number; sd: number };

export interface StationConfig {
  /** Pick time per order line, in ticks. */
  pick: TickDistribution;
  pickers: number;
  /** Pods that may be assigned to one station at once (inbound + being picked). */
  queueCapacity: number;
}

export interface FleetConfig {
  assignment: string;
  planner: string;
  /** Window (ticks) of the windowed planners. */
  window: number;
  /** Ticks between replans of the windowed planners. */
  replanEvery: number;
}
