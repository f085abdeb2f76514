import { z } from 'zod';
import type { FleetConfig, RobotConfig } from '../core/config.js';
import { CellKind, robotWalkable, type Grid } from '../layout/grid.js';
import { Cell, type Fail, PositiveDuration, secondsOf } from '../scenario/primitives.js';
import { IMPROVE_LIMIT } from './improve-budget.js';

/** The `robots` and `fleet` sections of the scenario file: the robots, their batteries and how the fleet is controlled. */

export const Battery = z.strictObject({
  capacityWh: z.number().positive().max(1e7).default(1000),
  moveWh: z.number().nonnegative().finite().default(0.5).describe('Energy per cell moved (Wh)'),
  idleWatts: z.number().nonnegative().finite().default(30).describe('Base draw while on (W)'),
  chargeWatts: z.number().positive().finite().default(2000),
  chargeBelow: z.number().min(0).max(1).default(0.2).describe('Go charging below this fraction'),
  chargeUntil: z.number().min(0).max(1).default(0.95),
  initial: z.number().min(0).max(1).default(1),
});

export const Robots = z.strictObject({
  count: z.number().int().nonnegative().max(100_000).describe('Robots; 0 for a site with people only'),
  start: z.array(Cell).optional().describe('Start cells; omitted = spread over free floor'),
  speed: z.number().min(0.01).max(100).default(1).describe('Metres per second: one cell per tick'),
  rotationSeconds: z.number().nonnegative().max(3600).default(0).describe('Time for a 90-degree turn; 0 = free'),
  battery: Battery.prefault({}),
});

const IMPROVE_EXPECTED = `expected 'auto' or a whole number of operations from 0 to ${IMPROVE_LIMIT}`;

export const Fleet = z.strictObject({
  assignment: z
    .enum(['nearest', 'hungarian', 'errands'])
    .default('nearest')
    .describe("Pod requests to idle robots: 'nearest' the oldest request takes the nearest robot; 'hungarian' least total travel per batch; 'errands' the League of Robot Runners scheduler's rule (cheapest pair first, take-overs of fetches not yet lifted)"),
  planner: z.enum(['pibt', 'whca', 'epibt']).default('pibt'),
  window: z.number().int().min(1).max(64).default(8),
  replanEvery: z.number().int().min(1).max(64).default(4),
  guidance: z
    .enum(['none', 'lanes', 'traffic'])
    .default('none')
    .describe("Distances the planners steer by: 'none' plain shortest ways; 'lanes' moves against one-way corridor lanes cost 6x; 'traffic' lanes plus a learned cost of entering jammed cells (pibt and epibt)"),
  improve: z
    // One message for every wrong value, whichever check refuses it.
    .union([
      z.literal('auto', { error: IMPROVE_EXPECTED }),
      z.number({ error: IMPROVE_EXPECTED }).int({ error: IMPROVE_EXPECTED }).min(0, { error: IMPROVE_EXPECTED }).max(IMPROVE_LIMIT, { error: IMPROVE_EXPECTED }),
    ])
    .default(0)
    .describe(
      "epibt only: operations a tick its improvement step (the one wsim lorr runs) may try after planning, counted as work so runs stay deterministic; 0 (the default) none; 'auto' a million up to 1,000 robots, 10^9 / robots past that",
    ),
  stallThreshold: PositiveDuration.default('30s').describe('A stall episode (robots standing still on their way) counts in robots.stalls when it lasts longer than this'),
});

export type RobotsFile = z.output<typeof Robots>;

/**
 * The robots' start cells written in `robots.start` (null when omitted: they
 * are spread over the floor), each checked to be on the layout, on floor
 * robots drive on and not shared; without them, checks that the robots fit
 * on the floor and storage cells.
 */
export function robotStarts(rb: RobotsFile, grid: Grid, fail: Fail): Int32Array | null {
  if (!rb.start) {
    // Robots are placed on floor and storage cells, never on stations or chargers.
    let room = 0;
    for (const c of grid.free) if (grid.kind[c] === CellKind.Floor || grid.kind[c] === CellKind.Storage) room++;
    if (rb.count > room) fail('robots.count', `${rb.count} robots do not fit on the layout's ${room} floor and storage cells (stations and chargers are kept clear)`);
    return null;
  }
  if (rb.start.length !== rb.count) fail('robots.start', `has ${rb.start.length} cells but robots.count is ${rb.count}`);
  const starts = new Int32Array(rb.start.length);
  const seen = new Map<number, number>();
  rb.start.forEach(([row, col], k) => {
    const path = `robots.start[${k}]`;
    if (row >= grid.height || col >= grid.width) return fail(path, `[${row}, ${col}] is outside the ${grid.height}x${grid.width} layout`);
    const cell = row * grid.width + col;
    if (!robotWalkable(grid.kind[cell])) return fail(path, `[${row}, ${col}] is not floor robots may drive on`);
    const dup = seen.get(cell);
    if (dup !== undefined) return fail(path, `[${row}, ${col}] is also robots.start[${dup}]: two robots cannot start in one cell`);
    seen.set(cell, k);
    starts[k] = cell;
  });
  return starts;
}

/**
 * Resolves the `robots` section with its start cells: the battery's charging
 * thresholds checked (and a charger required when robots need charging),
 * watts and seconds to ticks.
 */
export function buildRobots(rb: RobotsFile, starts: Int32Array | null, grid: Grid, tick: number, fail: Fail): RobotConfig {
  const b = rb.battery;
  if (b.chargeUntil <= b.chargeBelow) fail('robots.battery.chargeUntil', `must be above chargeBelow (${b.chargeBelow})`);
  if (rb.count > 0 && b.chargeBelow > 0 && grid.chargers.length === 0 && b.moveWh + b.idleWatts > 0) {
    fail('layout', "robots need charging (robots.battery.chargeBelow > 0) but the layout has no charger: add 'C' cells or set chargeBelow to 0");
  }
  return {
    count: rb.count,
    starts,
    rotationTicks: Math.round(rb.rotationSeconds / tick),
    battery: {
      capacityWh: b.capacityWh,
      moveWh: b.moveWh,
      idleWhPerTick: (b.idleWatts * tick) / 3600,
      chargeWhPerTick: (b.chargeWatts * tick) / 3600,
      chargeBelow: b.chargeBelow,
      chargeUntil: b.chargeUntil,
      initial: b.initial,
    },
  };
}

/** Resolves the `fleet` section: the stall threshold in ticks (at least one). */
export function buildFleet(fleet: z.output<typeof Fleet>, tick: number): FleetConfig {
  return { ...fleet, stallTicks: Math.max(1, Math.round(secondsOf(fleet.stallThreshold) / tick)) };
}
