import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import type { Report } from '../../src/metrics/report.js';
import { buildReport } from '../../src/sim/report.js';
import { scenarioPath, simFor, simFromJson, stableReport } from '../helpers/scenarios.js';

/** scenarios/service-classes.json: three classes, waves every 15 minutes, split same-day orders, pick errors. */
describe('a run with service classes, waves, split shipping and pick errors', () => {
  const sim = simFor('service-classes.json', { duration: '2h' });
  sim.run();
  const r: Report = buildReport(sim.world, sim.planner.name, sim.assignment.name, 0);

  it('the classes add up to the orders', () => {
    const by = Object.values(r.orders.byClass!);
    expect(Object.keys(r.orders.byClass!)).toEqual(['same-day', 'express', 'standard']);
    const sum = (f: (c: (typeof by)[number]) => number) => by.reduce((n, c) => n + f(c), 0);
    expect(sum((c) => c.created)).toBe(r.orders.created);
    expect(sum((c) => c.completed)).toBe(r.orders.completed);
    expect(sum((c) => c.onTime)).toBe(r.sla.onTime);
    for (const c of by) expect(c.cycleTimeSeconds.p95).toBeGreaterThanOrEqual(c.cycleTimeSeconds.p50);
  });

  it('the shares hold roughly: each class within 5 points of its share of the orders', () => {
    const by = r.orders.byClass!;
    const all = r.orders.created;
    expect(Math.abs(by['same-day'].created / all - 0.2)).toBeLessThan(0.05);
    expect(Math.abs(by.express.created / all - 0.3)).toBeLessThan(0.05);
    expect(Math.abs(by.standard.created / all - 0.5)).toBeLessThan(0.05);
  });

  it('the higher priority waits less: same-day and express cycle times below standard', () => {
    const by = r.orders.byClass!;
    expect(by['same-day'].cycleTimeSeconds.p50).toBeLessThan(by.standard.cycleTimeSeconds.p50);
    expect(by.express.cycleTimeSeconds.p50).toBeLessThan(by.standard.cycleTimeSeconds.p50);
  });

  it('parcels, split orders and quality are counted and the books balance', () => {
    expect(r.shipments!.parcels).toBe(r.orders.completed + r.shipments!.splitOrders);
    expect(r.shipments!.splitOrders).toBeGreaterThan(0);
    expect(r.quality!.pickErrors).toBeGreaterThan(0);
    expect(r.conservation.balanced).toBe(true);
    expect(r.conservation.problems).toEqual([]);
  });

  it('is deterministic: the same seed gives the same report byte for byte', () => {
    const again = simFor('service-classes.json', { duration: '2h' });
    again.run();
    expect(stableReport(again)).toBe(stableReport(sim));
    const other = simFor('service-classes.json', { duration: '2h', seed: 2 });
    other.run();
    expect(stableReport(other)).not.toBe(stableReport(sim));
  });
});

describe('the open lines by station and priority', () => {
  it('add up to each station\'s open lines all along, also when stock-outs cancel lines unpicked', () => {
    const s = JSON.parse(readFileSync(scenarioPath('service-classes.json'), 'utf8'));
    delete s.$schema;
    const sim = simFromJson({ ...s, duration: '1h', inventory: { initial: { units: 3 }, cancelAfter: '3m' } });
    const w = sim.world;
    const c = w.orderClasses!;
    let checked = 0;
    while (!sim.done) {
      sim.step();
      if (w.tick % 60 !== 0) continue;
      for (let st = 0; st < w.stations.n; st++) expect(c.loadAhead(st, c.ranks - 1)).toBe(w.stations.openLines[st]);
      checked++;
    }
    expect(checked).toBeGreaterThan(50);
    expect(w.inventory!.cancelledLines).toBeGreaterThan(0);
  });
});
