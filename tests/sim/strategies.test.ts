import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import type { Sim } from '../../src/sim/sim.js';
import type { Report } from '../../src/metrics/report.js';
import { buildReport } from '../../src/sim/report.js';
import { ScenarioErrors } from '../../src/scenario/errors.js';
import { watchFlow } from '../helpers/flow-invariants.js';
import { watchInvariants } from '../helpers/invariants.js';
import { scenarioPath, simFromJson, stableReport } from '../helpers/scenarios.js';
import { watchStorage } from './storage-check.js';

// eslint-disable-next-line @typescript-eslint/no-explicit-any
type Json = any;
const scenario = (name: string): Json => JSON.parse(readFileSync(scenarioPath(name), 'utf8'));
const report = (sim: Sim): Report => buildReport(sim.world, sim.planner.name, sim.assignment.name, 0);

describe('defaults keep today\'s runs', () => {
  it.each([
    ['default.json', '1h'],
    ['hub.json', '1h'],
  ])('%s: the report is byte-identical with every strategy named at its default', (name, duration) => {
    const implicit = simFromJson(scenario(name), { duration });
    implicit.run();
    const json = scenario(name);
    json.demand = { ...json.demand, affinity: 0, families: 10, reslotEvery: '1h' };
    json.stations = { ...json.stations, orderAssignment: 'least-loaded' };
    json.storage = { podReturn: 'fixed-home', podFill: 1 };
    const explicit = simFromJson(json, { duration });
    explicit.run();
    expect(stableReport(explicit)).toBe(stableReport(implicit));
    const r = report(implicit);
    expect(r.strategies).toEqual({ slotting: json.demand.slotting, podReturn: 'fixed-home', orderAssignment: 'least-loaded', affinity: 0 });
    expect(r.storage.pods).toBe(r.storage.locations);
    expect(r.storage.relocatedReturns).toBe(0);
    expect(r.storage.reslotMoves).toBe(0);
    expect(r.storage.visits).toBe(r.stations.reduce((n, s) => n + s.visits, 0));
  });

  it('without affinity the slotting never changes the demand stream', () => {
    const arrivals = (slotting: string) => {
      const json = scenario('default.json');
      json.duration = '15m';
      json.demand.slotting = slotting;
      const sim = simFromJson(json);
      const seen: number[] = [];
      sim.observe((f) => {
        for (let k = 0; k < f.events.count; k++) if (f.events.kind[k] === 0) seen.push(f.tick, f.events.b[k]);
      });
      sim.run();
      return seen;
    };
    const random = arrivals('random');
    expect(random.length).toBeGreaterThan(40);
    expect(arrivals('correlated')).toEqual(random);
    expect(arrivals('cube-per-order')).toEqual(random);
  });
});

/** Every strategy on the default site (2 stations, 161 locations, 12 robots), 20 minutes each. */
const CASES: [string, (j: Json) => void][] = [
  ['slotting random', (j) => (j.demand.slotting = 'random')],
  ['slotting velocity', (j) => (j.demand.slotting = 'velocity')],
  ['slotting cube-per-order', (j) => (j.demand.slotting = 'cube-per-order')],
  ['slotting correlated, affinity 0.7', (j) => Object.assign(j.demand, { slotting: 'correlated', affinity: 0.7, families: 4 })],
  ['slotting dynamic, podFill 0.85', (j) => (Object.assign(j.demand, { slotting: 'dynamic', reslotEvery: '4m' }), (j.storage = { podFill: 0.85 }))],
  ['return fixed-home, podFill 0.85', (j) => (j.storage = { podReturn: 'fixed-home', podFill: 0.85 })],
  ['return nearest-free, podFill 0.85', (j) => (j.storage = { podReturn: 'nearest-free', podFill: 0.85 })],
  ['return turnover, podFill 0.85', (j) => (j.storage = { podReturn: 'turnover', podFill: 0.85 })],
  ['return nearest-free, every location filled', (j) => (j.storage = { podReturn: 'nearest-free' })],
  ['return turnover, replicas 2', (j) => ((j.storage = { podReturn: 'turnover', podFill: 0.9 }), (j.demand.replicas = 2))],
  ['orders fcfs', (j) => (j.stations.orderAssignment = 'fcfs')],
  ['orders lines-in-common', (j) => (j.stations.orderAssignment = 'lines-in-common')],
  ['orders pod-matching, replicas 2', (j) => ((j.stations.orderAssignment = 'pod-matching'), (j.demand.replicas = 2))],
  [
    'dynamic + turnover + pod-matching + affinity, 4 pickers\' worth of demand',
    (j) => {
      Object.assign(j.demand, { slotting: 'dynamic', reslotEvery: '3m', affinity: 0.5, ordersPerHour: 300 });
      j.storage = { podReturn: 'turnover', podFill: 0.8 };
      j.stations.orderAssignment = 'pod-matching';
    },
  ],
];

function watchedRun(json: Json, duration?: string) {
  const sim = simFromJson(json, duration ? { duration } : {});
  const robots = watchInvariants(sim);
  const flow = watchFlow(sim);
  const storage = watchStorage(sim);
  sim.run();
  return { sim, robots, flow, storage, r: report(sim) };
}

describe('every strategy keeps every invariant over a whole run', () => {
  it.each(CASES)('%s', (_name, patch) => {
    const json = scenario('default.json');
    json.duration = '20m';
    patch(json);
    const { robots, flow, storage, r } = watchedRun(json);
    expect(robots.vertexConflicts + robots.swaps + robots.illegalMoves + robots.loadedUnderPods).toBe(0);
    expect(robots.bookErrors).toEqual([]);
    expect(flow.errors).toEqual([]);
    expect(storage.errors).toEqual([]);
    expect(storage.checks).toBeGreaterThan(100);
    expect(r.robots.conflicts).toBe(0);
    expect(r.orders.completed / r.orders.created).toBeGreaterThan(0.8);
    expect(r.storage.visits).toBeGreaterThan(50);
  });

  it('re-slotting moves pods during the run, as ordinary robot tasks', () => {
    const json = scenario('default.json');
    json.duration = '20m';
    CASES[4][1](json);
    const { r } = watchedRun(json);
    expect(r.strategies.slotting).toBe('dynamic');
    expect(r.storage.reslotMoves).toBeGreaterThan(5);
    expect(r.storage.reslotDistanceCells).toBeGreaterThan(r.storage.reslotMoves * 2);
  });

  it('hub (belts, sorter, docks) with moving homes, correlated demand and matching', () => {
    const json = scenario('hub.json');
    Object.assign(json.demand, { slotting: 'correlated', affinity: 0.5 });
    json.storage = { podReturn: 'nearest-free', podFill: 0.9 };
    json.stations.orderAssignment = 'lines-in-common';
    const { robots, flow, storage, r } = watchedRun(json, '40m');
    expect(robots.vertexConflicts + robots.swaps + robots.illegalMoves + robots.loadedUnderPods).toBe(0);
    expect(robots.bookErrors).toEqual([]);
    expect(flow.errors).toEqual([]);
    expect(storage.errors).toEqual([]);
    expect(r.robots.conflicts).toBe(0);
    expect(r.storage.relocatedReturns).toBeGreaterThan(100);
    expect(r.items.created).toBe(r.items.delivered + r.items.inFlight);
  });
});

describe('determinism', () => {
  it('the same seed gives the same report with every non-default strategy; another seed another', () => {
    const run = (seed: number) => {
      const json = scenario('default.json');
      json.duration = '20m';
      json.seed = seed;
      CASES[CASES.length - 1][1](json);
      const sim = simFromJson(json);
      sim.run();
      return stableReport(sim);
    };
    const a = run(1);
    expect(run(1)).toBe(a);
    expect(run(2)).not.toBe(a);
    expect(JSON.parse(a).storage.reslotMoves).toBeGreaterThan(0);
  });
});

/** The default site for 30 minutes with `patch`; the report. */
function site(patch: (j: Json) => void, seed = 1): Report {
  const json = scenario('default.json');
  json.duration = '30m';
  json.seed = seed;
  patch(json);
  const sim = simFromJson(json);
  sim.run();
  return report(sim);
}

describe('effects a layout comparison should see', () => {
  it('strong skew: velocity fetches pods from much nearer the stations than random', () => {
    const skew = (slotting: string) => site((j) => Object.assign(j.demand, { slotting, zipf: 1.2 }));
    const random = skew('random');
    const velocity = skew('velocity');
    expect(velocity.storage.meanPodDistanceCells).toBeLessThan(0.75 * random.storage.meanPodDistanceCells);
    expect(velocity.storage.nearQuarterFetchShare).toBeGreaterThan(random.storage.nearQuarterFetchShare + 0.2);
    expect(velocity.robots.distanceCells).toBeLessThan(random.robots.distanceCells);
  });

  it('correlated demand: families stored together serve more lines per pod visit than random slotting', () => {
    const correlated = (slotting: string) =>
      site((j) => Object.assign(j.demand, { slotting, skus: 800, affinity: 0.8, families: 5, linesPerOrder: { min: 2, max: 4 } }));
    const random = correlated('random');
    const together = correlated('correlated');
    expect(together.storage.linesPerVisit).toBeGreaterThan(1.2 * random.storage.linesPerVisit);
    expect(together.storage.visits).toBeLessThan(random.storage.visits);
  });

  it('pod return: nearest-free shortens the trip back, turnover the trip out, compared with fixed homes', () => {
    const ret = (podReturn: string) => site((j) => ((j.demand.slotting = 'random'), (j.storage = { podReturn, podFill: 0.85 })));
    const fixed = ret('fixed-home');
    const nearest = ret('nearest-free');
    const turnover = ret('turnover');
    expect(nearest.storage.meanReturnDistanceCells).toBeLessThan(0.85 * fixed.storage.meanReturnDistanceCells);
    expect(turnover.storage.meanPodDistanceCells).toBeLessThan(0.85 * fixed.storage.meanPodDistanceCells);
    expect(fixed.storage.relocatedReturns).toBe(0);
    expect(nearest.storage.relocatedReturns).toBeGreaterThan(nearest.storage.visits / 2);
  });

  it('order batching: lines-in-common and pod-matching serve more lines per visit than least-loaded', () => {
    const orders = (orderAssignment: string) =>
      site((j) => ((j.stations.orderAssignment = orderAssignment), Object.assign(j.demand, { zipf: 1.2, skus: 100, ordersPerHour: 300 })));
    const least = orders('least-loaded');
    for (const name of ['lines-in-common', 'pod-matching']) {
      const r = orders(name);
      expect(r.strategies.orderAssignment).toBe(name);
      expect(r.storage.linesPerVisit, name).toBeGreaterThan(1.05 * least.storage.linesPerVisit);
    }
  });
});

/** One station at (1,1); `n` locations in row 2, loaded travel 2, 3, ... from the station. */
function row(podFill: number, n = 6) {
  const wall = '@'.repeat(n + 4);
  return simFromJson({
    name: 'row',
    duration: '10m',
    layout: { grid: [wall, '@P' + '.'.repeat(n + 1) + '@', '@.' + 'R'.repeat(n) + '.@', '@' + '.'.repeat(n + 2) + '@', wall] },
    robots: { count: 1, battery: { chargeBelow: 0 } },
    demand: { ordersPerHour: 0, skus: 6, slotting: 'dynamic', reslotEvery: '10h' },
    storage: { podFill },
  });
}

describe('dynamic re-slotting, worked by hand', () => {
  it('a hot pod far out moves to the nearest free location', () => {
    const sim = row(0.5); // pods 0, 1, 2 at locations 0, 2, 4; free: 1, 3, 5
    const w = sim.world;
    w.storage.windowPicks[2] = 10; // pod 2 (location 4, rank 4 of 6) was picked; it deserves rank 0
    sim.reslot!.look(w);
    const storage = watchStorage(sim, 1);
    const robots = watchInvariants(sim);
    sim.run(200);
    expect(w.storage.reslotMoves).toBe(1);
    expect(w.pods.home[2]).toBe(w.storage.cells[1]);
    expect(w.pods.cell[2]).toBe(w.storage.cells[1]);
    expect(Array.from(w.storage.owner)).toEqual([0, 2, 1, -1, -1, -1]);
    expect(storage.errors).toEqual([]);
    expect(robots.loadedUnderPods + robots.illegalMoves).toBe(0);
  });

  it('no nearer free location: a colder pod is evicted to the free location furthest out, then the hot pod takes its place', () => {
    const sim = row(0.75, 8); // 8 locations, 2 left empty: 3 and 7; pods 0, 1, 2 at locations 0, 1, 2, pods 3, 4, 5 at 4, 5, 6
    const w = sim.world;
    expect(Array.from(w.storage.owner)).toEqual([0, 1, 2, -1, 3, 4, 5, -1]);
    w.storage.windowPicks[2] = 10; // pod 2 at rank 2 deserves rank 0 (slack 1); no free location is nearer
    w.storage.windowPicks[1] = 6; // pod 1 is too hot to evict for it (more than half its picks)
    sim.reslot!.look(w);
    const storage = watchStorage(sim, 1);
    sim.run(400);
    expect(w.storage.reslotMoves).toBe(2);
    expect(w.pods.home[0]).toBe(w.storage.cells[7]); // the coldest nearer pod went furthest out, not to location 3
    expect(w.pods.home[2]).toBe(w.storage.cells[0]); // the hot pod took its place
    expect(Array.from(w.storage.owner)).toEqual([2, 1, -1, -1, 3, 4, 5, 0]);
    expect(storage.errors).toEqual([]);
  });

  it('needs empty locations: dynamic with every location filled is refused at load', () => {
    let message = '';
    try {
      row(1);
    } catch (e) {
      message = (e as ScenarioErrors).errors.map((x) => x.message).join('\n');
    }
    expect(message).toMatch(/storage\.podFill: is 1, which leaves none of the 6 storage locations empty.*at most 0\.83/);
  });
});
