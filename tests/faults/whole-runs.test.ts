import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { formatSummary } from '../../src/cli/run/summary.js';
import { EventKind } from '../../src/core/events.js';
import type { Sim } from '../../src/sim/sim.js';
import { buildReport } from '../../src/sim/report.js';
import { watchFlow } from '../helpers/flow-invariants.js';
import { watchInvariants } from '../helpers/invariants.js';
import { scenarioPath, simFromJson, stableReport } from '../helpers/scenarios.js';

// eslint-disable-next-line @typescript-eslint/no-explicit-any
type Json = any;
const shipped = (name: string): Json => JSON.parse(readFileSync(scenarioPath(name), 'utf8'));

/** hub.json for 2 h with one fault of every kind it can have, and random breakdowns. */
function hub(faults = true): Json {
  const s = shipped('hub.json');
  s.duration = '2h';
  if (faults) {
    s.faults = {
      robots: { mtbf: '1h', mttr: '5m', breakdowns: [{ robot: 4, at: '20m', for: '15m' }] },
      closures: [{ area: [[7, 8], [7, 30]], from: '30m', to: '1h' }],
      conveyors: [{ conveyor: 'in-2', from: '40m', to: '50m' }, { conveyor: 'main', mtbf: '40m', mttr: '2m' }],
      chutes: [{ sorter: 'sorter', chute: 1, from: '1h', to: '1h15m' }],
      stations: [{ station: 3, from: '1h10m', to: '1h40m' }],
    };
  }
  return s;
}

/** peak-day.json's morning (06:00 to 10:00) with faults of every kind, people and AGVs included. */
function peakDay(faults = true): Json {
  const s = shipped('peak-day.json');
  s.startTime = '06:00';
  s.duration = '4h';
  if (faults) {
    s.faults = {
      robots: { mtbf: '2h', mttr: '6m' },
      closures: [{ area: [[4, 9], [4, 40]], from: '1h', to: '1h30m' }],
      conveyors: [{ conveyor: 'main', mtbf: '1h', mttr: '3m' }],
      chutes: [{ sorter: 'sorter', chute: 2, from: '2h', to: '2h20m' }],
      stations: [{ station: 2, from: '3h', to: '3h30m' }],
      pickers: [{ zone: 'slow-movers', count: 2, from: '1h', to: '2h30m' }],
    };
  }
  return s;
}

/** Runs under every watcher; returns the report, the stable report text and the orders created (tick, id, lines). */
function watched(doc: Json) {
  const sim: Sim = simFromJson(doc);
  const inv = watchInvariants(sim);
  const flow = watchFlow(sim);
  const created: number[] = [];
  sim.observe((f) => {
    for (let k = 0; k < f.events.count; k++) if (f.events.kind[k] === EventKind.OrderCreated) created.push(f.tick, f.events.a[k], f.events.b[k]);
  });
  sim.run();
  expect(inv.vertexConflicts + inv.swaps + inv.illegalMoves + inv.loadedUnderPods).toBe(0);
  expect(inv.bookErrors).toEqual([]);
  expect(flow.errors).toEqual([]);
  expect(flow.agvOverlaps + flow.agvOffGuide + flow.agvJumps + flow.peopleOffFloor).toBe(0);
  const report = buildReport(sim.world, sim.planner.name, sim.assignment.name, 0);
  expect(report.robots.conflicts).toBe(0);
  expect(report.robots.deadlocks.unrecovered).toBe(0);
  expect(report.orders.created).toBe(report.orders.completed + report.orders.open);
  expect(report.items.created).toBe(report.items.delivered + report.items.inFlight);
  return { sim, report, text: stableReport(sim), created };
}

describe('whole runs with faults', () => {
  it('hub.json: every kind of fault, all invariants hold, the same seed gives the same report, demand is untouched', () => {
    const a = watched(hub());
    const f = a.report.faults;
    expect(f.counts.breakdowns).toBeGreaterThan(20);
    expect(f.counts.closures).toBe(1);
    expect(f.counts.conveyorJams).toBeGreaterThan(1);
    expect(f.counts.chuteOutages).toBe(1);
    expect(f.counts.stationClosures).toBe(1);
    expect(f.ordersDelayed.total).toBeGreaterThan(0);
    expect(f.ordersDelayed.total).toBe(
      f.ordersDelayed.robot + f.ordersDelayed.closure + f.ordersDelayed.station + f.ordersDelayed.conveyor + f.ordersDelayed.chute + f.ordersDelayed.pickers,
    );
    expect(a.report.orders.completed).toBeGreaterThan(0.8 * a.report.orders.created);
    expect(watched(hub()).text).toBe(a.text);
    const plain = watched(hub(false));
    // The faults draw from streams of their own: the same orders arrive at the same ticks.
    expect(a.created).toEqual(plain.created);
    expect(plain.report.faults.counts.breakdowns).toBe(0);
    expect(formatSummary(a.report)).toMatch(/\n {2}faults {8}\d+ breakdowns \(.+ down, \d+ broken at the end\), 1 closure, \d+ conveyor jams \(.+\), 1 chute outage, 1 station closure; \d+ orders delayed\n {2}books {9}orders, lines, items, totes and pods balanced$/);
    expect(formatSummary(plain.report)).not.toMatch(/faults/);
  });

  it('peak-day.json (06:00 to 10:00): robots, people, AGVs and the sorter under faults; invariants hold; demand is untouched', () => {
    const a = watched(peakDay());
    const f = a.report.faults;
    expect(f.counts.breakdowns).toBeGreaterThan(60);
    expect(f.counts.pickerAbsences).toBe(1);
    expect(f.pickers).toEqual([{ zone: 'slow-movers', absences: 1, absentPersonSeconds: 10800 }]);
    expect(a.report.orders.completed).toBeGreaterThan(0.85 * a.report.orders.created);
    const plain = watched(peakDay(false));
    expect(a.created).toEqual(plain.created);
    // Another seed, other breakdowns.
    const other = peakDay();
    other.seed = 2;
    expect(watched(other).report.faults.robots.first).not.toEqual(f.robots.first);
  });
});
