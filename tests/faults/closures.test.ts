import { describe, expect, it } from 'vitest';
import { RobotState } from '../../src/core/robots.js';
import type { Sim } from '../../src/sim/sim.js';
import { DistanceCache, UNREACHABLE } from '../../src/layout/distance.js';
import { gridFromRows } from '../../src/layout/grid.js';
import { buildReport } from '../../src/sim/report.js';
import { watchFlow } from '../helpers/flow-invariants.js';
import { watchInvariants } from '../helpers/invariants.js';
import { simFromJson } from '../helpers/scenarios.js';

/**
 * A ring: the station at [1, 1], the one pod at [2, 10]. The short way for a
 * loaded robot is the top corridor (10 moves), the long way the bottom one (12).
 */
const RING = ['@@@@@@@@@@@@@', '@P..........@', '@.@@@@@@@@R.@', '@...........@', '@@@@@@@@@@@@@'];
const at = (row: number, col: number) => row * 13 + col;

describe('blocked cells in the distance fields', () => {
  it('fields avoid blocked cells, lead robots inside out, and only fields that reached a changed cell are dropped', () => {
    const grid = gridFromRows(RING);
    const cache = new DistanceCache(grid);
    const toStation = cache.lazy(at(1, 1), true);
    expect(toStation.finish()[at(1, 10)]).toBe(9);
    // A field that has not grown past its goal's neighbourhood does not see the top corridor.
    const small = cache.lazy(at(3, 1), false);
    small.ensure(at(3, 2), 0);
    expect(small.dist[at(1, 6)]).toBe(UNREACHABLE);
    const dropped = cache.block([at(1, 5), at(1, 6), at(1, 7)], 1);
    expect(dropped).toBe(1);
    expect(toStation.stale).toBe(true);
    expect(small.stale).toBe(false);
    const fresh = cache.lazy(at(1, 1), true).finish();
    // Round by the bottom: down column 11, along row 3, up column 1.
    expect(fresh[at(1, 10)]).toBe(15);
    // Inside the closed cells: the way out and on (leaving is allowed), never through.
    expect(fresh[at(1, 6)]).toBe(5);
    expect(fresh[at(1, 7)]).toBe(6);
    // The field that had not reached the cells is still exact when it grows on.
    expect(small.finish()[at(1, 11)]).toBe(cache.lazy(at(3, 1), false).finish()[at(1, 11)]);
    // Opening again drops the fields that reached the cells and restores the short way.
    cache.block([at(1, 5), at(1, 6), at(1, 7)], -1);
    expect(cache.lazy(at(1, 1), true).finish()[at(1, 10)]).toBe(9);
    expect(cache.maskChanges).toBe(2);
    expect(cache.blockedCells).toBe(0);
  });
});

/** Robot 0 works; robot 1 (when present) stands in the top corridor. */
const ring = (faults: Record<string, unknown>, robots: number[][] = [[3, 3]]) =>
  simFromJson({
    name: 'ring',
    seed: 2,
    duration: '40m',
    layout: { grid: RING },
    robots: { count: robots.length, start: robots, battery: { chargeBelow: 0 } },
    demand: { ordersPerHour: 90, skus: 1 },
    stations: { pickSeconds: 4 },
    faults,
  });

/** Cells robots stood on during [from, to) ticks, with a count per cell. */
function cellsUsed(sim: Sim, from: number, to: number, robot = 0): Map<number, number> {
  const used = new Map<number, number>();
  sim.observe((f) => {
    if (f.tick > from && f.tick <= to) used.set(f.cell[robot], (used.get(f.cell[robot]) ?? 0) + 1);
  });
  return used;
}

const TOP = Array.from({ length: 7 }, (_, k) => at(1, 3 + k));

describe('closed areas', () => {
  it('robots re-plan round a closed corridor, none enters it, and work goes on with 0 conflicts', () => {
    // The top corridor from column 3 to 9 is closed from 5 to 25 minutes (1 s ticks). Robot 1 is idle inside at the start.
    const sim = ring({ closures: [{ area: [[1, 3], [1, 9]], from: '5m', to: '25m' }] }, [[3, 9], [1, 6]]);
    const w = sim.world;
    const inv = watchInvariants(sim);
    const flow = watchFlow(sim, 1);
    const before = cellsUsed(sim, 0, 300);
    const during = cellsUsed(sim, 300, 1500);
    const prev = w.robots.cell.slice();
    let entered = 0;
    let done = 0;
    sim.observe((f) => {
      if (f.tick > 300 && f.tick <= 1500) {
        for (let i = 0; i < 2; i++) if (TOP.includes(f.cell[i]) && !TOP.includes(prev[i])) entered++;
        done = f.ordersCompleted;
      }
      prev.set(f.cell.subarray(0, 2));
    });
    sim.run(300);
    const doneAtClose = w.books.ordersCompleted;
    const idleInside = w.robots.state[1] === RobotState.Idle && TOP.includes(w.robots.cell[1]);
    sim.run(1);
    // An idle robot inside is sent out.
    if (idleInside) expect(w.robots.goal[1]).toBeGreaterThanOrEqual(0);
    sim.run(30);
    expect(TOP.includes(w.robots.cell[0]) || TOP.includes(w.robots.cell[1])).toBe(false);
    sim.run();
    expect(entered).toBe(0);
    expect([...during.keys()].some((c) => TOP.includes(c))).toBe(false);
    expect([...before.keys()].some((c) => TOP.includes(c))).toBe(true);
    // The long way round was taken and orders kept being completed.
    expect(during.get(at(3, 6)) ?? 0).toBeGreaterThan(0);
    expect(done - doneAtClose).toBeGreaterThan(10);
    const rep = buildReport(w, sim.planner.name, sim.assignment.name, 0);
    expect(rep.faults.counts.closures).toBe(1);
    expect(rep.faults.closures[0]).toEqual({ from: { row: 1, col: 3 }, to: { row: 1, col: 9 }, cells: 7, fromSeconds: 300, toSeconds: 1500 });
    expect(rep.faults.response.robotsEvacuated).toBe(idleInside ? 1 : 0);
    expect(rep.robots.conflicts).toBe(0);
    expect(rep.robots.plannerRepairs).toBe(0);
    expect(rep.robots.deadlocks.unrecovered).toBe(0);
    expect(inv.vertexConflicts + inv.swaps + inv.illegalMoves + inv.loadedUnderPods).toBe(0);
    expect(inv.bookErrors).toEqual([]);
    expect(flow.errors).toEqual([]);
    expect(w.fields.blockedCells).toBe(0);
  });

  it('an idle robot inside a closed area is sent out to the nearest open cell and stays out', () => {
    const sim = simFromJson({
      name: 'evacuate',
      duration: '10m',
      layout: { grid: RING },
      robots: { count: 1, start: [[1, 5]], battery: { chargeBelow: 0 } },
      demand: { ordersPerHour: 0 },
      faults: { closures: [{ area: [[1, 3], [1, 9]], from: '1s', to: '8m' }] },
    });
    const w = sim.world;
    const inside: number[] = [];
    sim.observe((f) => inside.push(TOP.includes(f.cell[0]) ? 1 : 0));
    sim.run(20);
    expect(w.robots.cell[0]).toBe(at(1, 2));
    expect(w.robots.goal[0]).toBe(-1);
    sim.run();
    // Three moves out (to [1, 2]), then never back in while closed.
    expect(inside.slice(0, 3)).toEqual([1, 1, 1]);
    expect(inside.slice(4, 479).every((x) => x === 0)).toBe(true);
    const rep = buildReport(w, sim.planner.name, sim.assignment.name, 0);
    expect(rep.faults.response.robotsEvacuated).toBe(1);
  });

  it('the same with the windowed planner', () => {
    const sim = simFromJson({
      name: 'ring-whca',
      seed: 2,
      duration: '30m',
      layout: { grid: RING },
      robots: { count: 2, start: [[3, 3], [3, 8]], battery: { chargeBelow: 0 } },
      demand: { ordersPerHour: 90, skus: 1 },
      fleet: { planner: 'whca' },
      faults: { closures: [{ area: [[1, 3], [1, 9]], from: '5m', to: '25m' }] },
    });
    const inv = watchInvariants(sim);
    const during = cellsUsed(sim, 300, 1500);
    sim.run();
    expect([...during.keys()].some((c) => TOP.includes(c))).toBe(false);
    const rep = buildReport(sim.world, sim.planner.name, sim.assignment.name, 0);
    expect(rep.robots.conflicts).toBe(0);
    expect(inv.vertexConflicts + inv.swaps + inv.illegalMoves).toBe(0);
    expect(rep.orders.completed).toBeGreaterThan(0.9 * rep.orders.created);
  });

  it('a long breakdown in the short corridor: once a robot waits behind it, the fields block its cell and robots go round', () => {
    // Robot 1 stands idle in the top corridor and breaks down at once for the whole run.
    const sim = ring({ robots: { breakdowns: [{ robot: 1, at: 0, for: '1h' }] } }, [[3, 3], [1, 6]]);
    const w = sim.world;
    const inv = watchInvariants(sim);
    const used = cellsUsed(sim, 0, 2400);
    sim.run();
    expect(w.robots.state[1]).toBe(RobotState.Broken);
    expect(w.fields.blocked[at(1, 6)]).toBe(1);
    expect(used.get(at(3, 6)) ?? 0).toBeGreaterThan(0);
    const rep = buildReport(w, sim.planner.name, sim.assignment.name, 0);
    expect(rep.faults.robots.blockedInFields).toBe(1);
    expect(rep.faults.robots.brokenAtEnd).toBe(1);
    expect(rep.faults.distanceFields.maskChanges).toBe(1);
    expect(rep.orders.completed).toBeGreaterThan(0.9 * rep.orders.created);
    expect(rep.robots.deadlocks.detected).toBe(0);
    expect(rep.robots.conflicts).toBe(0);
    expect(inv.vertexConflicts + inv.swaps + inv.illegalMoves + inv.loadedUnderPods).toBe(0);
  });

  it('a short breakdown is waited out without touching the fields', () => {
    const sim = ring({ robots: { breakdowns: [{ robot: 1, at: 0, for: '30s' }] } }, [[3, 3], [1, 6]]);
    sim.run();
    const rep = buildReport(sim.world, sim.planner.name, sim.assignment.name, 0);
    expect(rep.faults.robots.blockedInFields).toBe(0);
    expect(rep.faults.distanceFields.maskChanges).toBe(0);
    expect(rep.robots.conflicts).toBe(0);
  });
});
