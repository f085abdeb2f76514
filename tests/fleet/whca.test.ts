import { describe, it, expect } from 'vitest';
import { gridFromRows, type Grid } from '../../src/layout/grid.js';
import { DistanceCache, type DistanceField } from '../../src/layout/distance.js';
import { rngStream } from '../../src/core/rng.js';
import type { PlanView } from '../../src/fleet/planner.js';
import { WhcaPlanner } from '../../src/fleet/whca.js';

/** A PlanView the test loop may mutate (the interface is read-only by convention only). */
interface SimView {
  grid: Grid;
  n: number;
  tick: number;
  cell: Int32Array;
  goal: Int32Array;
  goalSince: Int32Array;
  field: (DistanceField | null)[];
  loaded: Uint8Array;
  fixed: Uint8Array;
  heading: Uint8Array;
  turnBias: number;
  laneBias: number;
  fields: DistanceCache;
}

const STORAGE = 2;

function makeView(grid: Grid, starts: number[], goals: number[], loaded: number[] = []): SimView {
  const n = starts.length;
  const cache = new DistanceCache(grid);
  const view: SimView = {
    grid,
    n,
    tick: 0,
    cell: Int32Array.from(starts),
    goal: new Int32Array(n).fill(-1),
    goalSince: new Int32Array(n),
    field: new Array<DistanceField | null>(n).fill(null),
    loaded: Uint8Array.from({ length: n }, (_, i) => loaded[i] ?? 0),
    fixed: new Uint8Array(n),
    heading: new Uint8Array(n),
    turnBias: 0,
    laneBias: 0,
    fields: cache,
  };
  for (let i = 0; i < n; i++) setGoal(view, i, goals[i]);
  return view;
}

function setGoal(view: SimView, i: number, goal: number): void {
  view.goal[i] = goal;
  view.goalSince[i] = view.tick;
  view.field[i] = goal >= 0 ? view.fields.get(goal, view.loaded[i] === 1) : null;
}

/** Everything wrong with a proposed step: jumps, moving fixed robots, shared targets, swaps. */
function violations(view: SimView, next: Int32Array): string[] {
  const { n, cell, grid } = view;
  const errors: string[] = [];
  const standing = new Map<number, number>();
  for (let i = 0; i < n; i++) standing.set(cell[i], i);
  const target = new Map<number, number>();
  for (let i = 0; i < n; i++) {
    const here = cell[i];
    const to = next[i];
    let adjacent = to === here;
    for (let d = 0; d < 4; d++) if (grid.nbr[here * 4 + d] === to) adjacent = true;
    if (!adjacent) errors.push(`t${view.tick}: robot ${i} jumps ${here} -> ${to}`);
    if (view.fixed[i] && to !== here) errors.push(`t${view.tick}: fixed robot ${i} moves`);
    const other = target.get(to);
    if (other !== undefined) errors.push(`t${view.tick}: robots ${other} and ${i} both enter ${to}`);
    target.set(to, i);
    const j = standing.get(to);
    if (j !== undefined && j !== i && next[j] === here && i < j) {
      errors.push(`t${view.tick}: robots ${i} and ${j} swap ${here} <-> ${to}`);
    }
  }
  return errors;
}

/** One tick: plan, check, apply. Returns the violations found (the moves are applied regardless). */
function step(view: SimView, planner: WhcaPlanner, next: Int32Array): string[] {
  next.fill(-2);
  planner.plan(view as PlanView, next);
  const errors = violations(view, next);
  view.cell.set(next);
  view.tick++;
  return errors;
}

/** Fixed-seed LCG (Numerical Recipes constants) so failures reproduce exactly. */
function lcg(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (Math.imul(s, 1664525) + 1013904223) >>> 0;
    return s / 0x100000000;
  };
}

function options(seed: number, window = 8, replanEvery = 4) {
  return { rng: rngStream(seed, 'whca'), window, replanEvery };
}

function open(width: number, height: number): Grid {
  return gridFromRows(Array.from({ length: height }, () => '.'.repeat(width)));
}

/** 20x20 with a 3x3 lattice of 2x2 pillars: walls but no dead ends. */
function pillars(): Grid {
  const rows: string[] = [];
  for (let r = 0; r < 20; r++) {
    let row = '';
    for (let c = 0; c < 20; c++) {
      const wallRow = r === 4 || r === 5 || r === 9 || r === 10 || r === 14 || r === 15;
      const wallCol = c === 3 || c === 4 || c === 9 || c === 10 || c === 15 || c === 16;
      row += wallRow && wallCol ? '@' : '.';
    }
    rows.push(row);
  }
  return gridFromRows(rows);
}

interface FleetRun {
  errors: string[];
  arrivals: number;
  moves: number[];
}

/** n robots on distinct random cells chasing distinct random goals; a new goal on every arrival. */
function runFleet(grid: Grid, n: number, ticks: number, seed: number, plannerSeed: number, replanEvery = 4): FleetRun {
  const rand = lcg(seed);
  const free = Array.from(grid.free);
  const pick = (taken: Set<number>): number => {
    for (;;) {
      const c = free[Math.floor(rand() * free.length)];
      if (!taken.has(c)) return c;
    }
  };
  const starts: number[] = [];
  const startSet = new Set<number>();
  for (let i = 0; i < n; i++) {
    const c = pick(startSet);
    startSet.add(c);
    starts.push(c);
  }
  const goals: number[] = [];
  const goalSet = new Set<number>(starts);
  for (let i = 0; i < n; i++) {
    const g = pick(goalSet);
    goalSet.add(g);
    goals.push(g);
  }
  const view = makeView(grid, starts, goals);
  const planner = new WhcaPlanner(grid, n, options(plannerSeed, 8, replanEvery));
  const next = new Int32Array(n);
  const run: FleetRun = { errors: [], arrivals: 0, moves: [] };
  for (let t = 0; t < ticks; t++) {
    run.errors.push(...step(view, planner, next));
    run.moves.push(...next);
    for (let i = 0; i < n; i++) {
      if (view.cell[i] !== view.goal[i]) continue;
      run.arrivals++;
      const taken = new Set<number>(view.goal);
      taken.add(view.cell[i]);
      setGoal(view, i, pick(taken));
    }
  }
  return run;
}

describe('WhcaPlanner', () => {
  it('moves a lone robot along a shortest path, one cell per tick, even beyond its window', () => {
    const grid = open(10, 10);
    const start = 0 * 10 + 0;
    const goal = 6 * 10 + 6; // 12 steps away, window 8
    const view = makeView(grid, [start], [goal]);
    const planner = new WhcaPlanner(grid, 1, options(1));
    expect(planner.name).toBe('whca');
    const next = new Int32Array(1);
    let arrivedAt = -1;
    for (let t = 0; t < 20; t++) {
      expect(step(view, planner, next)).toEqual([]);
      if (arrivedAt < 0 && view.cell[0] === goal) arrivedAt = view.tick;
    }
    expect(arrivedAt).toBe(12);
    expect(view.cell[0]).toBe(goal); // and it stays there
    expect(planner.fallbacks).toBe(0);
  });

  it('lets two robots cross head-on in a corridor by dodging into a side pocket', () => {
    const grid = gridFromRows([
      '@@@@@@@@@@@@', //
      '@..........@',
      '@@@@@..@@@@@',
      '@@@@@@@@@@@@',
    ]);
    const a = 1 * 12 + 1;
    const b = 1 * 12 + 10;
    for (let seed = 1; seed <= 6; seed++) {
      const view = makeView(grid, [a, b], [b, a]);
      const planner = new WhcaPlanner(grid, 2, options(seed));
      const next = new Int32Array(2);
      for (let t = 0; t < 40; t++) expect(step(view, planner, next)).toEqual([]);
      expect(Array.from(view.cell)).toEqual([b, a]);
    }
  });

  it('makes an idle robot step aside for one with a goal, and routes around a fixed robot', () => {
    const corridor = gridFromRows([
      '@@@@@@@@@@@@', //
      '@..........@',
      '@@@@@.@@@@@@',
      '@@@@@@@@@@@@',
    ]);
    const idleAt = 1 * 12 + 5;
    const view = makeView(corridor, [1 * 12 + 1, idleAt], [1 * 12 + 10, -1]);
    const planner = new WhcaPlanner(corridor, 2, options(3));
    const next = new Int32Array(2);
    for (let t = 0; t < 30; t++) expect(step(view, planner, next)).toEqual([]);
    expect(view.cell[0]).toBe(1 * 12 + 10);

    const grid = open(7, 3);
    const fixedAt = 1 * 7 + 3;
    const v2 = makeView(grid, [1 * 7 + 0, fixedAt], [1 * 7 + 6, -1]);
    v2.fixed[1] = 1;
    const p2 = new WhcaPlanner(grid, 2, options(4));
    const n2 = new Int32Array(2);
    for (let t = 0; t < 15; t++) expect(step(v2, p2, n2)).toEqual([]);
    expect(Array.from(v2.cell)).toEqual([1 * 7 + 6, fixedAt]);
  });

  it('runs 20 robots with random goals for 200 ticks without a single conflict', () => {
    const grid = pillars();
    for (const seed of [7, 8, 9]) {
      const run = runFleet(grid, 20, 200, seed, seed);
      expect(run.errors).toEqual([]);
      expect(run.arrivals).toBeGreaterThanOrEqual(15);
    }
    // Replanning every tick and rarely (plans then run out and are redone one by one) stays safe too.
    for (const replanEvery of [1, 12]) {
      const run = runFleet(grid, 20, 200, 10, 10, replanEvery);
      expect(run.errors).toEqual([]);
      expect(run.arrivals).toBeGreaterThanOrEqual(15);
    }
  });

  it('never lets a loaded robot drive under a storage cell other than its goal', () => {
    const grid = gridFromRows([
      '..........', //
      '.RRRRRRRR.',
      '.RRRRRRRR.',
      '..........',
    ]);
    const at = (r: number, c: number) => r * 10 + c;
    const starts = [at(0, 1), at(3, 2), at(0, 8), at(3, 7)];
    const goals = [at(3, 8), at(2, 5), at(3, 1), at(0, 2)];
    const loaded = [1, 1, 0, 1];
    const view = makeView(grid, starts, goals, loaded);
    const planner = new WhcaPlanner(grid, starts.length, options(5));
    const next = new Int32Array(starts.length);
    let crossedStorage = false;
    for (let t = 0; t < 40; t++) {
      next.fill(-2);
      planner.plan(view as PlanView, next);
      expect(violations(view, next)).toEqual([]);
      for (let i = 0; i < view.n; i++) {
        const storage = grid.kind[next[i]] === STORAGE;
        if (view.loaded[i] === 1 && storage) expect(next[i]).toBe(view.goal[i]);
        if (view.loaded[i] === 0 && storage) crossedStorage = true;
      }
      view.cell.set(next);
      view.tick++;
    }
    expect(Array.from(view.cell)).toEqual(goals);
    // The empty robot takes the short way under the pods, so the rule is about load, not the map.
    expect(crossedStorage).toBe(true);
  });

  it('is deterministic: the same inputs give the same moves', () => {
    const grid = pillars();
    const first = runFleet(grid, 20, 120, 11, 3);
    const second = runFleet(grid, 20, 120, 11, 3);
    expect(second.moves).toEqual(first.moves);
    expect(first.errors).toEqual([]);
  });

  it('needs no more of a lazy distance field than its lookahead', () => {
    // The engine grows each robot's field to (own distance + lookahead) before planning; with
    // only that much settled the planner must move exactly as it does with complete fields.
    const grid = pillars();
    const full = runFleet(grid, 20, 80, 21, 2);
    const rand = lcg(21);
    const free = Array.from(grid.free);
    const pick = (taken: Set<number>): number => {
      for (;;) {
        const c = free[Math.floor(rand() * free.length)];
        if (!taken.has(c)) return c;
      }
    };
    const starts: number[] = [];
    for (let i = 0; i < 20; i++) starts.push(pick(new Set(starts)));
    const goals: number[] = [];
    const goalSet = new Set<number>(starts);
    for (let i = 0; i < 20; i++) {
      const g = pick(goalSet);
      goalSet.add(g);
      goals.push(g);
    }
    const view = makeView(grid, starts, goals);
    const cache = new DistanceCache(grid); // fresh cache: nothing settled yet
    const lazy = goals.map((g) => cache.lazy(g, false));
    for (let i = 0; i < 20; i++) view.field[i] = lazy[i].dist;
    const planner = new WhcaPlanner(grid, 20, options(2));
    expect(planner.lookahead).toBe(8);
    const next = new Int32Array(20);
    const moves: number[] = [];
    for (let t = 0; t < 80; t++) {
      for (let i = 0; i < 20; i++) lazy[i].ensure(view.cell[i], planner.lookahead);
      expect(step(view, planner, next)).toEqual([]);
      moves.push(...next);
      for (let i = 0; i < 20; i++) {
        if (view.cell[i] !== view.goal[i]) continue;
        const taken = new Set<number>(view.goal);
        taken.add(view.cell[i]);
        const g = pick(taken);
        view.goal[i] = g;
        view.goalSince[i] = view.tick;
        lazy[i] = cache.lazy(g, false);
        view.field[i] = lazy[i].dist;
      }
    }
    expect(moves).toEqual(full.moves);
    expect(lazy.some((f) => !f.complete)).toBe(true); // the lazy run really did read partial fields
  });

  it('replans a robot whose goal changes between rounds without waiting for the next round', () => {
    const grid = open(10, 1);
    const view = makeView(grid, [5], [9]);
    const planner = new WhcaPlanner(grid, 1, options(6, 8, 100));
    const next = new Int32Array(1);
    step(view, planner, next);
    expect(view.cell[0]).toBe(6);
    setGoal(view, 0, 0);
    step(view, planner, next);
    expect(view.cell[0]).toBe(5);
  });
});
