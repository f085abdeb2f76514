import { describe, expect, it } from 'vitest';
import { buildReport } from '../../src/sim/report.js';
import { watchFlow } from '../helpers/flow-invariants.js';
import { watchInvariants } from '../helpers/invariants.js';
import { simFor, stableReport } from '../helpers/scenarios.js';

/** Every shipped scenario, run whole (peak-day for half its day), with every invariant watched. */
const SHIPPED: [string, string | undefined][] = [
  ['default.json', undefined],
  ['hub.json', undefined],
  ['person-to-goods.json', undefined],
  ['peak-day.json', '14h'],
  ['forecast-peak.json', '30h'],
  ['robot-picking.json', undefined],
  ['auto-pack.json', undefined],
];

describe('shipped scenarios: whole-run invariants', () => {
  for (const [name, duration] of SHIPPED) {
    it(`${name}: no collisions, nothing lost off the books, equipment and people where they may be`, () => {
      const sim = simFor(name, { duration });
      const robots = watchInvariants(sim);
      const flow = watchFlow(sim);
      sim.run();
      expect(robots.vertexConflicts + robots.swaps + robots.illegalMoves + robots.loadedUnderPods).toBe(0);
      expect(robots.bookErrors).toEqual([]);
      expect(flow.errors).toEqual([]);
      expect(flow.agvOverlaps + flow.agvOffGuide + flow.agvJumps + flow.peopleOffFloor).toBe(0);
      const r = buildReport(sim.world, sim.planner.name, sim.assignment.name, 0);
      expect(r.robots.conflicts).toBe(0);
      expect(r.robots.depleted).toBe(0);
      // The site keeps up: most orders are done by the end, none is stuck for ever.
      expect(r.orders.completed / r.orders.created).toBeGreaterThan(0.9);
      expect(r.items.created).toBe(r.items.delivered + r.items.inFlight);
    });
  }

  it('hub: totes ride the belts, the sorter sorts, every dock ships, energy is counted', () => {
    const sim = simFor('hub.json', { duration: '2h' });
    sim.run();
    const r = buildReport(sim.world, sim.planner.name, sim.assignment.name, 0);
    expect(r.conveyors.find((c) => c.id === 'main')!.totesMoved).toBeGreaterThan(500);
    expect(r.sorters[0].itemsSorted).toBeGreaterThan(1000);
    for (const d of r.docks) expect(d.ordersShipped).toBeGreaterThan(50);
    expect(r.docks.reduce((n, d) => n + d.ordersShipped, 0)).toBe(r.orders.completed);
    expect(r.timelineSeconds.toSort.count).toBe(r.orders.completed);
    expect(r.energy.gridKWh).toBeGreaterThan(r.energy.robotMoveKWh);
    expect(r.energy.co2eGramsPerOrder).toBeCloseTo((r.energy.gridKWh * 250) / r.orders.completed, 2);
  });

  it('person-to-goods: people pick in both zones, go off duty on their breaks, and walk', () => {
    const sim = simFor('person-to-goods.json');
    const onBreak: number[] = [];
    sim.observe((f) => {
      // 10:15 and 10:45 on the site clock (the run starts at 06:00, 1 s ticks).
      if (f.tick === 4.25 * 3600 || f.tick === 4.75 * 3600) onBreak.push(...Array.from(f.flow.pickerState));
    });
    sim.run();
    const r = buildReport(sim.world, sim.planner.name, sim.assignment.name, 0);
    expect(r.pickers.map((z) => z.zone)).toEqual(['west', 'east']);
    for (const z of r.pickers) {
      expect(z.linesPicked).toBeGreaterThan(1000);
      expect(z.walkedMetres).toBeGreaterThan(1000);
    }
    expect(r.pickers[0].linesPicked + r.pickers[1].linesPicked).toBe(r.lines.picked);
    // At 10:15 the west zone (people 0-3) is on its break; at 10:45 the east zone (4-7) is. Pickers finish a trip first.
    expect(onBreak.slice(0, 4).filter((s) => s === 0).length).toBeGreaterThan(0);
    expect(onBreak.slice(12, 16).filter((s) => s === 0).length).toBeGreaterThan(0);
  });

  it('peak-day: the AGVs carry the manual zone totes, the night backlog waits for the morning shift', () => {
    const sim = simFor('peak-day.json', { duration: '9h' });
    const openAt: number[] = [];
    sim.observe((f) => {
      if (f.tick % Math.round(3600 / sim.config.tickSeconds) === 0) openAt.push(f.ordersOpen);
    });
    sim.run();
    const r = buildReport(sim.world, sim.planner.name, sim.assignment.name, 0);
    expect(r.agvs[0].totesDelivered).toBeGreaterThan(100);
    expect(r.conveyors.find((c) => c.id === 'zone-in')!.totesMoved).toBe(r.agvs[0].totesDelivered);
    // Nobody picks the slow movers before 06:00: open orders climb, then fall once the shift starts.
    expect(openAt[5]).toBeGreaterThan(openAt[1]);
    expect(openAt[8]).toBeLessThan(openAt[5]);
  });
});

describe('shipped scenarios: determinism', () => {
  for (const [name, duration] of [
    ['hub.json', '1h'],
    ['person-to-goods.json', '2h'],
    ['peak-day.json', '8h'],
    ['robot-picking.json', '1h'],
    ['auto-pack.json', '1h'],
  ] as const) {
    it(`${name}: the same seed gives the same report byte for byte; another seed another`, () => {
      const run = (seed: number) => {
        const sim = simFor(name, { duration, seed });
        sim.run();
        return stableReport(sim);
      };
      const a = run(1);
      expect(run(1)).toBe(a);
      expect(run(2)).not.toBe(a);
    });
  }
});
