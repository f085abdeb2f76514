import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { NearestAssignment } from '../../src/fleet/assignment.js';
import { sendToFetch } from '../../src/fleet/dispatch.js';
import { ErrandAssignment } from '../../src/fleet/errand-assignment.js';
import { formatSummary } from '../../src/cli/run/summary.js';
import { checkBooks } from '../../src/sim/books.js';
import { buildReport } from '../../src/sim/report.js';
import type { Sim } from '../../src/sim/sim.js';
import { watchInvariants } from '../helpers/invariants.js';
import { corridor } from '../helpers/corridor.js';
import { scenarioPath, simFromJson, stableReport } from '../helpers/scenarios.js';

/** Counts the take-overs the run's `errands` assignment decides, call by call; read the count with the function returned. */
function countTakeOvers(sim: Sim): () => number {
  const strategy = sim.assignment as ErrandAssignment;
  const assign = strategy.assign.bind(strategy);
  let count = 0;
  strategy.assign = (...args) => {
    assign(...args);
    count += strategy.takeOverCount;
  };
  return () => count;
}

describe('errands assignment (the fleet scheduler’s choice rule on pod requests)', () => {
  it('matches the cheapest robot-request pair first, where the oldest request first would not', () => {
    // Robot 1 (col 7) is nearest both pods; the pair robot 1 - pod at col 8 is the cheapest of all
    // (5 x 2 cells + 8 cells to the station = 18, against 5 x 3 + 5 = 20 for the pod at col 5).
    const { w, pods, robots } = corridor([1, 7], [5, 8]);
    const oldestFirst = new Int32Array(2);
    new NearestAssignment().assign(w, pods, 2, robots, 2, oldestFirst);
    const errands = new Int32Array(2);
    new ErrandAssignment().assign(w, pods, 2, robots, 2, errands);
    expect(Array.from(oldestFirst)).toEqual([1, 0]);
    expect(Array.from(errands)).toEqual([0, 1]);
  });

  it('never hands one robot two requests, and leaves extra requests waiting', () => {
    const { w, pods } = corridor([3], [2, 6, 10]);
    const out = new Int32Array(3);
    new ErrandAssignment().assign(w, pods, 3, Int32Array.from([0]), 1, out);
    expect(Array.from(out)).toEqual([0, -1, -1]);
  });

  it('a free robot takes a fetch over from a robot still driving to the pod when it is clearly nearer', () => {
    // Robot 4 (col 12) drives to the pod at col 2; robot 0 (col 1) is free, and the only free one (a busy fleet).
    const { w, pods } = corridor([1, 5, 6, 7, 12], [2]);
    sendToFetch(w, 4, pods[0], 0, w.pods.cell[pods[0]]);
    const strategy = new ErrandAssignment();
    strategy.assign(w, new Int32Array(0), 0, Int32Array.from([0]), 1, new Int32Array(1));
    expect(strategy.takeOverCount).toBe(1);
    expect(strategy.takeOver(0)).toEqual([0, 4]);
    // Not when the free robot is barely nearer (one cell: 5 < the margin of 8), nor with take-overs off (put-away).
    const near = corridor([3, 5, 6, 7, 4], [2]);
    sendToFetch(near.w, 4, near.pods[0], 0, near.w.pods.cell[near.pods[0]]);
    strategy.assign(near.w, new Int32Array(0), 0, Int32Array.from([0]), 1, new Int32Array(1));
    expect(strategy.takeOverCount).toBe(0);
    const off = new ErrandAssignment({ takeOver: false });
    off.assign(w, new Int32Array(0), 0, Int32Array.from([0]), 1, new Int32Array(1));
    expect(off.takeOverCount).toBe(0);
  });

  it('a busy fleet: fetches change hands, every invariant holds, the books balance, and a run repeats byte for byte', () => {
    const make = () => {
      const json = JSON.parse(readFileSync(scenarioPath('default.json'), 'utf8'));
      json.duration = '30m';
      json.demand.ordersPerHour = 720;
      json.fleet = { planner: 'pibt', assignment: 'errands' };
      return simFromJson(json);
    };
    const sim = make();
    const takeOvers = countTakeOvers(sim);
    const rep = watchInvariants(sim);
    sim.run();
    expect(takeOvers()).toBeGreaterThan(5);
    expect(JSON.parse(stableReport(sim)).storage.takeOvers).toBe(takeOvers());
    const summary = formatSummary(buildReport(sim.world, sim.planner.name, sim.assignment.name, 0));
    expect(summary).toContain(`fetches       ${takeOvers()} taken over by a nearer robot before the pod was lifted`);
    expect(rep.vertexConflicts + rep.swaps + rep.illegalMoves + rep.loadedUnderPods).toBe(0);
    expect(rep.bookErrors).toEqual([]);
    expect(checkBooks(sim.world).balanced).toBe(true);
    expect(sim.world.books.ordersCompleted).toBeGreaterThan(100);
    const again = make();
    again.run();
    expect(stableReport(again)).toBe(stableReport(sim));
  });
});

describe('errands assignment under faults', () => {
  it('fetches change hands among breakdowns, closures and a closed station without a collision or a lost line', () => {
    const s = JSON.parse(readFileSync(scenarioPath('hub.json'), 'utf8'));
    s.duration = '1h';
    s.demand.ordersPerHour *= 2;
    s.fleet = { assignment: 'errands' };
    s.faults = {
      robots: { mtbf: '30m', mttr: '8m', replanAbove: '20s' },
      closures: [{ area: [[4, 8], [7, 30]], from: '10m', to: '40m' }],
      stations: [{ station: 0, from: '15m', to: '50m' }],
    };
    const sim = simFromJson(s);
    const takeOvers = countTakeOvers(sim);
    const rep = watchInvariants(sim);
    sim.run();
    expect(takeOvers()).toBeGreaterThan(5);
    expect(rep.vertexConflicts + rep.swaps + rep.illegalMoves + rep.loadedUnderPods).toBe(0);
    expect(rep.bookErrors).toEqual([]);
    expect(checkBooks(sim.world).balanced).toBe(true);
  });
});
