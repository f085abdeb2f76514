import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import type { Sim } from '../../src/sim/sim.js';
import { PodState } from '../../src/storage/pods.js';
import type { ConservationReport } from '../../src/books/conservation.js';
import { checkBooks } from '../../src/sim/books.js';
import { buildReport } from '../../src/sim/report.js';
import { scenarioPath, simFor, simFromJson } from '../helpers/scenarios.js';

// eslint-disable-next-line @typescript-eslint/no-explicit-any
type Json = any;
const scenario = (name: string): Json => JSON.parse(readFileSync(scenarioPath(name), 'utf8'));

/** Balanced, with nothing dropped, and the figures agree with the KPI report's own. */
function expectBalanced(sim: Sim, c: ConservationReport): void {
  expect(c.problems).toEqual([]);
  expect(c.balanced).toBe(true);
  for (const e of [c.orders, c.lines, c.items, c.totes, c.pods]) {
    expect(e.balanced).toBe(true);
    expect(e.imbalance).toBe(0);
    expect(e.dropped).toEqual({});
    expect(e.created).toBe(e.completed + e.inProgress);
  }
  const r = buildReport(sim.world, sim.planner.name, sim.assignment.name, 0);
  expect(c.orders.created).toBe(r.orders.created);
  expect(c.orders.inProgress).toBe(r.orders.open);
  expect(c.lines.inProgress).toBe(r.lines.open);
  expect(c.items.inProgress).toBe(r.items.inFlight);
  expect(c.totes.inProgress).toBe(r.totes.inUse);
  expect(c.pods.created).toBe(r.storage.pods);
}

function runToEnd(sim: Sim): ConservationReport {
  sim.run();
  return checkBooks(sim.world);
}

describe('conservation at the end of every shipped scenario', () => {
  it.each([
    ['default.json', undefined],
    ['hub.json', '1h'],
    ['person-to-goods.json', '4h'],
    ['peak-day.json', '6h'],
    ['dense.json', '10m'],
    ['robot-picking.json', '1h'],
    ['auto-pack.json', '1h'],
  ])('%s (%s)', (name, duration) => {
    const sim = simFor(name, duration ? { duration } : {});
    const c = runToEnd(sim);
    expectBalanced(sim, c);
    // Something actually flowed, and some of it is still in progress at the end.
    expect(c.orders.completed).toBeGreaterThan(50);
    expect(c.items.inProgress).toBeGreaterThan(0);
    if (sim.world.pods.n > 0) expect(c.pods.where.onRobots).toBeGreaterThan(0);
  });

  it('peak-day mid-morning: units loose on the sorter, totes on AGVs and carts are all found', () => {
    // 08:30: the zone's first shift is picking and the sorter is busy.
    const sim = simFor('peak-day.json', { duration: '8h30m' });
    const c = runToEnd(sim);
    expectBalanced(sim, c);
    expect(c.items.where.looseOnSorters).toBeGreaterThan(0);
    expect(c.totes.where.inOutbound).toBeGreaterThan(0);
    expect(c.totes.where.onCarts).toBeGreaterThan(0);
    expect(c.lines.where.inZoneTotes).toBeGreaterThan(0);
    expect(c.orders.where.inTransit).toBeGreaterThan(0);
    // Fast: a few milliseconds on a site of this size (generous bound for shared machines).
    const t0 = performance.now();
    for (let k = 0; k < 10; k++) checkBooks(sim.world);
    expect((performance.now() - t0) / 10).toBeLessThan(50);
  });

  it.each<[string, (j: Json) => void]>([
    ['podFill 0.9, turnover returns', (j) => (j.storage = { podReturn: 'turnover', podFill: 0.9 })],
    ['podFill 0.85, nearest-free returns, pod-matching', (j) => ((j.storage = { podReturn: 'nearest-free', podFill: 0.85 }), (j.stations.orderAssignment = 'pod-matching'))],
    ['dynamic slotting, podFill 0.85', (j) => (Object.assign(j.demand, { slotting: 'dynamic', reslotEvery: '4m' }), (j.storage = { podFill: 0.85 }))],
    ['whca + hungarian, units 1..4', (j) => ((j.fleet = { planner: 'whca', assignment: 'hungarian' }), (j.demand.unitsPerLine = { min: 1, max: 4 }))],
    ['errands, a busy fleet (fetches change hands)', (j) => ((j.fleet = { planner: 'pibt', assignment: 'errands' }), (j.demand.ordersPerHour = 720))],
  ])('default site, %s', (_name, patch) => {
    const json = scenario('default.json');
    json.duration = '20m';
    patch(json);
    const sim = simFromJson(json);
    const c = runToEnd(sim);
    expectBalanced(sim, c);
    expect(c.orders.completed).toBeGreaterThan(30);
  });

  it('hub with turnover returns and dynamic slotting', () => {
    const json = scenario('hub.json');
    Object.assign(json.demand, { slotting: 'dynamic', reslotEvery: '5m' });
    json.storage = { podReturn: 'turnover', podFill: 0.9 };
    const sim = simFromJson(json, { duration: '40m' });
    const c = runToEnd(sim);
    expectBalanced(sim, c);
    expect(sim.world.storage.reslotMoves).toBeGreaterThan(0);
  });

  it('holds at every tick, not only at the end (hub, 20 minutes, checked every 7 ticks)', () => {
    const sim = simFor('hub.json', { duration: '20m' });
    const seen: string[] = [];
    let checks = 0;
    sim.observe((f) => {
      if (f.tick % 7 !== 0) return;
      checks++;
      const c = checkBooks(sim.world);
      if (!c.balanced && seen.length < 3) seen.push(`tick ${f.tick}: ${c.problems.join('; ')}`);
    });
    sim.run();
    expect(seen).toEqual([]);
    expect(checks).toBeGreaterThan(200);
  });

  it('a run of zero ticks balances at zero (pods all stored)', () => {
    const sim = simFor('default.json', { duration: '1h' });
    const c = checkBooks(sim.world);
    expect(c.balanced).toBe(true);
    expect(c.orders.created).toBe(0);
    expect(c.pods.where).toEqual({ stored: sim.world.pods.n, onRobots: 0 });
  });
});

describe('the report', () => {
  it('has a fixed key order, and dropped counts (from faults, later) close the books', () => {
    const sim = simFor('default.json', { duration: '10m' });
    const c = runToEnd(sim);
    expect(Object.keys(c)).toEqual(['balanced', 'orders', 'lines', 'items', 'totes', 'pods', 'problems']);
    for (const e of [c.orders, c.lines, c.items, c.totes, c.pods]) {
      expect(Object.keys(e)).toEqual(['created', 'completed', 'inProgress', 'dropped', 'imbalance', 'balanced', 'where']);
    }
    expect(Object.keys(c.totes.where)).toEqual(['picking', 'staged', 'inOutbound', 'onCarts']);
    // Deterministic: the same world state gives the same text.
    expect(JSON.stringify(checkBooks(sim.world))).toBe(JSON.stringify(c));
    // A unit reported dropped without leaving the books breaks the balance the other way, named by reason.
    const d = checkBooks(sim.world, { items: { damaged: 2, lost: 1 } });
    expect(d.items.dropped).toEqual({ damaged: 2, lost: 1 });
    expect(Object.keys(d.items.dropped)).toEqual(['damaged', 'lost']);
    expect(d.items.imbalance).toBe(-3);
    expect(d.items.balanced).toBe(false);
    expect(d.problems).toContain(
      `items: created ${c.items.created} != delivered ${c.items.completed} + in progress ${c.items.inProgress} + dropped 3`,
    );
  });

});

/** Runs `name` for `duration`, then lets `corrupt` damage the world; returns the check. */
function corrupted(name: string, duration: string, corrupt: (sim: Sim) => void, patch?: (j: Json) => void): ConservationReport {
  const json = scenario(name);
  patch?.(json);
  const sim = simFromJson(json, { duration });
  sim.run();
  expect(checkBooks(sim.world).balanced).toBe(true);
  corrupt(sim);
  return checkBooks(sim.world);
}

describe('it can fail: deliberate corruption is caught and named', () => {
  it('a unit taken out of a tote', () => {
    let before = 0;
    const c = corrupted('default.json', '10m', (sim) => {
      const t = sim.world.totes;
      const k = Array.from(t.order).findIndex((o, j) => o >= 0 && t.items[j] > 0);
      expect(k).toBeGreaterThanOrEqual(0);
      before = t.itemsInTotes();
      t.items[k]--;
    });
    expect(c.balanced).toBe(false);
    expect(c.items.balanced).toBe(false);
    expect(c.items.imbalance).toBe(1);
    expect(c.items.where.inTotes).toBe(before - 1);
    expect(c.problems).toContain(`items: created ${c.items.created} != delivered ${c.items.completed} + in progress ${c.items.inProgress} + dropped 0`);
    expect(c.problems.some((p) => /^items: open orders await \d+ units, but totes hold \d+ and sorters 0$/.test(p))).toBe(true);
    // The other entities are untouched.
    expect([c.orders.balanced, c.lines.balanced, c.totes.balanced, c.pods.balanced]).toEqual([true, true, true, true]);
  });

  it('a pod dropped from the robot carrying it', () => {
    const c = corrupted('default.json', '10m', (sim) => {
      const r = sim.world.robots;
      const i = Array.from(r.pod).findIndex((p) => p >= 0);
      expect(i).toBeGreaterThanOrEqual(0);
      r.pod[i] = -1;
    });
    expect(c.pods.balanced).toBe(false);
    expect(c.pods.imbalance).toBe(1);
    expect(c.problems.some((p) => /^pods: pod \d+ is carried \(state \d\) but on no robot$/.test(p))).toBe(true);
    expect(c.problems.some((p) => /^pods: created 161 != retired 0 \+ in progress 160 \+ dropped 0$/.test(p))).toBe(true);
  });

  it('a pod on two robots, and a stored pod on a robot', () => {
    const c = corrupted('default.json', '10m', (sim) => {
      const { robots: r, pods } = sim.world;
      const loaded = Array.from(r.pod).findIndex((p) => p >= 0);
      const empty = Array.from(r.pod).findIndex((p) => p < 0);
      r.pod[empty] = r.pod[loaded];
      const storedPod = Array.from(pods.state).findIndex((s) => s === PodState.Stored);
      const other = Array.from(r.pod).findIndex((p, i) => p < 0 && i !== empty);
      r.pod[other] = storedPod;
      pods.robot[storedPod] = other;
    });
    expect(c.pods.balanced).toBe(false);
    expect(c.pods.imbalance).toBe(-2);
    expect(c.problems.some((p) => /^pods: pod \d+ is on robots \d+ and \d+$/.test(p))).toBe(true);
    expect(c.problems.some((p) => /^pods: pod \d+ rests in storage \(state 0\) but is on robot \d+$/.test(p))).toBe(true);
  });

  it('a counter bumped: one more order created than the slots hold', () => {
    const c = corrupted('default.json', '10m', (sim) => void sim.world.books.ordersCreated++);
    expect(c.orders.balanced).toBe(false);
    expect(c.orders.imbalance).toBe(1);
    expect(c.problems).toEqual([
      `orders: created ${c.orders.created} != completed ${c.orders.completed} + in progress ${c.orders.inProgress} + dropped 0`,
    ]);
  });

  it('a counter bumped: units delivered that no dock received (hub)', () => {
    const c = corrupted('hub.json', '30m', (sim) => void sim.world.books.itemsDelivered++);
    expect(c.items.balanced).toBe(false);
    expect(c.items.imbalance).toBe(-1);
    expect(c.problems.some((p) => /^items: docks received \d+ units, the book counts \d+ delivered$/.test(p))).toBe(true);
  });

  it('an open line lost from its pod list', () => {
    const c = corrupted('default.json', '10m', (sim) => {
      const { pods, books } = sim.world;
      const p = Array.from(pods.visitHead).findIndex((l) => l >= 0);
      expect(p).toBeGreaterThanOrEqual(0);
      pods.visitHead[p] = books.lineNext[pods.visitHead[p]];
      if (pods.visitHead[p] < 0) pods.visitTail[p] = -1;
    });
    expect(c.lines.balanced).toBe(false);
    expect(c.lines.imbalance).toBe(1);
    expect(c.problems.some((p) => /^lines: the book counts \d+ open, \d+ are on pod and tote lists$/.test(p))).toBe(true);
  });

  it('a line list turned into a cycle does not hang the check', () => {
    const c = corrupted('default.json', '10m', (sim) => {
      const { pods, books } = sim.world;
      const p = Array.from(pods.visitHead).findIndex((l) => l >= 0);
      books.lineNext[pods.visitTail[p]] = pods.visitHead[p];
    });
    expect(c.lines.balanced).toBe(false);
    expect(c.problems.some((p) => /^lines: more lines on lists than open \(a cycle\?\) at pod \d+ \(visit\)$/.test(p))).toBe(true);
  });

  it('a tote released behind the book\'s back (hub: totes in the outbound network)', () => {
    const c = corrupted('hub.json', '30m', (sim) => {
      const t = sim.world.totes;
      const k = Array.from(t.order).findIndex((o, j) => o >= 0 && t.linesLeft[j] === 0);
      expect(k).toBeGreaterThanOrEqual(0);
      t.order[k] = -1;
    });
    expect(c.totes.balanced).toBe(false);
    expect(c.items.balanced).toBe(false); // its units went with it
    expect(c.problems.some((p) => /^totes: the book counts \d+ in use, recounted \d+$/.test(p))).toBe(true);
  });

  it('an order marked fully delivered but never closed (person-to-goods)', () => {
    const c = corrupted('person-to-goods.json', '2h', (sim) => {
      const b = sim.world.books;
      // Mark an open order's units all delivered without closing it.
      const t = sim.world.totes;
      const k = Array.from(t.order).findIndex((o) => o >= 0);
      const o = t.order[k];
      b.itemsDone[o] = b.items[o];
    });
    expect(c.balanced).toBe(false);
    expect(c.orders.balanced).toBe(false);
    expect(c.problems.some((p) => /^orders: the book counts \d+ open, recounted \d+ slots with units not yet delivered$/.test(p))).toBe(true);
    expect(c.problems.some((p) => /^totes: tote \d+ belongs to order slot \d+, which is not open$/.test(p))).toBe(true);
  });

  it('lists at most 20 problems, then counts the rest', () => {
    const c = corrupted('default.json', '10m', (sim) => {
      const { robots: r } = sim.world;
      for (let i = 0; i < r.n; i++) r.pod[i] = 0;
    });
    expect(c.problems).toHaveLength(21);
    expect(c.problems.at(-1)).toMatch(/^\.\.\. and \d+ more$/);
    expect(c.pods.balanced).toBe(false);
  });
});
