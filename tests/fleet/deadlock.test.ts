import { describe, expect, it } from 'vitest';
import { RobotState } from '../../src/core/robots.js';
import { setGoal } from '../../src/core/world.js';
import { DEADLOCK_TICKS } from '../../src/fleet/deadlock.js';
import { buildReport } from '../../src/sim/report.js';
import { watchInvariants } from '../helpers/invariants.js';
import { simFromJson } from '../helpers/scenarios.js';

/** A one-wide corridor: robot 0 at column 2 must pass robot 1 at column 4 to reach the charger at column 6. */
const corridor = () =>
  simFromJson({
    name: 'corridor',
    duration: '1h',
    layout: { grid: ['@@@@@@@@', '@P....C@', '@R@@@@@@', '@@@@@@@@'] },
    robots: { count: 2, start: [[1, 2], [1, 4]], battery: { chargeBelow: 0 } },
    demand: { ordersPerHour: 0 },
  });

function jam() {
  const sim = corridor();
  const w = sim.world;
  // Robot 1 runs flat in the corridor; robot 0 is sent to the charger beyond it.
  w.robots.state[1] = RobotState.Depleted;
  w.robots.state[0] = RobotState.ToCharger;
  setGoal(w, 0, 1 * w.grid.width + 6);
  return sim;
}

describe('deadlock detector', () => {
  it('reports a robot that can never get through, where it is stuck, and keeps trying detours', () => {
    const sim = jam();
    const inv = watchInvariants(sim);
    sim.run(DEADLOCK_TICKS * 4);
    const r = buildReport(sim.world, sim.planner.name, sim.assignment.name, 0);
    expect(inv.vertexConflicts + inv.swaps + inv.illegalMoves).toBe(0);
    expect(r.robots.deadlocks.detected).toBeGreaterThanOrEqual(2);
    expect(r.robots.deadlocks.recovered).toBe(0);
    expect(r.robots.deadlocks.unrecovered).toBe(1);
    // Detected next to the flat robot, in the corridor's row.
    expect(r.robots.deadlocks.cells[0]).toEqual({ row: 1, col: 3 });
  });

  it('counts the robot as recovered once the way clears', () => {
    const sim = jam();
    sim.run(DEADLOCK_TICKS + 50);
    expect(sim.world.metrics.deadlocks.detected).toBe(1);
    // The flat robot is taken away (as a repair would); robot 0 then reaches the charger.
    const w = sim.world;
    w.occ[w.robots.cell[1]] = -1;
    w.robots.cell[1] = 2 * w.grid.width + 1; // under the pod at [2, 1], out of the corridor
    w.occ[w.robots.cell[1]] = 1;
    w.robots.state[1] = RobotState.Idle;
    let plugged = false;
    sim.observe((f) => {
      for (let k = 0; k < f.events.count; k++) if (f.events.kind[k] === 4 && f.events.a[k] === 0) plugged = true;
    });
    sim.run(200);
    expect(plugged).toBe(true);
    expect(w.metrics.deadlocks.recovered).toBe(1);
    expect(w.metrics.deadlocks.unrecovered).toBe(0);
  });

  it('stays quiet on the shipped default run', () => {
    const sim = simFromJson(corridorFreeDefault());
    sim.run();
    expect(sim.world.metrics.deadlocks.detected).toBe(0);
  });
});

function corridorFreeDefault() {
  return {
    name: 'open',
    duration: '30m',
    layout: { generate: { kind: 'warehouse', width: 30, height: 14, stations: 2, chargers: 2 } },
    robots: { count: 10, speed: 1.5 },
    demand: { ordersPerHour: 200 },
  };
}
