import type { Grid } from '../layout/grid.js';

/**
 * A scenario resolved for the engine: every duration already converted to
 * ticks, every name checked. The scenario loader builds it; tests may build it
 * directly.
 *
 * This declares the kernel's part. Each feature adds the section it reads in
 * its own folder (`declare module '../core/config.js'` in its `state.ts`):
 * `demand` (orders), `stations` and `arms` (stations), `storage` (storage),
 * `zones` (people), `outbound` (outbound), `packing`, `operations`, `faults`,
 * and `energy` and `alerts` (metrics). So the kernel imports no feature, and
 * a feature's settings sit next to its code.
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
  fleet: FleetConfig;
  /** Tick of the day at which the run starts (0 = midnight); hourly profiles, shifts and cut-offs follow the day clock. */
  startOfDayTick: number;
  /** Ticks in a day. */
  dayTicks: number;
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

export type TickDistribution =
  | { kind: 'fixed'; value: number }
  | { kind: 'uniform'; min: number; max: number }
  | { kind: 'exponential'; mean: number }
  | { kind: 'lognormal'; mean: number; sd: number };

export interface FleetConfig {
  assignment: string;
  planner: string;
  /** Window (ticks) of the windowed planners. */
  window: number;
  /** Ticks between replans of the windowed planners. */
  replanEvery: number;
  /** Distances the planners steer by: plain (`none`, omitted), guided by one-way lanes, or lanes plus learned traffic costs (see GuidedSteering). */
  guidance?: 'none' | 'lanes' | 'traffic';
  /** Operations a tick the operation planner's (`epibt`) improvement step may try, or `auto` (see autoImproveBudget; omitted: none). */
  improve?: number | 'auto';
  /** A stall episode longer than this many ticks is counted in the report (omitted = 30 s). */
  stallTicks?: number;
}
