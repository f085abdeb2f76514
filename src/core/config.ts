import type { Grid } from '../layout/grid.js';

/**
 * A scenario resolved for the engine: every duration already converted to
 * ticks, every name checked. The scenario loader builds it; tests may build it
 * directly.
 *
 * This declares the kernel's part and the plain settings of demand, stations
 * and storage. Each feature adds the section it reads in its own folder
 * (`declare module '../core/config.js'` in its `state.ts`): `zones` (people),
 * `outbound` (outbound), `arms` (stations), `packing`, `operations`,
 * `faults` and `alerts` (metrics). So the kernel imports no feature, and a
 * feature's settings sit next to its code.
 */
export interface SimConfig {
  name: string;
  seed: number | string;
  /** Seconds of simulated time per tick: one cell move takes one tick. */
  tickSeconds: number;
  /** Metres per cell. */
  cellSize: number;
  /** Ticks to simulate. */
  ticks: number;
  grid: Grid;
  robots: RobotConfig;
  demand: DemandConfig;
  stations: StationConfig;
  fleet: FleetConfig;
  /** Tick of the day at which the run starts (0 = midnight); hourly profiles, shifts and cut-offs follow the day clock. */
  startOfDayTick: number;
  /** Ticks in a day. */
  dayTicks: number;
  energy: EnergyConfig;
  /** Storage locations: pod fill and the pod return rule (omitted = every location holds a pod, fixed homes). */
  storage?: StorageConfig;
}

export interface StorageConfig {
  /** Rule picking where a pod goes after a station visit (a name in POD_RETURN). */
  podReturn: string;
  /** Share of storage locations holding a pod at the start (1 = all). */
  podFill: number;
}

export interface EnergyConfig {
  /** Grid carbon intensity, grams CO2e per kWh. */
  gridGramsPerKWh: number;
  /** Share of energy drawn from the grid that reaches the batteries. */
  chargerEfficiency: number;
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
  /** Due time after arrival, in ticks (for SLA), when the order's dock has no cut-off. */
  dueTicks: number;
  /** Arrival rate multiplier on top of the profile (a 3x sale day = 3). */
  peakFactor: number;
  /** Units per order line. */
  unitsMin: number;
  unitsMax: number;
  /** Probability that a line after an order's first is drawn from the first line's SKU family (0 = independent lines). */
  affinity?: number;
  /** SKUs per family (for affinity and correlated slotting). */
  familySize?: number;
  /** Ticks between re-slotting looks of a re-slotting strategy (dynamic). */
  reslotEveryTicks?: number;
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
  /** Order-to-station assignment (a name in ORDER_ASSIGNMENTS; omitted = least-loaded). */
  orderAssignment?: string;
}

export interface FleetConfig {
  assignment: string;
  planner: string;
  /** Window (ticks) of the windowed planners. */
  window: number;
  /** Ticks between replans of the windowed planners. */
  replanEvery: number;
  /** A stall episode longer than this many ticks is counted in the report (omitted = 30 s). */
  stallTicks?: number;
}
