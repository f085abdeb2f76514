import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { EventKind } from '../../src/core/events.js';
import type { Sim } from '../../src/sim/sim.js';
import { PickerState } from '../../src/people/pickers.js';
import { buildReport } from '../../src/sim/report.js';
import { watchFlow } from '../helpers/flow-invariants.js';
import { watchInvariants } from '../helpers/invariants.js';
import { scenarioPath, simFromJson } from '../helpers/scenarios.js';

// eslint-disable-next-line @typescript-eslint/no-explicit-any
type Json = any;
const shipped = (name: string): Json => JSON.parse(readFileSync(scenarioPath(name), 'utf8'));
const report = (sim: Sim) => buildReport(sim.world, sim.planner.name, sim.assignment.name, 0);
/** hub.json runs at 1.5 m/s on 1 m cells: 2/3 s ticks. */
const HUB_TICKS_PER_MIN = 90;

function clean(sim: Sim) {
  const inv = watchInvariants(sim);
  const flow = watchFlow(sim, 10);
  return () => {
    expect(inv.vertexConflicts + inv.swaps + inv.illegalMoves + inv.loadedUnderPods).toBe(0);
    expect(inv.bookErrors).toEqual([]);
    expect(flow.errors).toEqual([]);
    const r = report(sim);
    expect(r.robots.conflicts).toBe(0);
    expect(r.robots.deadlocks.unrecovered).toBe(0);
  };
}

describe('equipment and people faults', () => {
  it('a jammed conveyor moves no tote during the jam, the belts feeding it block, and jam time is kept apart from blocked time', () => {
    const hub = shipped('hub.json');
    hub.duration = '50m';
    hub.faults = { conveyors: [{ conveyor: 'main', from: '20m', to: '30m' }] };
    const sim = simFromJson(hub);
    const check = clean(sim);
    const w = sim.world;
    const ob = w.site.outbound!;
    const main = ob.conveyors.find((c) => c.spec.name === 'main')!;
    const feeders = ob.conveyors.filter((c) => c !== main);
    sim.run(20 * HUB_TICKS_PER_MIN);
    const at = { in: main.totesIn, out: main.totesOut, count: main.count, blocked: main.blockedTicks, feedersBlocked: feeders.reduce((n, c) => n + c.blockedTicks, 0) };
    expect(at.count).toBeGreaterThan(0);
    for (let k = 0; k < 10 * HUB_TICKS_PER_MIN; k++) {
      sim.step();
      expect(main.totesIn).toBe(at.in);
      expect(main.totesOut).toBe(at.out);
      expect(main.count).toBe(at.count);
    }
    // Back-pressure: the infeed belts waited at their discharge into the jammed main line.
    expect(feeders.reduce((n, c) => n + c.blockedTicks, 0) - at.feedersBlocked).toBeGreaterThan(5 * HUB_TICKS_PER_MIN);
    expect(main.blockedTicks).toBe(at.blocked);
    sim.run(2 * HUB_TICKS_PER_MIN);
    expect(main.totesOut).toBeGreaterThan(at.out);
    sim.run();
    const r = report(sim);
    expect(r.faults.conveyors).toEqual([{ id: 'main', jams: 1, jamSeconds: 600 }]);
    expect(r.faults.counts.conveyorJams).toBe(1);
    expect(r.faults.ordersDelayed.conveyor).toBeGreaterThan(0);
    expect(r.faults.ordersDelayed.conveyor).toBeLessThanOrEqual(at.count);
    check();
  });

  it('a chute out of service: items for it go to the other chute of the same dock; with none left they go round again', () => {
    const hub = shipped('hub.json');
    hub.duration = '45m';
    // Dock A gets two chutes; chute 0 is out from 10 to 40 minutes, and B's only chute (2) from 15 to 25 minutes.
    hub.outbound.sorters[0].chutes = [
      { dock: 'A', capacity: 40 },
      { dock: 'A', capacity: 40 },
      { dock: 'B', capacity: 30 },
      { dock: 'C', capacity: 30 },
    ];
    hub.faults = {
      chutes: [
        { sorter: 'sorter', chute: 0, from: '10m', to: '40m' },
        { sorter: 'sorter', chute: 2, from: '15m', to: '25m' },
      ],
    };
    const sim = simFromJson(hub);
    const check = clean(sim);
    let grew0 = 0;
    let grew1 = 0;
    let prev: Int32Array | null = null;
    sim.observe((f) => {
      const inWindow = f.tick > 10 * HUB_TICKS_PER_MIN && f.tick <= 40 * HUB_TICKS_PER_MIN;
      if (prev && inWindow) {
        if (f.flow.chuteItems[0] > prev[0]) grew0++;
        if (f.flow.chuteItems[1] > prev[1]) grew1++;
      }
      prev = f.flow.chuteItems.slice();
    });
    sim.run();
    expect(grew0).toBe(0);
    expect(grew1).toBeGreaterThan(50);
    const r = report(sim);
    const [a0, b] = r.faults.chutes;
    expect(a0).toMatchObject({ sorter: 'sorter', chute: 0, dock: 'A', outages: 1, outSeconds: 1800, dropsTurnedAway: 0 });
    expect(a0.itemsRedirected).toBeGreaterThan(50);
    expect(b).toMatchObject({ chute: 2, dock: 'B', outages: 1, outSeconds: 600, itemsRedirected: 0 });
    expect(b.dropsTurnedAway).toBeGreaterThan(0);
    expect(r.faults.ordersDelayed.chute).toBeGreaterThan(0);
    expect(r.sorters[0].recirculations).toBeGreaterThan(0);
    check();
  });

  it('a closed station gets no new orders and no new pods; the pick in progress finishes; it works again after', () => {
    const hub = shipped('hub.json');
    hub.duration = '50m';
    hub.faults = { stations: [{ station: 0, from: '10m', to: '40m' }] };
    const sim = simFromJson(hub);
    const check = clean(sim);
    const w = sim.world;
    const from = 10 * HUB_TICKS_PER_MIN;
    const to = 40 * HUB_TICKS_PER_MIN;
    let podsSent = 0;
    let ordersRouted = 0;
    let visitsAtClose = -1;
    let visitsInWindow = 0;
    sim.observe((f) => {
      const open = f.tick <= from || f.tick > to;
      for (let k = 0; k < f.events.count; k++) {
        if (open) continue;
        if (f.events.kind[k] === EventKind.TaskAssigned && w.robots.station[f.events.a[k]] === 0) podsSent++;
        if (f.events.kind[k] === EventKind.OrderCreated) {
          const id = f.events.a[k];
          for (let o = 0; o < w.books.orderId.length; o++) if (w.books.orderId[o] === id && w.books.isOpen(o) && w.books.orderStation[o] === 0) ordersRouted++;
        }
      }
      if (f.tick === from + 1) visitsAtClose = w.stations.visits[0];
      if (f.tick === to) visitsInWindow = w.stations.visits[0] - visitsAtClose;
    });
    sim.run();
    expect(podsSent).toBe(0);
    expect(ordersRouted).toBe(0);
    expect(visitsInWindow).toBe(0);
    const r = report(sim);
    expect(r.stations[0].visits).toBeGreaterThan(visitsAtClose);
    expect(r.faults.stations).toEqual([{ station: 0, closures: 1, closedSeconds: 1800 }]);
    expect(r.faults.ordersDelayed.station).toBeGreaterThan(0);
    expect(r.orders.completed).toBeGreaterThan(0.85 * r.orders.created);
    check();
  });

  it('people absent: that many of the zone go off duty after their trip, and come back', () => {
    const site = shipped('person-to-goods.json');
    site.duration = '3h';
    site.faults = { pickers: [{ zone: 'west', count: 2, from: '1h', to: '2h' }] };
    const sim = simFromJson(site);
    const check = clean(sim);
    // 1 s ticks; west are people 0-3.
    const working: number[] = [];
    sim.observe((f) => {
      let k = 0;
      for (let p = 0; p < 4; p++) if (f.flow.pickerState[p] !== PickerState.OffDuty) k++;
      working.push(k);
    });
    sim.run();
    const max = (a: number, b: number) => Math.max(...working.slice(a, b));
    expect(max(600, 3600)).toBe(4);
    // Trips under way when the absence starts are finished first.
    expect(max(3600 + 1200, 7200)).toBe(2);
    expect(max(7200 + 60, 10800)).toBe(4);
    const r = report(sim);
    expect(r.faults.pickers).toEqual([{ zone: 'west', absences: 1, absentPersonSeconds: 7200 }]);
    expect(r.faults.counts.pickerAbsences).toBe(1);
    check();
  });
});
