import { describe, expect, it } from 'vitest';
import { nextTimeOfDay } from '../../src/orders/release.js';
import { ORDER_ASSIGNMENTS } from '../../src/orders/order-assignment.js';
import { PodState } from '../../src/storage/pods.js';
import { simFromJson, stableReport } from '../helpers/scenarios.js';
import { scenarioFromJson } from '../../src/scenario/load.js';
import { Sim } from '../../src/sim/sim.js';

const site = (extra: Record<string, unknown>) => ({
  name: 'waves',
  seed: 3,
  duration: '1h',
  startTime: '08:00',
  layout: { generate: { kind: 'warehouse', width: 30, height: 16, stations: 2, chargers: 2 } },
  robots: { count: 8 },
  demand: { ordersPerHour: 600, linesPerOrder: { min: 1, max: 3 }, skus: 200 },
  ...extra,
});

const CLASSES = [
  { name: 'same-day', share: 0.2, cutoff: ['08:40', '14:00'], priority: 2 },
  { name: 'express', share: 0.3, due: '20m', priority: 1 },
  { name: 'standard', share: 0.5, due: '2h' },
];

describe('the next time of day', () => {
  it('is the first listed time at or after a tick on the site clock, the next day after the last', () => {
    // A day of 100 ticks, the clock reading 30 at tick 0; times 40 and 80.
    expect(nextTimeOfDay(0, [40, 80], 100, 30)).toBe(10);
    expect(nextTimeOfDay(10, [40, 80], 100, 30)).toBe(10);
    expect(nextTimeOfDay(11, [40, 80], 100, 30)).toBe(50);
    expect(nextTimeOfDay(51, [40, 80], 100, 30)).toBe(110);
  });
});

describe('release in waves', () => {
  it('holds every arrival until the next wave, then opens them all, highest priority first', () => {
    const sim = simFromJson(site({ serviceClasses: CLASSES, release: { mode: 'waves', waves: ['08:10', '08:20'] } }));
    const w = sim.world;
    const c = w.orderClasses!;
    const wave = Math.round(600 / w.config.tickSeconds);
    const opened: number[] = [];
    const orderOpened = c.orderOpened.bind(c);
    c.orderOpened = (o, k) => {
      opened.push(k);
      orderOpened(o, k);
    };
    while (w.tick < wave) sim.step();
    expect(w.books.ordersCreated).toBe(0);
    const held = c.held.size;
    expect(held).toBeGreaterThan(50);
    sim.step();
    expect(c.held.size).toBe(0);
    expect(w.books.ordersCreated).toBe(held);
    // Same-day (priority 2) first, then express, then standard.
    const firstOf = (k: number) => opened.indexOf(k);
    const lastOf = (k: number) => opened.lastIndexOf(k);
    expect(lastOf(0)).toBeLessThan(firstOf(1));
    expect(lastOf(1)).toBeLessThan(firstOf(2));
    // Nothing more opens until the next wave.
    while (w.tick < 2 * wave) sim.step();
    expect(w.books.ordersCreated).toBe(held);
    sim.step();
    expect(w.books.ordersCreated).toBeGreaterThan(held);
  });

  it('counts an order\'s cycle time from its arrival, so held time counts: no order completes faster than it was held', () => {
    const sim = simFromJson(site({ serviceClasses: CLASSES, release: { mode: 'waves', waves: ['08:30'] } }));
    sim.run();
    const w = sim.world;
    // Orders arrive from 08:00 and are all opened at 08:30: the earliest arrival waited about 30 minutes.
    const maxCycleS = Math.max(...w.orderClasses!.cycle.map((h) => h.max)) * w.config.tickSeconds;
    expect(maxCycleS).toBeGreaterThan(29 * 60);
    expect(w.books.ordersCompleted).toBeGreaterThan(0);
  });

  it('waves work without service classes: every order in one class, due as without classes, no byClass in the report', () => {
    const sim = simFromJson(site({ release: { mode: 'waves', waves: ['08:10', '08:20', '08:30', '08:40', '08:50'] } }));
    sim.run();
    const r = JSON.parse(stableReport(sim));
    expect(r.orders.byClass).toBeUndefined();
    expect(r.orders.created).toBeGreaterThan(0);
    expect(r.sla.dueSeconds).toBe(7200);
  });

  it('continuous release opens orders the tick they arrive, exactly as without classes but for the class draw', () => {
    const plain = simFromJson(site({}));
    const classed = simFromJson(site({ serviceClasses: CLASSES.map((c) => ({ ...c, priority: 0 })) }));
    for (let t = 0; t < 600; t++) {
      plain.step();
      classed.step();
      expect(classed.world.books.ordersCreated).toBe(plain.world.books.ordersCreated);
    }
  });
});

describe('order-to-station assignment with priorities', () => {
  it('least-loaded counts the open lines an order waits behind: its priority and above', () => {
    const { config } = scenarioFromJson('x.json', site({ serviceClasses: CLASSES }));
    const w = new Sim(config).world;
    const c = w.orderClasses!;
    const a = ORDER_ASSIGNMENTS['least-loaded']();
    const skus = Int32Array.from([1]);
    // Station 0: five standard lines open; station 1: two express lines.
    const std = w.books.openOrder(0, 100, 0, 5);
    c.orderOpened(std, 2);
    c.linesOpened(0, std, 5);
    const exp = w.books.openOrder(0, 100, 1, 2);
    c.orderOpened(exp, 1);
    c.linesOpened(1, exp, 2);
    w.stations.openLines[0] = 5;
    w.stations.openLines[1] = 2;
    expect(a.choose(w, skus, 1, 0)).toBe(0); // same-day: nothing ahead at station 0, two express lines at 1
    expect(a.choose(w, skus, 1, 1)).toBe(0); // express: 0 ahead at station 0, 2 at station 1
    expect(a.choose(w, skus, 1, 2)).toBe(1); // standard: 5 ahead at station 0, 2 at station 1
  });

  it.each(['lines-in-common', 'pod-matching'] as const)('%s weighs, in its balance guard, the open lines an order waits behind', (name) => {
    const { config } = scenarioFromJson('x.json', site({ serviceClasses: CLASSES }));
    const w = new Sim(config).world;
    const c = w.orderClasses!;
    const a = ORDER_ASSIGNMENTS[name]();
    const skus = Int32Array.from([1]);
    // Station 0: twenty standard lines open, one of them for SKU 1; station 1: none.
    const std = w.books.openOrder(0, 100, 0, 20);
    c.orderOpened(std, 2);
    c.linesOpened(0, std, 20);
    w.stations.openLines[0] = 20;
    a.lineOpened?.(0, 1);
    if (name === 'pod-matching') {
      // A pod holding SKU 1 is on its way to station 0.
      const p = w.pods.podsOfSku[w.pods.podStart[1]];
      w.pods.state[p] = PodState.ToStation;
      w.pods.station[p] = 0;
    }
    // Same-day and express orders wait behind none of those twenty: they join the station that has their SKU.
    expect(a.choose(w, skus, 1, 0)).toBe(0);
    expect(a.choose(w, skus, 1, 1)).toBe(0);
    // A standard order waits behind all twenty, beyond the balance guard (0 + 4): it goes to the idle station.
    expect(a.choose(w, skus, 1, 2)).toBe(1);
  });
});

