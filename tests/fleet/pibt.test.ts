import { describe, expect, it } from 'vitest';
import { rngStream } from '../../src/core/rng.js';
import { DistanceCache, type DistanceField } from '../../src/layout/distance.js';
import { gridFromRows, type Grid } from '../../src/layout/grid.js';
import { PibtPlanner } from '../../src/fleet/pibt.js';
import type { PlanView } from '../../src/fleet/planner.js';

/** A bare planning loop: plan, check the proposal independently, apply. */
function drive(grid: Grid, starts: number[], goals: number[], ticks: number, newGoal?: (i: number, tick: number) => number) {
  const n = starts.length;
  const cache = new DistanceCache(grid);
  const cell = Int32Array.from(starts);
  const goal = Int32Array.from(goals);
  const field: (DistanceField | null)[] = goals.map((g) => cache.get(g, false));
  const view: PlanView & { tick: number } = {
    grid,
    n,
    tick: 0,
    cell,
    goal,
    goalSince: new Int32Array(n),
    field,
    loaded: new Uint8Array(n),
    fixed: new Uint8Array(n),
    heading: new Uint8Array(n),
    turnBias: 0,
    laneBias: 0,
    fields: cache,
  };
  const planner = new PibtPlanner(grid, n, { rng: rngStream(1, 'planner'), window: 8, replanEvery: 4 });
  const next = new Int32Array(n);
  let conflicts = 0;
  let arrivals = 0;
  const firstArrival = new Array(n).fill(-1);
  for (let t = 0; t < ticks; t++) {
    view.tick = t;
    planner.plan(view, next);
    const taken = new Set<number>();
    for (let i = 0; i < n; i++) {
      const adjacent = next[i] === cell[i] || [0, 1, 2, 3].some((d) => grid.nbr[cell[i] * 4 + d] === next[i]);
      if (!adjacent || taken.has(next[i])) conflicts++;
      taken.add(next[i]);
      for (let j = 0; j < n; j++) if (j !== i && next[i] === cell[j] && next[j] === cell[i] && next[i] !== cell[i]) conflicts++;
    }
    cell.set(next);
    for (let i = 0; i < n; i++) {
      if (cell[i] === goal[i]) {
        if (firstArrival[i] < 0) firstArrival[i] = t + 1;
        if (newGoal) {
          arrivals++;
          goal[i] = newGoal(i, t);
          field[i] = cache.get(goal[i], false);
          view.goalSince[i] = t;
        }
      }
    }
  }
  return { conflicts, arrivals, firstArrival, cell };
}

describe('PIBT planner', () => {
  it('takes a shortest path when alone', () => {
    const grid = gridFromRows(['@@@@@@@@', '@......@', '@.@@@@.@', '@......@', '@@@@@@@@']);
    const { firstArrival, conflicts } = drive(grid, [9], [30], 20);
    expect(conflicts).toBe(0);
    expect(firstArrival[0]).toBe(7);
  });

  it('robots swapping ends of a two-lane aisle pass each other', () => {
    // PIBT needs a way round (biconnected aisles); a single-lane dead end can trap it, as its authors note.
    const grid = gridFromRows(['@@@@@@@@@', '@.......@', '@.......@', '@@@@@@@@@']);
    const w = grid.width;
    const { firstArrival, conflicts } = drive(grid, [w + 1, w + 7, 2 * w + 1, 2 * w + 7], [w + 7, w + 1, 2 * w + 7, 2 * w + 1], 40);
    expect(conflicts).toBe(0);
    expect(firstArrival[0]).toBeGreaterThan(0);
    expect(firstArrival[1]).toBeGreaterThan(0);
    expect(firstArrival[2]).toBeGreaterThan(0);
    expect(firstArrival[3]).toBeGreaterThan(0);
  });

  it('a dense crowd with random goals never collides and keeps arriving', () => {
    const rows = ['@'.repeat(22)];
    for (let r = 0; r < 20; r++) rows.push('@' + Array.from({ length: 20 }, (_, c) => (r % 5 === 2 && c % 6 === 3 ? '@' : '.')).join('') + '@');
    rows.push('@'.repeat(22));
    const grid = gridFromRows(rows);
    const rng = rngStream(9, 'goals');
    const free = Array.from(grid.free);
    const pick = () => free[Math.floor(rng.next() * free.length)];
    const starts = free.filter((_, k) => k % 3 === 0).slice(0, 120);
    const goals = starts.map(() => pick());
    const { conflicts, arrivals } = drive(grid, starts, goals, 400, () => pick());
    expect(conflicts).toBe(0);
    expect(arrivals).toBeGreaterThan(400);
  });
});

describe('PIBT priority order', () => {
  it('the counting sort over ages gives the same order as sorting by age + tiebreak, then index', () => {
    const rows = Array.from({ length: 20 }, () => '.'.repeat(40));
    const grid = gridFromRows(rows);
    const n = 300;
    const rng = rngStream(9, 'order-test');
    const cells = grid.free;
    const view: PlanView & { tick: number } = {
      grid,
      n,
      tick: 5000,
      cell: Int32Array.from({ length: n }, (_, i) => cells[i * 2]),
      goal: Int32Array.from({ length: n }, (_, i) => (i % 7 === 0 ? -1 : cells[i * 2 + 1])),
      // Ages from 0 to 4,999 ticks, many robots sharing each (ties broken by the fixed tiebreak).
      goalSince: Int32Array.from({ length: n }, () => 5000 - Math.floor(rng.next() * 50) * 100),
      field: new Array(n).fill(null),
      loaded: new Uint8Array(n),
      fixed: new Uint8Array(n),
      heading: new Uint8Array(n),
      turnBias: 0,
      laneBias: 0,
      fields: new DistanceCache(grid),
    };
    const planner = new PibtPlanner(grid, n, { rng: rngStream(3, 'planner'), window: 1, replanEvery: 1 });
    planner.plan(view, new Int32Array(n));
    const inner = planner as unknown as { order: Int32Array; age: Int32Array; tiebreak: Float64Array };
    const prio = Float64Array.from({ length: n }, (_, i) => inner.age[i] + inner.tiebreak[i]);
    const expected = Int32Array.from({ length: n }, (_, i) => i).sort((a, b) => prio[b] - prio[a] || a - b);
    expect(Array.from(inner.order)).toEqual(Array.from(expected));
    // Robots without a goal to go to come last, and there are some.
    expect(view.goal.filter((g) => g < 0).length).toBeGreaterThan(10);
  });
});

