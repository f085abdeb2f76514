import { describe, expect, it } from 'vitest';
import { RobotState } from '../../src/core/robots.js';
import type { Sim } from '../../src/sim/sim.js';
import { setGoal } from '../../src/core/world.js';
import { followChain } from '../../src/stalls/stall-chain.js';
import { WaitKind } from '../../src/stalls/wait-for.js';
import { buildReport } from '../../src/sim/report.js';
import { simFromJson } from '../helpers/scenarios.js';

/** A site with the given rows and robots at the given cells, no orders. */
function site(grid: string[], start: [number, number][]): Sim {
  return simFromJson({
    name: 'stalls',
    duration: '1h',
    layout: { grid },
    robots: { count: start.length, start, battery: { chargeBelow: 0 } },
    demand: { ordersPerHour: 0 },
  });
}

/** Gives each robot a goal and a state, then works the wait-for links out as after a tick in which nobody moved. */
function freeze(sim: Sim, goals: [number, number, RobotState][]): void {
  const w = sim.world;
  const r = w.robots;
  goals.forEach(([row, col, state], i) => {
    r.state[i] = state;
    setGoal(w, i, row < 0 ? -1 : row * w.grid.width + col);
    r.next[i] = r.cell[i];
    r.prevCell[i] = r.cell[i];
  });
  sim.stalls.beforeMove(w);
  sim.stalls.links.update(w);
}

function chainOf(sim: Sim, start: number) {
  const w = sim.world;
  const l = sim.stalls.links;
  const c = followChain({ waitKind: l.kind, waitFor: l.target, waitCell: l.cell, cell: w.robots.cell, state: w.robots.state, cellKind: w.grid.kind }, start);
  return { robots: c.robots, cells: c.cells.map((x) => [Math.floor(x / w.grid.width), x % w.grid.width]), cause: c.cause };
}

const CORRIDOR = ['@@@@@@@@@', '@P......@', '@R@@@@@@@', '@@@@@@@@@'];

describe('wait-for chains on hand-made sites', () => {
  it('a head-on meeting in a one-wide corridor is a cycle of two', () => {
    const sim = site(CORRIDOR, [[1, 3], [1, 4]]);
    freeze(sim, [[1, 7, RobotState.ToPod], [1, 1, RobotState.ToPod]]);
    expect(chainOf(sim, 0)).toEqual({ robots: [0, 1, 0], cells: [[1, 3], [1, 4], [1, 3]], cause: 'cycle' });
    expect(chainOf(sim, 1)).toEqual({ robots: [1, 0, 1], cells: [[1, 4], [1, 3], [1, 4]], cause: 'cycle' });
  });

  it('a robot queued behind a head-on meeting leads into the cycle, which the chain closes where it closes', () => {
    const sim = site(CORRIDOR, [[1, 2], [1, 3], [1, 4]]);
    freeze(sim, [[1, 7, RobotState.ToPod], [1, 7, RobotState.ToPod], [1, 1, RobotState.ToPod]]);
    expect(chainOf(sim, 0)).toEqual({ robots: [0, 1, 2, 1], cells: [[1, 2], [1, 3], [1, 4], [1, 3]], cause: 'cycle' });
  });

  it('four robots each wanting the next one\'s cell close a cycle of four', () => {
    const grid = ['@@@@@@@@', '@......@', '@......@', '@......@', '@......@', '@P.....@', '@R@@@@@@', '@@@@@@@@'];
    // A 2x2 block at rows 2-3, columns 3-4; each goal lies two cells on, straight through the next robot.
    const sim = site(grid, [[2, 3], [2, 4], [3, 4], [3, 3]]);
    freeze(sim, [
      [2, 5, RobotState.ToPod],
      [4, 4, RobotState.ToPod],
      [3, 2, RobotState.ToPod],
      [1, 3, RobotState.ToPod],
    ]);
    expect(chainOf(sim, 0)).toEqual({ robots: [0, 1, 2, 3, 0], cells: [[2, 3], [2, 4], [3, 4], [3, 3], [2, 3]], cause: 'cycle' });
    expect(chainOf(sim, 2).robots).toEqual([2, 3, 0, 1, 2]);
  });

  it('a robot next to its closed goal waits for the closure, and the robots behind it for it', () => {
    const sim = site(CORRIDOR, [[1, 5], [1, 4]]);
    const w = sim.world;
    w.fields.block([1 * w.grid.width + 6], 1);
    freeze(sim, [[1, 6, RobotState.ToPod], [1, 6, RobotState.ToPod]]);
    expect(sim.stalls.links.kind[0]).toBe(WaitKind.Closure);
    expect(chainOf(sim, 1)).toEqual({ robots: [1, 0], cells: [[1, 4], [1, 5], [1, 6]], cause: 'closure' });
    // A goal beyond the closure: no way left, so the robot waits for the closure itself (the cell given is its goal).
    freeze(sim, [[1, 6, RobotState.ToPod], [1, 7, RobotState.ToPod]]);
    expect(chainOf(sim, 1)).toEqual({ robots: [1], cells: [[1, 4], [1, 7]], cause: 'closure' });
  });

  it('a loaded robot on the storage cell it took its pod from waits for the robot on its way out', () => {
    const sim = site(CORRIDOR, [[2, 1], [1, 1]]);
    // Off its own field (loaded robots keep out of storage), yet its way out is plain.
    sim.world.robots.pod[0] = 0;
    freeze(sim, [[1, 5, RobotState.ToStation], [-1, 0, RobotState.Idle]]);
    expect(sim.stalls.links.kind[0]).toBe(WaitKind.Robot);
    expect(chainOf(sim, 0)).toEqual({ robots: [0, 1], cells: [[2, 1], [1, 1]], cause: 'queue' });
  });

  it('robots queued behind a station being served wait for the queue', () => {
    const sim = site(CORRIDOR, [[1, 1], [1, 2], [1, 3]]);
    freeze(sim, [
      [1, 1, RobotState.Picking],
      [1, 1, RobotState.ToStation],
      [1, 1, RobotState.ToStation],
    ]);
    expect(sim.stalls.links.kind[0]).toBe(WaitKind.None);
    expect(chainOf(sim, 2)).toEqual({ robots: [2, 1, 0], cells: [[1, 3], [1, 2], [1, 1]], cause: 'queue' });
  });

  it('a robot bound for a charger another robot charges on waits for the charger', () => {
    const sim = site(['@@@@@@', '@P..C@', '@R@@@@', '@@@@@@'], [[1, 3], [1, 4]]);
    freeze(sim, [[1, 4, RobotState.ToCharger], [1, 4, RobotState.Charging]]);
    expect(chainOf(sim, 0)).toEqual({ robots: [0, 1], cells: [[1, 3], [1, 4]], cause: 'charger' });
  });

  it('robots that moved, serve, or stand at their goal are not stalled', () => {
    const sim = site(CORRIDOR, [[1, 3], [1, 5], [1, 7]]);
    freeze(sim, [[-1, 0, RobotState.Idle], [1, 5, RobotState.ToPod], [1, 2, RobotState.Broken]]);
    expect(Array.from(sim.stalls.links.kind)).toEqual([0, 0, 0]);
  });
});

/** Robot 1 runs flat in a one-wide corridor; robot 0 is sent to the charger beyond it. */
function jam(duration: string, stallThreshold?: string) {
  const sim = simFromJson({
    name: 'jam',
    duration,
    layout: { grid: ['@@@@@@@@', '@P....C@', '@R@@@@@@', '@@@@@@@@'] },
    robots: { count: 2, start: [[1, 2], [1, 4]], battery: { chargeBelow: 0 } },
    demand: { ordersPerHour: 0 },
    ...(stallThreshold ? { fleet: { stallThreshold } } : {}),
  });
  const w = sim.world;
  w.robots.state[1] = RobotState.Depleted;
  w.robots.state[0] = RobotState.ToCharger;
  setGoal(w, 0, 1 * w.grid.width + 6);
  return sim;
}

describe('stall episodes in the report', () => {
  it('a robot held up behind a flat one makes one ongoing episode with its chain', () => {
    const sim = jam('100s');
    sim.run();
    const s = buildReport(sim.world, 'pibt', 'nearest', 0).robots.stalls;
    expect(s.thresholdSeconds).toBe(30);
    expect(s.count).toBe(1);
    const e = s.longest[0];
    expect(e).toMatchObject({ robots: [0], chain: [0, 1], cells: [{ row: 1, col: 3 }, { row: 1, col: 4 }], cause: 'robot', ongoing: true });
    // Robot 0 steps once (column 2 to 3), then stands until the end of the run.
    expect(e.startSeconds).toBe(1);
    expect(e.durationSeconds).toBe(99);
    expect(s.longestSeconds).toBe(99);
    expect(s.robotSeconds).toBe(99);
  });

  it('an episode no longer than the threshold is not counted, yet sets longestSeconds', () => {
    const sim = jam('100s', '2m');
    sim.run();
    const s = buildReport(sim.world, 'pibt', 'nearest', 0).robots.stalls;
    expect(s).toMatchObject({ count: 0, longest: [], thresholdSeconds: 120, longestSeconds: 99, robotSeconds: 0 });
  });

  it('an episode ends when its robots move on, and its figures stay', () => {
    const sim = jam('1h');
    sim.run(60);
    const w = sim.world;
    // The flat robot is taken away, as a repair would; robot 0 then drives on.
    w.occ[w.robots.cell[1]] = -1;
    w.robots.cell[1] = 2 * w.grid.width + 1;
    w.occ[w.robots.cell[1]] = 1;
    w.robots.state[1] = RobotState.Idle;
    sim.run(20);
    const s = buildReport(w, 'pibt', 'nearest', 0).robots.stalls;
    expect(s.count).toBe(1);
    expect(s.longest[0]).toMatchObject({ startSeconds: 1, durationSeconds: 59, ongoing: false, chain: [0, 1] });
  });
});
