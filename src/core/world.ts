import type { SimConfig } from './config.js';
import type { EventBuffer } from './events.js';
import type { Rng } from './rng.js';
import { RobotState, type Robots } from './robots.js';
import type { DistanceCache } from '../layout/distance.js';
import { CellKind, type Grid } from '../layout/grid.js';

/**
 * Everything the tick loop reads and writes. Stages are free functions over it.
 *
 * This declares the kernel's part: the clock, the floor, the robots and what
 * they share. Each feature adds its own state in its folder's `state.ts`
 * (`declare module '../core/world.js'`): orders (`books`, `totes`, ...),
 * storage (`pods`, `storage`, `requests`), stations, site, faults,
 * operations and metrics. The world is built whole by src/sim/create-world.ts.
 */
export interface World {
  readonly config: SimConfig;
  readonly grid: Grid;
  tick: number;
  readonly robots: Robots;
  readonly fields: DistanceCache;
  /** Robot standing on each cell, or -1. */
  readonly occ: Int32Array;
  /** Robot on / bound for each charger (index into grid.chargers), or -1. */
  readonly chargerRobot: Int32Array;
  /** Random streams drawn from by more than one stage: order arrivals and lines, and pick times. */
  readonly rng: { demand: Rng; picking: Rng };
  readonly events: EventBuffer;
}

/** Places robots without start cells on evenly spread free floor cells (plain floor first, then storage). */
export function defaultStarts(grid: Grid, count: number): Int32Array {
  const floor: number[] = [];
  const storage: number[] = [];
  for (const c of grid.free) {
    if (grid.kind[c] === CellKind.Floor) floor.push(c);
    else if (grid.kind[c] === CellKind.Storage) storage.push(c);
  }
  const pool = count <= floor.length ? floor : floor.concat(storage);
  if (count > pool.length) throw new Error(`${count} robots do not fit on ${pool.length} free cells`);
  const starts = new Int32Array(count);
  for (let k = 0; k < count; k++) starts[k] = pool[Math.floor((k * pool.length) / count)];
  return starts;
}

/** Points robot i at `goal` (or nowhere with -1), fetching the matching distance field. */
export function setGoal(w: World, i: number, goal: number): void {
  const r = w.robots;
  r.goal[i] = goal;
  r.goalSince[i] = w.tick;
  r.goalEpoch[i]++;
  r.detourFrom[i] = -1;
  const lazy = goal < 0 ? null : w.fields.lazy(goal, r.pod[i] >= 0);
  r.lazy[i] = lazy;
  r.field[i] = lazy === null ? null : lazy.dist;
  lazy?.ensure(r.cell[i]);
}

/**
 * Whether `cell` is out of bounds for a new goal of robot i because of a
 * fault: inside a closed area, held by a robot broken down for long (both
 * blocked in the distance fields), or with another broken-down robot on it.
 */
export function cellBlocked(w: World, cell: number, i: number): boolean {
  if (w.fields.blocked[cell] !== 0) return true;
  const j = w.occ[cell];
  return j >= 0 && j !== i && w.robots.state[j] === RobotState.Broken;
}
