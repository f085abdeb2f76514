import { describe, expect, it } from 'vitest';
import { OperationPlanner, type OperationPlannerOptions, type OperationView } from '../../src/fleet/epibt.js';
import { buildOperations, OP_C, OP_DEPTH, OP_F, OP_R, OP_W } from '../../src/fleet/operations.js';
import { gridFromRows } from '../../src/layout/grid.js';
import { ACTION_C, ACTION_F, ACTION_R, ACTION_W } from '../../src/lorr/output.js';
import { rngStream } from '../../src/core/rng.js';

const LETTERS = 'FRCW';
const name = (actions: Uint8Array, k: number) => [0, 1, 2].map((t) => LETTERS[actions[k * OP_DEPTH + t]]).join('');

describe('operations', () => {
  it('are the distinct three-action sequences, with the fewest turns kept', () => {
    const ops = buildOperations();
    const names = Array.from({ length: ops.count }, (_, k) => name(ops.actions, k));
    expect(new Set(names).size).toBe(ops.count);
    expect(ops.count).toBe(31);
    expect(names[ops.stay]).toBe('WWW');
    // Turning right then left is waiting twice: only the waits are kept.
    expect(names).toContain('FWW');
    expect(names).not.toContain('FRC');
    // Turning round is two right turns; two left turns end the same way.
    expect(names).toContain('RRF');
    expect(names).not.toContain('CCF');
    // Forward first: moving now is preferred among equals.
    expect(names[0]).toBe('FFF');
  });

  it('with turns of two ticks: three actions still, a turn or a wait lasting two ticks, kept tick by tick', () => {
    const ops = buildOperations(2);
    expect(ops.ticks).toBe(6);
    expect(ops.turnTicks).toBe(2);
    const ticks = (k: number) => Array.from(ops.actions.slice(k * ops.ticks, (k + 1) * ops.ticks), (a) => LETTERS[a]).join('');
    const names = Array.from({ length: ops.count }, (_, k) => ticks(k));
    expect(new Set(names).size).toBe(ops.count);
    expect(ops.count).toBe(31);
    expect(names[ops.stay]).toBe('WWWWWW');
    // Forward three times, then waiting out the operation; turning round and driving off fits in one.
    expect(names[0]).toBe('FFFWWW');
    expect(names).toContain('RWRWFW');
    // A wait lasts as long as a turn, so a robot that waits while another turns round drives off with it.
    expect(names).toContain('WWWWFW');
    // Nothing moves or turns in the tick after a turn begins.
    for (const n of names) for (let t = 0; t + 1 < n.length; t++) if (n[t] === 'R' || n[t] === 'C') expect(n[t + 1]).toBe('W');
    // A turn undone at once is waiting, only slower: not kept.
    expect(names).not.toContain('RWCWFW');
  });

  it('with turns of three ticks: the same operations, nine ticks long; turns take no fraction of a tick', () => {
    const ops = buildOperations(3);
    expect(ops.ticks).toBe(9);
    expect(ops.count).toBe(31);
    const first = Array.from(ops.actions.slice(0, ops.ticks), (a) => LETTERS[a]).join('');
    expect(first).toBe('FFFWWWWWW');
    expect(() => buildOperations(0)).toThrow(/whole number of ticks/);
    expect(() => buildOperations(1.5)).toThrow(/whole number of ticks/);
  });

  it('of four and five actions: the distinct sequences, counted by hand-checked rules', () => {
    const four = buildOperations(1, 4);
    const five = buildOperations(1, 5);
    const names = (ops: typeof four) =>
      Array.from({ length: ops.count }, (_, k) => Array.from(ops.actions.slice(k * ops.ticks, (k + 1) * ops.ticks), (a) => LETTERS[a]).join(''));
    const n4 = names(four);
    const n5 = names(five);
    expect(new Set(n4).size).toBe(four.count);
    expect(new Set(n5).size).toBe(five.count);
    // Counted apart, by walking every sequence without a turn undone at once (178 and 634 of them) and keeping
    // one per (cells visited tick by tick, final heading).
    expect(four.count).toBe(88);
    expect(five.count).toBe(249);
    expect(n4[four.stay]).toBe('WWWW');
    expect(n5[five.stay]).toBe('WWWWW');
    expect(n4[0]).toBe('FFFF');
    // Turning round and driving off twice fits in four; with three actions it did not.
    expect(n4).toContain('RRFF');
    // Right, forward, left, forward and forward, right, forward, left end in the same cell by different ways: both kept.
    expect(n4).toContain('RFCF');
    expect(n4).toContain('FRFC');
    expect(() => buildOperations(1, 0)).toThrow(/one to five actions/);
    expect(() => buildOperations(1, 6)).toThrow(/one to five actions/);
  });

  it('use the competition action codes', () => {
    expect([OP_F, OP_R, OP_C, OP_W]).toEqual([ACTION_F, ACTION_R, ACTION_C, ACTION_W]);
  });
});

/** Breadth-first distances to `goal` (one unit per move). */
function bfs(grid: ReturnType<typeof gridFromRows>, goal: number): Int32Array {
  const d = new Int32Array(grid.width * grid.height).fill(-1);
  const q = [goal];
  d[goal] = 0;
  for (let h = 0; h < q.length; h++) {
    const c = q[h];
    for (let k = 0; k < 4; k++) {
      const v = grid.nbr[c * 4 + k];
      if (v >= 0 && d[v] < 0) {
        d[v] = d[c] + 1;
        q.push(v);
      }
    }
  }
  return d;
}

/** The small mesh of the planner tests: three aisles crossed by four, 38 free cells. */
const MESH = gridFromRows(['..........', '.@@.@@.@@.', '..........', '.@@.@@.@@.', '..........']);

/**
 * A seeded start on the mesh: n robots on distinct free cells facing east,
 * each with a goal, the stream drawing later goals, and the view the planner
 * reads (robot i's power falls with i).
 */
function meshStart(n: number, seed: number, power: (i: number) => number) {
  const grid = MESH;
  const rng = rngStream(seed, 'test');
  const free: number[] = [];
  for (let c = 0; c < grid.width * grid.height; c++) if (grid.nbr.slice(c * 4, c * 4 + 4).some((v) => v >= 0)) free.push(c);
  const pool = free.slice();
  for (let k = pool.length - 1; k > 0; k--) {
    const j = Math.floor(rng.next() * (k + 1));
    [pool[k], pool[j]] = [pool[j], pool[k]];
  }
  const cell = Int32Array.from(pool.slice(0, n));
  const heading = new Uint8Array(n);
  const goal = Int32Array.from({ length: n }, () => free[Math.floor(rng.next() * free.length)]);
  const fields = new Map<number, Int32Array>();
  const field = (g: number) => fields.get(g) ?? fields.set(g, bfs(grid, g)).get(g)!;
  const view: OperationView = {
    n,
    cell,
    heading,
    goal,
    order: Int32Array.from({ length: n }, (_, i) => i),
    power: Float64Array.from({ length: n }, (_, i) => power(i)),
    costAt: (i, c) => field(goal[i])[c],
    unit: () => 1,
  };
  return { grid, rng, free, cell, heading, goal, view };
}

describe('operation planner', () => {
  /** Robots' actions over a run, and the operations the planner tried each step. */
  const trace: { acts: string; tried: number[] } = { acts: '', tried: [] };

  function run(n: number, steps: number, seed: number, options: OperationPlannerOptions = { passes: 3 }) {
    trace.acts = '';
    trace.tried = [];
    const { grid, rng, free, cell, heading, goal, view } = meshStart(n, seed, (i) => (n - i) / n);
    const planner = new OperationPlanner(grid, n, options);
    const acts = new Uint8Array(n);
    let reached = 0;
    const errors: string[] = [];
    for (let s = 0; s < steps; s++) {
      planner.step(view, acts);
      trace.acts += acts.join('');
      trace.tried.push(planner.tried);
      const next = new Int32Array(n);
      for (let i = 0; i < n; i++) next[i] = acts[i] === OP_F ? grid.nbr[cell[i] * 4 + heading[i]] : cell[i];
      // No move off the floor, no two robots in one cell, no two swapping.
      const seen = new Map<number, number>();
      for (let i = 0; i < n; i++) {
        if (next[i] < 0) errors.push(`step ${s}: robot ${i} drives off the floor`);
        if (seen.has(next[i])) errors.push(`step ${s}: robots ${seen.get(next[i])} and ${i} in cell ${next[i]}`);
        seen.set(next[i], i);
      }
      const at = new Map<number, number>();
      for (let i = 0; i < n; i++) at.set(cell[i], i);
      for (let i = 0; i < n; i++) {
        const j = at.get(next[i]);
        if (j !== undefined && j !== i && next[j] === cell[i]) errors.push(`step ${s}: robots ${i} and ${j} swap`);
      }
      for (let i = 0; i < n; i++) {
        if (acts[i] === OP_R) heading[i] = (heading[i] + 1) & 3;
        else if (acts[i] === OP_C) heading[i] = (heading[i] + 3) & 3;
        cell[i] = next[i];
        if (cell[i] === goal[i]) {
          reached++;
          goal[i] = free[Math.floor(rng.next() * free.length)];
        }
      }
    }
    expect(errors).toEqual([]);
    return reached;
  }

  it('keeps robots apart and gets them to their goals, sparse and dense', () => {
    // 38 free cells: 6 robots roam, 24 are packed.
    const sparse = run(6, 200, 1);
    const dense = run(24, 200, 2);
    // Measured: 95 and 160 goals reached; the bounds leave room for tuning, not for a planner that stalls.
    expect(sparse).toBeGreaterThan(70);
    expect(dense).toBeGreaterThan(100);
  });

  it('with operations of four and five actions: robots kept apart, and goals reached', () => {
    const four = run(24, 200, 2, { passes: 3, depth: 4 });
    const five = run(24, 200, 2, { passes: 3, depth: 5 });
    const three = run(24, 200, 2);
    // Every step is checked for robots in one cell and swaps. Measured: 186 and 166 goals, against 160 with three
    // actions; the bounds are a planner that does not stall.
    expect(four).toBeGreaterThan(100);
    expect(five).toBeGreaterThan(100);
    expect(three).toBeGreaterThan(100);
  });

  it('is deterministic', () => {
    expect(run(20, 100, 3)).toBe(run(20, 100, 3));
  });

  it('with an improvement step: the same seed gives the same run, another seed another, and the work stays within its budget', () => {
    const options = { passes: 2, chain: 40, improveBudget: 300 };
    run(24, 150, 2, { ...options, seed: 7 });
    const first = { ...trace };
    run(24, 150, 2, { ...options, seed: 7 });
    expect(trace.acts).toBe(first.acts);
    expect(trace.tried).toEqual(first.tried);
    run(24, 150, 2, { ...options, seed: 8 });
    expect(trace.acts).not.toBe(first.acts);
    // The same run's first step without the step: the improvement tried more, by at most its budget plus one attempt's chain.
    run(24, 1, 2, { passes: 2, chain: 40 });
    const without = trace.tried[0];
    expect(first.tried[0]).toBeGreaterThan(without);
    expect(first.tried[0]).toBeLessThanOrEqual(without + 300 + 40 + 31);
  });

  it('the improvement step spends at most 2,000 operations a root, however large its budget', () => {
    // Six robots roam 38 cells: few of them are ever off their best operation.
    run(6, 60, 1, { passes: 2, chain: 40, improveBudget: 1_000_000 });
    const withStep = trace.tried.slice();
    run(6, 60, 1, { passes: 2, chain: 40 });
    // Up to the first step that differs, the states are the same; a root is one of the six, or none.
    expect(withStep[0]).toBeLessThanOrEqual(trace.tried[0] + 6 * 2000 + 40 + 31);
    // Without the cap every step would try a million; the passes here try 213 at most (measured), so the step
    // stays under 2,000 for each of the six robots (10,072 at most, measured).
    expect(Math.max(...withStep)).toBeLessThan(6 * 2000 + 1000);
    expect(Math.max(...trace.tried)).toBeLessThan(1000);
  });
});

describe('operation planner: the improvement step', () => {
  /**
   * A dense run driven by the planner with the improvement step; each step the
   * same view is planned again without it. Returns both plans' scores per step.
   */
  function scores(n: number, steps: number, seed: number, improveBudget: number) {
    const { grid, rng, free, cell, heading, goal, view } = meshStart(n, seed, (i) => ((n - i) / n) ** 2);
    const improved = new OperationPlanner(grid, n, { passes: 2, improveBudget, seed });
    const plain = new OperationPlanner(grid, n, { passes: 2 });
    const acts = new Uint8Array(n);
    const spare = new Uint8Array(n);
    const out: { improved: number; plain: number }[] = [];
    for (let s = 0; s < steps; s++) {
      plain.step(view, spare);
      improved.step(view, acts);
      out.push({ improved: improved.planScore, plain: plain.planScore });
      for (let i = 0; i < n; i++) {
        if (acts[i] === OP_F) cell[i] = grid.nbr[cell[i] * 4 + heading[i]];
        else if (acts[i] === OP_R) heading[i] = (heading[i] + 1) & 3;
        else if (acts[i] === OP_C) heading[i] = (heading[i] + 3) & 3;
        if (cell[i] === goal[i]) goal[i] = free[Math.floor(rng.next() * free.length)];
      }
    }
    return out;
  }

  it("never lowers the plan's score, and raises it on a packed floor", () => {
    // 30 robots on 38 free cells.
    const out = scores(30, 80, 4, 3000);
    const lower = out.filter((s) => s.improved < s.plain - 1e-9);
    const higher = out.filter((s) => s.improved > s.plain + 1e-9);
    expect(lower).toEqual([]);
    // Measured: higher in 22 of the 80 steps; in 5 under the improving pass's rule (the robot starting a chain takes
    // only better for itself, no push skipped), and in 10 drawing only robots off their best operation, not the
    // robots in their way: the bound tells these apart.
    expect(higher.length).toBeGreaterThan(12);
  });
});

interface RowRobot {
  cell: number;
  heading: number;
  /** Goal cell (-1: none, no cost to go). */
  goal: number;
  power: number;
  fixed?: boolean;
}

/** One step of the operation planner on a one-row floor, robots planned in `order`; each robot's plan by name. */
function planOnRow(row: string, robots: RowRobot[], order: number[], options: OperationPlannerOptions): string[] {
  const grid = gridFromRows([row]);
  const n = robots.length;
  const fields = robots.map((r) => (r.goal >= 0 ? bfs(grid, r.goal) : null));
  const view: OperationView = {
    n,
    cell: Int32Array.from(robots, (r) => r.cell),
    heading: Uint8Array.from(robots, (r) => r.heading),
    goal: Int32Array.from(robots, (r) => r.goal),
    order: Int32Array.from(order),
    power: Float64Array.from(robots, (r) => r.power),
    costAt: (i, c) => fields[i]?.[c] ?? -1,
    unit: () => 1,
    fixed: robots.some((r) => r.fixed) ? Uint8Array.from(robots, (r) => (r.fixed ? 1 : 0)) : undefined,
  };
  const planner = new OperationPlanner(grid, n, { passes: 1, ...options });
  planner.step(view, new Uint8Array(n));
  return Array.from(planner.plan, (op) => name(planner.ops.actions, op));
}

describe('operation planner: pushing a robot that turns in place for nothing', () => {
  // One row of six cells: A at 0 facing east, bound for 5; B at 1 facing east too, bound for 0.
  // B plans first, but A weighs ten times more.
  const plan = (pushIdleTurns: boolean) =>
    planOnRow('......', [{ cell: 0, heading: 0, goal: 5, power: 1 }, { cell: 1, heading: 0, goal: 0, power: 0.1 }], [1, 0], { pushIdleTurns });

  it('with pushIdleTurns, a stronger robot moves one whose turn in place gains nothing', () => {
    // B's way to its goal is A's cell, and A has nowhere to go back to: B turns round in place, which is as
    // good as standing (the turns are owed either way), and A, which may not move a robot with a plan of its
    // own, goes nowhere.
    const [a0, b0] = plan(false);
    expect(b0).toBe('RRW');
    expect(a0).not.toContain('F');
    // Allowed to push it, A drives on three cells and B ahead of it, away from its goal.
    const [a1, b1] = plan(true);
    expect(a1).toBe('FFF');
    expect(b1).toBe('FFF');
  });
});

describe('operation planner: the robot ahead in the order goes first (leaderFirst)', () => {
  // One row of six cells: A at 1 facing east, bound for 5; B at 2 facing west, bound for 0. Head-on, equal weights.
  const plan = (leaderFirst: boolean) =>
    planOnRow('......', [{ cell: 1, heading: 0, goal: 5, power: 1 }, { cell: 2, heading: 2, goal: 0, power: 1 }], [0, 1], { leaderFirst });

  it('pushes a robot back though turning round costs it more than the one cell the leader gains', () => {
    // Without: B would lose three (a cell back, two turns to face its goal again) for A's one; the chain is refused.
    const [a0] = plan(false);
    expect(a0).not.toContain('F');
    // With: A waits two ticks while B turns round, then both drive east, B ahead.
    const [a1, b1] = plan(true);
    expect(a1).toBe('WWF');
    expect(b1).toBe('RRF');
  });
});

describe('operation planner: moving only to gain (moveOnlyToGain)', () => {
  // One row of four cells: A at 0 facing east, bound for 3; B at 1 fixed where it stands.
  const plan = (moveOnlyToGain: boolean) =>
    planOnRow('....', [{ cell: 0, heading: 0, goal: 3, power: 1 }, { cell: 1, heading: 0, goal: -1, power: 0.5, fixed: true }], [0, 1], { moveOnlyToGain });

  it('a blocked robot stands rather than turn away and back for nothing', () => {
    // Turning away costs nothing against standing, whose waits count as the turns back: the score lets A take it.
    const [a0] = plan(false);
    expect(a0).toMatch(/[RC]/);
    const [a1, b1] = plan(true);
    expect(a1).toBe('WWW');
    expect(b1).toBe('WWW');
  });
});

describe('operation planner: robots without a goal whose costs move (idleCostsMove)', () => {
  // One robot without a goal on a one-row floor, facing east; the caller's costs for it change between steps.
  function twoSteps(idleCostsMove: boolean): string {
    const grid = gridFromRows(['.....']);
    let eastBetter = true;
    const view: OperationView = {
      n: 1,
      cell: Int32Array.of(2),
      heading: Uint8Array.of(0),
      goal: Int32Array.of(-1),
      order: Int32Array.of(0),
      power: Float64Array.of(1),
      costAt: (_i, c) => (eastBetter ? 4 - c : c),
      unit: () => 1,
      idleCostsMove,
    };
    const planner = new OperationPlanner(grid, 1, {});
    const acts = new Uint8Array(1);
    planner.step(view, acts);
    const first = LETTERS[acts[0]];
    // The robot stands where it stood; only its costs changed (as a crowd round it moves).
    eastBetter = false;
    planner.step(view, acts);
    return first + LETTERS[acts[0]];
  }

  it('are ranked afresh every step, so the robot turns back west when west becomes cheaper', () => {
    expect(twoSteps(true)).toMatch(/^F[RC]$/);
  });

  it('without it, a robot standing where it stood keeps the ranking it had', () => {
    expect(twoSteps(false)).toBe('FF');
  });
});
