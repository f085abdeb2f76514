import { describe, expect, it } from 'vitest';
import { EventKind } from '../../src/core/events.js';
import { RobotState } from '../../src/core/robots.js';
import type { Sim } from '../../src/sim/sim.js';
import { PodState } from '../../src/storage/pods.js';
import { STATION_BLOCKED } from '../../src/stations/stations.js';
import { buildReport } from '../../src/sim/report.js';
import { watchFlow } from '../helpers/flow-invariants.js';
import { watchInvariants } from '../helpers/invariants.js';
import { simFromJson } from '../helpers/scenarios.js';

/** One station, one pod, two robots, no chargers: who does what is certain. 1 s ticks. */
const site = (extra: Record<string, unknown> = {}) =>
  simFromJson({
    name: 'one-pod',
    seed: 3,
    duration: '30m',
    layout: { grid: ['@@@@@@@@@@', '@P.......@', '@........@', '@.......R@', '@@@@@@@@@@'] },
    robots: { count: 2, start: [[1, 4], [2, 2]], battery: { chargeBelow: 0 } },
    demand: { ordersPerHour: 120, skus: 1 },
    stations: { pickSeconds: 5 },
    faults: {},
    ...extra,
  });

/** Steps until `pred` holds (at most `limit` ticks); returns the tick. */
function runUntil(sim: Sim, pred: () => boolean, limit = 2000): number {
  for (let k = 0; k < limit && !pred(); k++) sim.step();
  expect(pred()).toBe(true);
  return sim.world.tick;
}

function report(sim: Sim) {
  return buildReport(sim.world, sim.planner.name, sim.assignment.name, 0);
}

describe('robot breakdowns', () => {
  it('a robot carrying a pod keeps it, holds its cell until repaired, then the order completes (counted as delayed)', () => {
    const sim = site();
    const w = sim.world;
    const r = w.robots;
    const inv = watchInvariants(sim);
    const flow = watchFlow(sim, 1);
    runUntil(sim, () => r.state[0] === RobotState.ToStation || r.state[1] === RobotState.ToStation);
    const i = r.state[0] === RobotState.ToStation ? 0 : 1;
    const p = r.pod[i];
    const cell = r.cell[i];
    // The orders riding on the pod's visit.
    const waiting = new Set<number>();
    for (let l = w.pods.visitHead[p]; l >= 0; l = w.books.lineNext[l]) waiting.add(w.books.orderId[w.books.lineOrder[l]]);
    expect(waiting.size).toBeGreaterThan(0);
    expect(sim.faults!.breakRobot(w, i, 120)).toBe(true);
    const from = w.tick;
    const done = new Set<number>();
    sim.observe((f) => {
      for (let k = 0; k < f.events.count; k++) if (f.events.kind[k] === EventKind.OrderDone) done.add(f.events.a[k]);
    });
    while (w.tick < from + 120) {
      sim.step();
      expect(r.state[i]).toBe(RobotState.Broken);
      expect(r.cell[i]).toBe(cell);
      expect(r.pod[i]).toBe(p);
      expect(w.pods.state[p]).toBe(PodState.ToStation);
    }
    for (const o of waiting) expect(done.has(o)).toBe(false);
    sim.step();
    expect(r.state[i]).not.toBe(RobotState.Broken);
    sim.run(600);
    for (const o of waiting) expect(done.has(o)).toBe(true);
    const rep = report(sim);
    expect(rep.faults.robots.breakdowns).toBe(1);
    expect(rep.faults.robots.carryingPod).toBe(1);
    expect(rep.faults.robots.first[0]).toMatchObject({ robot: i, repairSeconds: 120, state: 'to-station' });
    expect(rep.faults.robots.downtimeSeconds).toBe(120);
    expect(rep.faults.ordersDelayed.robot).toBeGreaterThanOrEqual(waiting.size);
    expect(rep.faults.ordersDelayed.total).toBe(rep.faults.ordersDelayed.robot);
    expect(inv.vertexConflicts + inv.swaps + inv.illegalMoves + inv.loadedUnderPods).toBe(0);
    expect(inv.bookErrors).toEqual([]);
    expect(flow.errors).toEqual([]);
    expect(rep.robots.conflicts).toBe(0);
  });

  it('an empty robot on its way to a pod gives the task up; the other robot takes it', () => {
    const sim = site();
    const w = sim.world;
    const r = w.robots;
    const inv = watchInvariants(sim);
    runUntil(sim, () => r.state[0] === RobotState.ToPod || r.state[1] === RobotState.ToPod);
    const i = r.state[0] === RobotState.ToPod ? 0 : 1;
    const other = 1 - i;
    const p = r.taskPod[i];
    expect(r.state[other]).toBe(RobotState.Idle);
    const cell = r.cell[i];
    expect(sim.faults!.breakRobot(w, i, 300)).toBe(true);
    // Released at once: the pod rests and is requested again.
    expect(r.taskPod[i]).toBe(-1);
    expect(w.pods.state[p]).toBe(PodState.Stored);
    expect(w.pods.queued[p]).toBe(1);
    let takenBy = -1;
    sim.observe((f) => {
      for (let k = 0; k < f.events.count; k++) if (f.events.kind[k] === EventKind.TaskAssigned && f.events.b[k] === p && takenBy < 0) takenBy = f.events.a[k];
    });
    sim.run(5);
    expect(takenBy).toBe(other);
    // The other robot lifts the pod and the visit is picked while the broken one still stands where it stopped.
    const picked = w.stations.visits[0];
    sim.run(200);
    expect(r.cell[i]).toBe(cell);
    expect(r.state[i]).toBe(RobotState.Broken);
    expect(w.stations.visits[0]).toBeGreaterThan(picked);
    sim.run();
    const rep = report(sim);
    expect(rep.faults.response.tasksReleased).toBe(1);
    expect(rep.faults.robots.carryingPod).toBe(0);
    expect(rep.orders.completed).toBeGreaterThan(0.9 * rep.orders.created);
    expect(inv.vertexConflicts + inv.swaps + inv.illegalMoves + inv.loadedUnderPods).toBe(0);
    expect(inv.bookErrors).toEqual([]);
    expect(rep.robots.conflicts).toBe(0);
    expect(rep.robots.deadlocks.unrecovered).toBe(0);
  });

  it('a robot broken down while picked from: people finish the pick on time; new orders go to the other station until the repair', () => {
    const sim = site({
      layout: { grid: ['@@@@@@@@@@', '@P.......@', '@........@', '@P......R@', '@@@@@@@@@@'] },
      demand: { ordersPerHour: 240, skus: 1 },
      stations: { pickSeconds: 12 },
    });
    const w = sim.world;
    const r = w.robots;
    const inv = watchInvariants(sim);
    runUntil(sim, () => r.state[0] === RobotState.Picking || r.state[1] === RobotState.Picking);
    const i = r.state[0] === RobotState.Picking ? 0 : 1;
    const s = r.station[i];
    const ends = r.busyUntil[i];
    const picked = w.books.linesPicked;
    sim.faults!.breakRobot(w, i, 120);
    const from = w.tick;
    expect(w.stations.closed[s]).toBe(STATION_BLOCKED);
    let routedThere = 0;
    let routed = 0;
    sim.observe((f) => {
      if (f.tick > from + 120) return;
      for (let k = 0; k < f.events.count; k++) {
        if (f.events.kind[k] !== EventKind.OrderCreated) continue;
        routed++;
        for (let o = 0; o < w.books.orderId.length; o++) if (w.books.orderId[o] === f.events.a[k] && w.books.isOpen(o) && w.books.orderStation[o] === s) routedThere++;
      }
    });
    sim.run(ends - w.tick + 1);
    // The visit ended on time: its lines are picked, the pod stays on the robot, which stays on the station.
    expect(w.books.linesPicked).toBeGreaterThan(picked);
    expect(r.state[i]).toBe(RobotState.Broken);
    expect(sim.faults!.resume[i]).toBe(RobotState.ToStorage);
    expect(r.cell[i]).toBe(w.stations.cell[s]);
    sim.run(from + 120 - w.tick);
    expect(w.stations.closed[s]).toBe(STATION_BLOCKED);
    sim.run(1);
    expect(w.stations.closed[s]).toBe(0);
    expect(routed).toBeGreaterThan(2);
    expect(routedThere).toBe(0);
    sim.run();
    const rep = report(sim);
    expect(rep.faults.response.stationsBlocked).toBe(1);
    expect(rep.faults.robots.first[0].state).toBe('picking');
    expect(inv.vertexConflicts + inv.swaps + inv.illegalMoves + inv.loadedUnderPods).toBe(0);
    expect(inv.bookErrors).toEqual([]);
    expect(rep.robots.conflicts).toBe(0);
  });

  it('a robot going to charge gives the charger up; a charging one keeps it and resumes after the repair', () => {
    const sim = simFromJson({
      name: 'charge',
      duration: '20m',
      layout: { grid: ['@@@@@@@@', '@P....C@', '@R....C@', '@@@@@@@@'] },
      robots: { count: 2, start: [[1, 2], [2, 2]], battery: { chargeBelow: 0.5, initial: 0.4, chargeWatts: 500 } },
      demand: { ordersPerHour: 0 },
      faults: {},
    });
    const w = sim.world;
    const r = w.robots;
    sim.step();
    expect(r.state[0]).toBe(RobotState.ToCharger);
    expect(r.state[1]).toBe(RobotState.ToCharger);
    const charger = r.charger[0];
    sim.faults!.breakRobot(w, 0, 30);
    expect(r.charger[0]).toBe(-1);
    expect(w.chargerRobot[charger]).toBe(-1);
    runUntil(sim, () => r.state[1] === RobotState.Charging);
    const wh = r.batteryWh[1];
    sim.faults!.breakRobot(w, 1, 20);
    const held = r.charger[1];
    sim.run(20);
    // No charge while broken down, and the charger stays reserved.
    expect(r.batteryWh[1]).toBe(wh);
    expect(w.chargerRobot[held]).toBe(1);
    sim.run(2);
    expect(r.state[1]).toBe(RobotState.Charging);
    sim.run(5);
    expect(r.batteryWh[1]).toBeGreaterThan(wh);
    const rep = report(sim);
    expect(rep.faults.response.chargersReleased).toBe(1);
  });

  it('random breakdowns follow the seeded faults stream: same seed, same breakdowns; the robots still do the work', () => {
    const run = (seed: number) => {
      const sim = site({ seed, duration: '2h', faults: { robots: { mtbf: '10m', mttr: '1m' } } });
      const inv = watchInvariants(sim);
      sim.run();
      const rep = report(sim);
      expect(inv.vertexConflicts + inv.swaps + inv.illegalMoves + inv.loadedUnderPods).toBe(0);
      expect(rep.robots.conflicts).toBe(0);
      return rep;
    };
    const a = run(5);
    expect(a.faults.robots.breakdowns).toBeGreaterThan(10);
    // About 2 h x 2 robots / (10 min + 1 min) ~ 22 breakdowns.
    expect(a.faults.robots.breakdowns).toBeLessThan(40);
    expect(run(5).faults).toEqual(a.faults);
    expect(run(6).faults.robots.first).not.toEqual(a.faults.robots.first);
    expect(a.orders.completed).toBeGreaterThan(0.75 * a.orders.created);
  });
});
