import { readFileSync } from 'node:fs';
import { it, expect } from 'vitest';
import { buildReport } from '../../src/metrics/report.js';
import { checkConservation } from '../../src/metrics/conservation.js';
import { watchFlow } from '../helpers/flow-invariants.js';
import { watchInvariants } from '../helpers/invariants.js';
import { scenarioPath, simFromJson } from '../helpers/scenarios.js';
type Json = any;
const shipped = (name: string): Json => JSON.parse(readFileSync(scenarioPath(name), 'utf8'));
const variants: [string, (s: Json) => void][] = [
  ['whca', (s) => (s.fleet = { planner: 'whca' })],
  ['hungarian', (s) => (s.fleet = { assignment: 'hungarian' })],
  ['nearest-free', (s) => (s.storage = { podReturn: 'nearest-free', podFill: 0.9 })],
  ['turnover', (s) => (s.storage = { podReturn: 'turnover', podFill: 0.9 })],
  ['dynamic', (s) => { s.demand.slotting = 'dynamic'; s.demand.reslotEvery = '20m'; s.storage = { podFill: 0.9 }; }],
  ['pod-matching', (s) => (s.stations.orderAssignment = 'pod-matching')],
  ['fcfs', (s) => (s.stations.orderAssignment = 'fcfs')],
  ['lines', (s) => (s.stations.orderAssignment = 'lines-in-common')],
];
for (const [name, tweak] of variants) {
  it(name, () => {
    const s = shipped('hub.json');
    s.duration = '2h';
    tweak(s);
    s.faults = {
      robots: { mtbf: '30m', mttr: '8m', replanAbove: '20s' },
      closures: [
        { area: [[4, 8], [7, 30]], from: '10m', to: '40m' },
        { area: [[13, 2], [15, 12]], from: '30m', to: '1h10m' },
        { area: [[1, 1], [20, 5]], from: '1h20m', to: '1h30m' },
      ],
      conveyors: [{ conveyor: 'main', mtbf: '20m', mttr: '3m' }],
      chutes: [{ sorter: 'sorter', chute: 0, mtbf: '30m', mttr: '5m' }],
      stations: [{ station: 0, from: '15m', to: '50m' }, { station: 1, from: '20m', to: '30m' }, { station: 2, from: '25m', to: '1h' }, { station: 3, from: '25m', to: '35m' }],
    };
    const sim = simFromJson(s);
    const inv = watchInvariants(sim);
    const flow = watchFlow(sim);
    sim.run();
    const r = buildReport(sim.world, sim.planner.name, sim.assignment.name, 0);
    console.log(name, JSON.stringify({ o: r.orders, rep: r.robots.plannerRepairs, dl: r.robots.deadlocks.detected, un: r.robots.deadlocks.unrecovered, resp: r.faults.response, del: r.faults.ordersDelayed.total, bif: r.faults.robots.blockedInFields }));
    expect(inv.vertexConflicts + inv.swaps + inv.illegalMoves + inv.loadedUnderPods).toBe(0);
    expect(inv.bookErrors).toEqual([]);
    expect(flow.errors).toEqual([]);
    expect(r.robots.conflicts).toBe(0);
    const c = checkConservation(sim.world);
    expect(c.problems).toEqual([]);
  });
}
