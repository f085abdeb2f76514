import type { DistanceCache, DistanceField } from '../layout/distance.js';
import type { Grid } from '../layout/grid.js';
import type { Rng } from '../core/rng.js';

/**
 * What a planner sees each tick: the robots' arrays, read-only by convention.
 * Arrays are shared with the engine (no copies per tick).
 */
export interface PlanView {
  readonly grid: Grid;
  readonly n: number;
  readonly tick: number;
  readonly cell: Int32Array;
  /** Goal cell or -1 (no goal: stay unless pushed). */
  readonly goal: Int32Array;
  readonly goalSince: Int32Array;
  /** Distance field toward each robot's goal (null without goal). */
  readonly field: readonly (DistanceField | null)[];
  /** Where each cell's cost is in a field when fields are kept per free cell (see FloorIndex); absent: by cell. */
  readonly fieldIndex?: Int32Array;
  /**
   * Field units per cell moved (default 1): guided fields (`fleet.guidance`)
   * count ALONG (2) per cell along the lanes, more against them.
   */
  readonly fieldUnit?: number;
  /**
   * Robot i's cost at any cell, made exact first, for planners that read
   * beyond the cell and neighbours made exact each tick (guided fields,
   * grown on demand; absent: read `field[i]`, grown `lookahead` levels).
   */
  readonly fieldCost?: (i: number, cell: number) => number;
  /** 1 when the robot carries a pod: it may not enter storage cells other than its goal. */
  readonly loaded: Uint8Array;
  /** 1 when the robot must stay where it is this tick (serving, charging, flat battery). */
  readonly fixed: Uint8Array;
  readonly heading: Uint8Array;
  /**
   * Tie-break against moves that need a quarter turn first (robots that turn
   * in place lose time doing it); kept below 0.25 so it never outweighs a
   * step. 0 when robots turn for free.
   */
  readonly turnBias: number;
  /** Extra cost (below 0.5: a tie-breaker) of moving against the alternating one-way lanes; 0 turns lanes off. */
  readonly laneBias: number;
  readonly fields: DistanceCache;
  /**
   * Heading each robot turns toward while it stays (NO_DIR: none), for
   * planners that plan turns themselves (see EpibtPlanner); the movement
   * stage turns a staying robot toward it. Absent where robots do not turn.
   */
  readonly wantDir?: Uint8Array;
  /** Ticks each robot has turned toward `wantDir` so far (a turn longer than a tick is under way while above 0). */
  readonly turnProgress?: Uint16Array;
}

/**
 * A path planning strategy: writes each robot's next cell (a 4-neighbour or
 * its own cell) into `next`. The engine's traffic guard checks the result, so a
 * planner that proposes a collision gets that robot held, and the report
 * counts it as a repair.
 */
export interface Planner {
  readonly name: string;
  /** Levels of each robot's distance field the planner reads beyond its neighbours (default 1). */
  readonly lookahead?: number;
  plan(view: PlanView, next: Int32Array): void;
}

export interface PlannerOptions {
  rng: Rng;
  /** Look-ahead window in ticks (windowed planners). */
  window: number;
  /** Ticks between full replans (windowed planners). */
  replanEvery: number;
  /** Ticks a quarter turn takes (`robots.rotationSeconds` in ticks; 0: turns are free), for planners that plan turns. */
  turnTicks?: number;
  /** Operations a tick the operation planner's improvement step may try (`fleet.improve` resolved; 0 or omitted: none). */
  improve?: number;
}

export type PlannerFactory = (grid: Grid, n: number, options: PlannerOptions) => Planner;

/**
 * True when robot `i` may move from `from` onto the neighbouring `cell` (walls
 * are already excluded by the neighbour table): a loaded robot enters storage
 * only at its own goal, and nobody enters a blocked cell (a closed area) from
 * an open one; robots inside may move on inside it and leave.
 */
export function canEnter(view: PlanView, i: number, from: number, cell: number): boolean {
  return mayEnter(view.fields.blocked, view.grid.kind, view.fields.blocked[from] === 0, view.loaded[i] !== 0, view.goal[i], cell);
}

/**
 * The rule of canEnter with the robot's side of it worked out once: whether
 * it stands outside any closed area, whether it is loaded, and its goal. Hot
 * loops that try several cells for one robot call this directly.
 */
export function mayEnter(blocked: Uint16Array, kind: Uint8Array, outside: boolean, loaded: boolean, goal: number, cell: number): boolean {
  if (outside && blocked[cell] !== 0) return false;
  // Storage kind is 2 (CellKind.Storage); a loaded robot only enters its own goal there.
  return !loaded || kind[cell] !== 2 || goal === cell;
}
