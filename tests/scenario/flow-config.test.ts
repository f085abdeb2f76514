import { describe, expect, it } from 'vitest';
import { ScenarioError, ScenarioErrors } from '../../src/scenario/errors.js';
import { loadScenario, scenarioFromJson } from '../../src/scenario/load.js';
import { scenarioPath } from '../helpers/scenarios.js';

/** A small goods-to-person site with two stations, belts, a sorter, two docks, a manual zone and an AGV loop. */
const site = (): { [k: string]: any } => ({
  name: 'flow',
  duration: '30m',
  startTime: '08:00',
  layout: {
    grid: [
      '@@@@@@@@@@@@',
      '@P...C..@++@',
      '@.RR.RR.@++@',
      '@P......@++@',
      '@@@@@@@@@@@@',
      '@mmmm.@@@@@@',
      '@m##m.@@@@@@',
      '@mmmm.@@@@@@',
      '@@@@@@@@@@@@',
    ],
  },
  robots: { count: 2 },
  demand: { ordersPerHour: 60, skus: 20 },
  pickers: { zones: [{ id: 'z', depot: [7, 5], pickers: 1, skus: { from: 10, to: 20 }, outfeed: 'loop' }] },
  outbound: {
    stationOutfeed: 'belt',
    conveyors: [{ id: 'belt', length: 4, speed: 1, capacity: 4, to: 'sorter', divert: { B: 'B' } }],
    sorters: [{ id: 'sorter', inductPerHour: 3600, chutes: [{ dock: 'A', capacity: 10 }] }],
    agvs: [{ id: 'loop', path: [[1, 9], [1, 10], [3, 10], [3, 9]], vehicles: 1, pickups: [[3, 9]], drop: [1, 10], to: 'belt' }],
    docks: [
      { id: 'A', cutoffs: ['10:00', '16:00'], lead: '30m' },
      { id: 'B', cutoffs: ['12:00'] },
    ],
  },
});

function problems(json: unknown): string[] {
  try {
    scenarioFromJson('site.json', json);
  } catch (e) {
    if (e instanceof ScenarioErrors) return e.errors.map((x) => x.message);
    if (e instanceof ScenarioError) return [e.message];
    throw e;
  }
  return [];
}

type Site = ReturnType<typeof site>;
const edit = (f: (s: Site) => void) => {
  const s = site();
  f(s);
  return problems(s);
};

describe('material-flow scenario sections', () => {
  it('resolves a valid site: names to indices, metres and clock times to ticks', () => {
    expect(problems(site())).toEqual([]);
    const { config } = scenarioFromJson('site.json', site());
    const ob = config.outbound!;
    expect(config.startOfDayTick).toBe(8 * 3600);
    expect(ob.stationOutfeed).toEqual([
      { kind: 'conveyor', index: 0 },
      { kind: 'conveyor', index: 0 },
    ]);
    expect(ob.conveyors[0]).toMatchObject({ travelTicks: 4, capacity: 4, to: { kind: 'sorter', index: 0 }, divert: [{ dock: 1, to: { kind: 'dock', index: 1 } }] });
    expect(ob.docks[0].cutoffs).toEqual([36000, 57600]);
    expect(ob.docks[0].leadTicks).toBe(1800);
    expect(ob.agvs[0].loop.length).toBe(6);
    expect(ob.agvs[0].to).toEqual({ kind: 'conveyor', index: 0 });
    expect(config.zones[0]).toMatchObject({ skuFrom: 10, skuTo: 20, outfeed: { kind: 'agv', index: 0, pickup: 0 } });
  });

  it('names an unknown node and lists the known ones', () => {
    expect(edit((s) => (s.outbound.conveyors[0].to = 'sortr'))).toEqual([
      "site.json: outbound.conveyors[0].to: unknown node 'sortr'; expected one of: belt, sorter, loop, A, B",
    ]);
  });

  it('refuses duplicate ids across equipment', () => {
    expect(edit((s) => (s.outbound.docks[1].id = 'belt'))).toContain(
      "site.json: outbound.docks[1].id: 'belt' is already the id of outbound.conveyors[0]: ids must be unique",
    );
  });

  it('proves every pick point reaches every dock: a missing chute or a divert to the wrong dock is an error', () => {
    expect(edit((s) => (s.outbound.conveyors[0].divert = {}))).toEqual([
      "site.json: outbound.stationOutfeed: totes for dock 'B' reach sorter 'sorter', which has no chute for it (belt -> sorter)",
      "site.json: pickers.zones[0].outfeed: totes for dock 'B' reach sorter 'sorter', which has no chute for it (loop -> belt -> sorter)",
    ]);
    expect(edit((s) => (s.outbound.conveyors[0].divert = { B: 'A' }))).toContain(
      "site.json: outbound.stationOutfeed: totes for dock 'B' end at dock 'A' (belt -> A)",
    );
    expect(edit((s) => (s.outbound.conveyors[0].to = 'belt'))).toContain("site.json: outbound.stationOutfeed: totes for dock 'A' loops (belt -> belt)");
  });

  it('checks chutes, station outfeeds and AGV paths against the layout', () => {
    expect(edit((s) => (s.outbound.sorters[0].chutes[0].dock = 'Z'))).toContain("site.json: outbound.sorters[0].chutes[0].dock: unknown dock 'Z'; expected one of: A, B");
    expect(edit((s) => ((s.outbound as Record<string, unknown>).stationOutfeed = ['belt']))).toEqual([
      'site.json: outbound.stationOutfeed: has 1 entries but the layout has 2 station(s)',
    ]);
    const diag = edit((s) => (s.outbound.agvs[0].path = [[1, 9], [2, 10], [3, 10], [3, 9]]));
    expect(diag).toHaveLength(1);
    expect(diag[0]).toMatch(/^site\.json: outbound\.agvs\[0\]\.path\[0\]: /);
    expect(edit((s) => (s.outbound.agvs[0].drop = [2, 5]))).toContain('site.json: outbound.agvs[0].drop: [2, 5] is not on the guide loop');
    expect(edit((s) => (s.outbound.agvs[0].vehicles = 4))).toContain(
      'site.json: outbound.agvs[0].vehicles: 4 vehicles do not fit on a loop of 6 cells (at most 3)',
    );
  });

  it('checks picker zones: depot on a walkway, shelves reachable, SKU ranges, outfeed', () => {
    expect(edit((s) => (s.pickers.zones[0].depot = [6, 2]))).toEqual([
      "site.json: pickers.zones[0].depot: [6, 2] is not floor people can walk on ('.', 'm' or 'P')",
      "site.json: pickers.zones[0]: no shelf ('#') in the zone can be reached on foot from the depot [6, 2]",
    ]);
    expect(edit((s) => delete (s.pickers.zones[0] as Partial<Site['pickers']['zones'][0]>).skus)).toEqual([
      'site.json: pickers.zones[0].skus: required when the site also has pods: which SKUs (by popularity rank) are picked here',
    ]);
    expect(edit((s) => (s.pickers.zones[0].skus = { from: 30, to: 40 }))).toEqual([
      'site.json: pickers.zones[0].skus: [30, 40) holds no SKU of the 20 in demand.skus',
    ]);
    expect(edit((s) => delete (s.pickers.zones[0] as Partial<Site['pickers']['zones'][0]>).outfeed)).toEqual([
      "site.json: pickers.zones[0].outfeed: required: where the zone's finished totes go",
    ]);
  });

  it('a people-only site needs no robots, stations or pods; SKUs are shared out by rank', () => {
    const json = {
      name: 'manual',
      duration: '10m',
      layout: { grid: ['@@@@@@@', '@m##m.@', '@m##m.@', '@mmmm.@', '@@@@@@@'] },
      robots: { count: 0 },
      demand: { ordersPerHour: 60, skus: 9 },
      pickers: {
        zones: [
          { id: 'a', depot: [3, 5], pickers: 1 },
          { id: 'b', depot: [1, 5], pickers: 1 },
        ],
      },
    };
    expect(problems(json)).toEqual([]);
    const { config } = scenarioFromJson('manual.json', json);
    expect(config.zones.map((z) => [z.skuOffset, z.skuStride])).toEqual([
      [0, 2],
      [1, 2],
    ]);
    expect(config.outbound).toBeNull();
    // Pods are needed again as soon as some SKUs are in no zone.
    const partial = { ...json, pickers: { zones: [{ id: 'a', depot: [3, 5], pickers: 1, skus: { from: 0, to: 5 } }] } };
    expect(problems(partial)).toEqual([
      "site.json: layout: the layout has no pick station: add at least one 'P' cell (SKUs outside every picker zone are picked from pods)",
      "site.json: layout: the layout has no storage location: add 'R' cells for pods (SKUs outside every picker zone are picked from pods)",
      'site.json: robots.count: is 0, but pods need robots to carry them (SKUs outside every picker zone are picked from pods)',
    ]);
  });

  it('checks clock times', () => {
    expect(edit((s) => (s.startTime = '25:00'))).toEqual(['site.json: startTime: expected a time of day like "06:00" or "17:30"']);
    expect(edit((s) => (s.outbound.docks[0].cutoffs = ['noon']))).toEqual(['site.json: outbound.docks[0].cutoffs[0]: expected a time of day like "06:00" or "17:30"']);
  });

  it('loads every shipped scenario', () => {
    for (const name of ['default.json', 'dense.json', 'hub.json', 'person-to-goods.json', 'peak-day.json', 'forecast-peak.json']) {
      expect(loadScenario(scenarioPath(name)).config.ticks).toBeGreaterThan(0);
    }
  });
});
