import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import type { TickDistribution } from '../../src/core/config.js';
import { rngStream } from '../../src/core/rng.js';
import type { World } from '../../src/core/world.js';
import { StationPicking, type ArmSpec } from '../../src/stations/arms.js';
import { OrderBook } from '../../src/orders/books.js';
import { drawTicks } from '../../src/stations/draw.js';
import { buildReport } from '../../src/sim/report.js';
import { scenarioFromJson } from '../../src/scenario/load.js';
import { watchFlow } from '../helpers/flow-invariants.js';
import { watchInvariants } from '../helpers/invariants.js';
import { scenarioPath, simFor, simFromJson, stableReport, loaderMessages } from '../helpers/scenarios.js';

const PICK: TickDistribution = { kind: 'fixed', value: 7 };

function arm(over: Partial<ArmSpec> = {}): ArmSpec {
  return {
    name: 'arm',
    stations: [0],
    cycleTicks: 5,
    graspFailure: 0,
    onFailure: 'human',
    retries: 1,
    fallback: { kind: 'fixed', value: 12 },
    unhandledShare: 0,
    unhandledRanges: [],
    ...over,
  };
}

/** A world with just what a pick-time draw reads: the station pick time, the picking stream and the order book. */
function fakeWorld(): World & { books: OrderBook } {
  return { config: { stations: { pick: PICK } }, rng: { picking: rngStream(1, 'picking') }, books: new OrderBook() } as unknown as World & { books: OrderBook };
}

function line(w: World, sku: number, qty: number): number {
  const o = w.books.openOrder(0, 100, 0, 1);
  return w.books.openLine(o, sku, 0, 0, -1, qty);
}

describe('robotic picking arms: one line', () => {
  it('an arm that never fails grasps each unit in one cycle', () => {
    const w = fakeWorld();
    const p = new StationPicking([arm()], 2, 10, 1);
    expect(p.pickTicks(w, 0, line(w, 3, 2))).toBe(10);
    expect([p.linesByArm[0], p.linesByPerson[0], p.graspAttempts[0], p.graspFailures[0], p.armTicks[0]]).toEqual([1, 0, 2, 0, 10]);
  });

  it("onFailure 'human': the first failed grasp hands the rest of the line to a person", () => {
    const w = fakeWorld();
    const p = new StationPicking([arm({ graspFailure: 1 })], 1, 10, 1);
    // One failed cycle (5) then the person's fixed 12.
    expect(p.pickTicks(w, 0, line(w, 3, 3))).toBe(17);
    expect([p.linesByArm[0], p.linesByPerson[0], p.fallbacks[0], p.graspAttempts[0], p.graspFailures[0]]).toEqual([0, 1, 1, 1, 1]);
    expect(p.personTicks[0]).toBe(12);
  });

  it("onFailure 'retry': the arm tries 1 + retries times before the person takes over", () => {
    const w = fakeWorld();
    const p = new StationPicking([arm({ graspFailure: 1, onFailure: 'retry', retries: 2 })], 1, 10, 1);
    expect(p.pickTicks(w, 0, line(w, 3, 1))).toBe(3 * 5 + 12);
    expect([p.graspAttempts[0], p.graspFailures[0], p.fallbacks[0], p.linesByPerson[0]]).toEqual([3, 3, 1, 1]);
  });

  it('an SKU the arm cannot handle goes straight to the person, without a grasp', () => {
    const w = fakeWorld();
    const p = new StationPicking([arm({ unhandledRanges: [[5, 8]] })], 1, 10, 1);
    expect(p.pickTicks(w, 0, line(w, 6, 2))).toBe(12);
    expect(p.pickTicks(w, 0, line(w, 8, 1))).toBe(5);
    expect([p.unhandledLines[0], p.linesByPerson[0], p.linesByArm[0], p.graspAttempts[0], p.fallbacks[0]]).toEqual([1, 1, 1, 1, 0]);
  });

  it('a human station draws exactly what it drew without arms, from the picking stream', () => {
    const w = fakeWorld();
    w.config.stations.pick = { kind: 'uniform', min: 4, max: 9 };
    const p = new StationPicking([arm()], 2, 10, 1);
    const twin = rngStream(1, 'picking');
    for (let k = 0; k < 20; k++) expect(p.pickTicks(w, 1, line(w, k % 10, 1))).toBe(drawTicks(w.config.stations.pick, twin));
    expect(p.linesByPerson[1]).toBe(20);
    expect(p.graspAttempts[1]).toBe(0);
  });

  it('failure and fallback rates follow the grasp probability; retries cut fallbacks to p^(1+retries)', () => {
    const run = (onFailure: 'human' | 'retry') => {
      const w = fakeWorld();
      const p = new StationPicking([arm({ graspFailure: 0.2, onFailure, retries: 1 })], 1, 10, 7);
      for (let k = 0; k < 20_000; k++) p.pickTicks(w, 0, line(w, 0, 1));
      return { failure: p.graspFailures[0] / p.graspAttempts[0], fallback: p.fallbacks[0] / 20_000 };
    };
    const human = run('human');
    expect(human.failure).toBeCloseTo(0.2, 1);
    expect(human.fallback).toBeCloseTo(0.2, 1);
    const retry = run('retry');
    expect(retry.failure).toBeCloseTo(0.2, 1);
    expect(Math.abs(retry.fallback - 0.04)).toBeLessThan(0.006);
  });

  it('a seeded share of SKUs is out of reach of the arm, the same for the same seed', () => {
    const unhandled = (seed: number) => {
      const w = fakeWorld();
      const p = new StationPicking([arm({ unhandledShare: 0.25 })], 1, 4000, seed);
      const out: number[] = [];
      for (let sku = 0; sku < 4000; sku++) {
        const before = p.unhandledLines[0];
        p.pickTicks(w, 0, line(w, sku, 1));
        if (p.unhandledLines[0] > before) out.push(sku);
      }
      return out;
    };
    const a = unhandled(1);
    expect(a.length / 4000).toBeGreaterThan(0.22);
    expect(a.length / 4000).toBeLessThan(0.28);
    expect(unhandled(1)).toEqual(a);
    expect(unhandled(2)).not.toEqual(a);
  });
});

describe('robot-picking.json: arms beside people', () => {
  it('reports arm and human stations side by side, keeps every invariant, and is deterministic', () => {
    const sim = simFor('robot-picking.json', { duration: '1h' });
    const robots = watchInvariants(sim);
    const flow = watchFlow(sim);
    sim.run();
    expect(robots.vertexConflicts + robots.swaps + robots.illegalMoves).toBe(0);
    expect(flow.errors).toEqual([]);
    const r = buildReport(sim.world, sim.planner.name, sim.assignment.name, 0);
    const rp = r.robotPicking!;
    expect(rp.stations.map((s) => s.kind)).toEqual(['arm', 'human', 'human', 'arm']);
    expect(rp.arm.linesPicked + rp.human.linesPicked).toBe(r.lines.picked);
    for (const s of rp.stations) {
      expect(s.linesPicked).toBe(r.stations[s.station].linesPicked);
      // Lines begun: every finished one, plus at most the visit in progress.
      expect(s.linesByArm + s.linesByPerson).toBeGreaterThanOrEqual(s.linesPicked);
      if (s.kind === 'arm') {
        expect(s.linesByArm).toBeGreaterThan(s.linesByPerson);
        expect(s.unhandled).toBeGreaterThan(0);
        expect(s.failureRate).toBeGreaterThan(0.02);
        expect(s.failureRate).toBeLessThan(0.12);
      } else expect(s.graspAttempts + s.linesByArm + s.unhandled).toBe(0);
    }
    expect(rp.arm.failureRate).toBeGreaterThan(0);
    expect(rp.human.failureRate).toBe(0);
    expect(r.conservation.balanced).toBe(true);
    const again = simFor('robot-picking.json', { duration: '1h' });
    again.run();
    expect(stableReport(again)).toBe(stableReport(sim));
  });

  it('an arm that always fails hands every line to the person, who is then the bottleneck', () => {
    const json = JSON.parse(readFileSync(scenarioPath('robot-picking.json'), 'utf8'));
    json.duration = '30m';
    json.stations.arms[0].graspFailure = 1;
    json.stations.arms[0].onFailure = 'human';
    const sim = simFromJson(json);
    sim.run();
    const rp = buildReport(sim.world, sim.planner.name, sim.assignment.name, 0).robotPicking!;
    for (const s of rp.stations.filter((x) => x.kind === 'arm')) {
      expect(s.linesByArm).toBe(0);
      expect(s.failureRate).toBe(1);
      expect(s.fallbackRate).toBe(1);
      expect(s.fallbacks + s.unhandled).toBe(s.linesByPerson);
    }
  });

  it('adding arms leaves the orders of the run as they were (demand has its own stream)', () => {
    const json = JSON.parse(readFileSync(scenarioPath('robot-picking.json'), 'utf8'));
    json.duration = '15m';
    const arrivals = (withArms: boolean) => {
      const j = structuredClone(json);
      if (!withArms) delete j.stations.arms;
      const sim = simFromJson(j);
      const seen: number[] = [];
      sim.observe((f) => {
        for (let k = 0; k < f.events.count; k++) if (f.events.kind[k] === 0) seen.push(f.tick, f.events.b[k]);
      });
      sim.run();
      return seen;
    };
    const without = arrivals(false);
    expect(without.length).toBeGreaterThan(100);
    expect(arrivals(true)).toEqual(without);
  });

  it('without arms the report has no robotPicking section', () => {
    const sim = simFor('default.json', { duration: '5m' });
    sim.run();
    expect('robotPicking' in buildReport(sim.world, sim.planner.name, sim.assignment.name, 0)).toBe(false);
  });
});

describe('stations.arms in scenario files', () => {
  const base = () => JSON.parse(readFileSync(scenarioPath('robot-picking.json'), 'utf8'));
  const problems = loaderMessages;

  it('resolves picks per hour to a cycle in ticks', () => {
    const c = scenarioFromJson('site.json', base()).config;
    // 720 picks/h = 5 s; ticks of 2/3 s (1 m cells at 1.5 m/s).
    expect(c.arms![0].cycleTicks).toBeCloseTo(7.5, 9);
    expect(c.arms![0].stations).toEqual([0, 3]);
    expect(c.arms![0].unhandledRanges).toEqual([[380, 400]]);
  });

  it('names the place of each problem', () => {
    const j = base();
    j.stations.arms[0].stations = [0, 7];
    j.stations.arms.push({ stations: [0] });
    j.stations.arms[0].cannotHandle.skus = [{ from: 10, to: 10 }];
    j.stations.arms[0].graspFailure = 1.5;
    expect(problems(j)).toEqual(['site.json: stations.arms[0].graspFailure: Too big: expected number to be <=1']);
    j.stations.arms[0].graspFailure = 0.1;
    expect(problems(j)).toEqual([
      'site.json: stations.arms[0].stations[1]: station 7 does not exist: the layout has 4 station(s), 0 to 3',
      'site.json: stations.arms[0].cannotHandle.skus[0]: [10, 10) is empty: from must be below to',
      'site.json: stations.arms[1].stations[0]: station 0 is already listed at stations.arms[0].stations[0]: a station has one kind of picker',
    ]);
  });
});
