import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { buildReport } from '../../src/sim/report.js';
import { watchFlow } from '../helpers/flow-invariants.js';
import { watchInvariants } from '../helpers/invariants.js';
import { scenarioPath, simFromJson } from '../helpers/scenarios.js';

// eslint-disable-next-line @typescript-eslint/no-explicit-any
type Json = any;

/** The response to faults under the strategies that take other code paths: planner, assignment, pod return, re-slotting. */
const VARIANTS: [string, (s: Json) => void][] = [
  ['whca planner', (s) => (s.fleet = { planner: 'whca' })],
  ['hungarian assignment', (s) => (s.fleet = { assignment: 'hungarian' })],
  ['errands assignment', (s) => (s.fleet = { assignment: 'errands' })],
  ['nearest-free pod return (returns rerouted out of closed areas)', (s) => (s.storage = { podReturn: 'nearest-free', podFill: 0.9 })],
  [
    'dynamic slotting (re-slotting moves called off)',
    (s) => {
      s.demand.slotting = 'dynamic';
      s.demand.reslotEvery = '15m';
      s.storage = { podFill: 0.9 };
    },
  ],
];

describe('faults under every strategy family', () => {
  for (const [name, tweak] of VARIANTS) {
    it(`${name}: heavy faults, no collision, nothing lost`, () => {
      const s = JSON.parse(readFileSync(scenarioPath('hub.json'), 'utf8'));
      s.duration = '1h';
      tweak(s);
      s.faults = {
        robots: { mtbf: '30m', mttr: '8m', replanAbove: '20s' },
        closures: [
          { area: [[4, 8], [7, 30]], from: '10m', to: '40m' },
          { area: [[1, 1], [20, 5]], from: '45m', to: '55m' },
        ],
        conveyors: [{ conveyor: 'main', mtbf: '20m', mttr: '3m' }],
        stations: [{ station: 0, from: '15m', to: '50m' }, { station: 2, from: '25m', to: '35m' }],
      };
      const sim = simFromJson(s);
      const inv = watchInvariants(sim);
      const flow = watchFlow(sim);
      sim.run();
      const r = buildReport(sim.world, sim.planner.name, sim.assignment.name, 0);
      expect(inv.vertexConflicts + inv.swaps + inv.illegalMoves + inv.loadedUnderPods).toBe(0);
      expect(inv.bookErrors).toEqual([]);
      expect(flow.errors).toEqual([]);
      expect(r.robots.conflicts).toBe(0);
      expect(r.robots.deadlocks.unrecovered).toBe(0);
      expect(r.faults.counts.breakdowns).toBeGreaterThan(30);
      // Two of four stations closed for a while, an area closed, a robot in four down: a hard hour, but work goes on.
      expect(r.orders.completed).toBeGreaterThan(0.5 * r.orders.created);
    });
  }
});
