import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { OrderBook } from '../../src/orders/books.js';
import { cardboardM2, chooseCarton, rightSize, type Carton, type Contents } from '../../src/packing/cartons.js';
import { drawItemDims } from '../../src/packing/item-dims.js';
import type { ToteSink } from '../../src/outbound/network.js';
import { Packing, type PackingConfig } from '../../src/packing/packing.js';
import type { PackStationSpec } from '../../src/packing/pack-station.js';
import { ToteBook } from '../../src/orders/totes.js';
import { rngStream } from '../../src/core/rng.js';
import { buildReport } from '../../src/sim/report.js';
import { scenarioFromJson } from '../../src/scenario/load.js';
import { watchFlow } from '../helpers/flow-invariants.js';
import { scenarioPath, simFor, simFromJson, stableReport, loaderMessages } from '../helpers/scenarios.js';

const S: Carton = { name: 'S', l: 25, w: 20, h: 10 };
const M: Carton = { name: 'M', l: 35, w: 25, h: 15 };
const L: Carton = { name: 'L', l: 45, w: 35, h: 25 };
const SML = [S, M, L];

/**
 * The hand-worked parcel: one item of 30 x 20 x 10 cm (6,000 cm³) and one of
 * 20 x 15 x 10 cm (3,000 cm³). Largest sides: 30, 20, 10; volume 9,000 cm³.
 */
const TWO_ITEMS: Contents = { maxL: 30, maxW: 20, maxH: 10, volume: 9000 };

describe('carton choice, worked by hand', () => {
  it('a machine (fill up to 80%) takes M: S is too short for the 30 cm item, M holds 13,125 cm³ >= 9,000 / 0.8', () => {
    expect(chooseCarton(SML, TWO_ITEMS, 0.8)).toBe(1);
    // Fill 9,000 / 13,125; board (2*35 + 2*25) x (25 + 15) = 120 x 40 = 4,800 cm²; void 4,125 cm³.
    expect(9000 / (35 * 25 * 15)).toBeCloseTo(0.685714, 6);
    expect(cardboardM2(35, 25, 15)).toBeCloseTo(0.48, 12);
  });

  it('a person (fill up to 60%) takes L: M would need 9,000 / 0.6 = 15,000 cm³', () => {
    expect(chooseCarton(SML, TWO_ITEMS, 0.6)).toBe(2);
    // Fill 9,000 / 39,375; board (2*45 + 2*35) x (35 + 25) = 160 x 60 = 9,600 cm².
    expect(cardboardM2(45, 35, 25)).toBeCloseTo(0.96, 12);
  });

  it('right-sizing makes 30 x 20 x 19: the footprint of the largest item, height ceil(9,000 / (0.8 * 30 * 20)) = ceil(18.75)', () => {
    const box = rightSize(TWO_ITEMS, 0.8, new Float64Array(3));
    expect(Array.from(box)).toEqual([30, 20, 19]);
    // Fill 9,000 / 11,400; board (60 + 40) x (19 + 20) = 3,900 cm².
    expect(cardboardM2(30, 20, 19)).toBeCloseTo(0.39, 12);
  });

  it('a small but long item still needs the carton its longest side fits; nothing fits → -1', () => {
    expect(chooseCarton(SML, { maxL: 40, maxW: 5, maxH: 5, volume: 1000 }, 0.8)).toBe(2);
    expect(chooseCarton(SML, { maxL: 50, maxW: 5, maxH: 5, volume: 1250 }, 0.8)).toBe(-1);
    expect(chooseCarton(SML, { maxL: 20, maxW: 20, maxH: 10, volume: 4000 }, 0.8)).toBe(0);
    // A tall right-sized box: many flat items stack up past the footprint's sides.
    expect(Array.from(rightSize({ maxL: 20, maxW: 10, maxH: 2, volume: 4000 }, 0.5, new Float64Array(3)))).toEqual([20, 10, 40]);
  });

  it('item sizes are lognormal round their medians, longest first, and the same for the same seed', () => {
    const d = drawItemDims(rngStream(1, 'sku-dims'), 5000, [25, 18, 8], 0.4);
    const lens: number[] = [];
    for (let k = 0; k < 5000; k++) {
      expect(d[3 * k]).toBeGreaterThanOrEqual(d[3 * k + 1]);
      expect(d[3 * k + 1]).toBeGreaterThanOrEqual(d[3 * k + 2]);
      lens.push(d[3 * k + 2]);
    }
    lens.sort((a, b) => a - b);
    // The shortest side's median sits a little under the smallest median (sorting takes the least of three).
    expect(lens[2500]).toBeGreaterThan(5);
    expect(lens[2500]).toBeLessThan(8.5);
    expect(drawItemDims(rngStream(1, 'sku-dims'), 5000, [25, 18, 8], 0.4)).toEqual(d);
  });
});

function spec(over: Partial<PackStationSpec> = {}): PackStationSpec {
  return {
    name: 'p',
    mode: 'auto',
    lanes: 1,
    packTicks: { kind: 'fixed', value: 6 },
    cartons: SML,
    rightSize: false,
    maxFill: 0.8,
    jams: null,
    queueCapacity: 2,
    stations: [0],
    zones: [],
    ...over,
  };
}

/** A sink that takes what it is allowed to and remembers when. */
class Recorder implements ToteSink {
  open = true;
  readonly got: [number, number][] = [];
  canAccept(): boolean {
    return this.open;
  }
  accept(t: number, tick: number): void {
    this.got.push([t, tick]);
  }
}

/** A pack station fed by one pick point, with the hand-worked tote (SKU 0 = 30x20x10, SKU 1 = 20x15x10) picked into tote slot 0. */
function rig(over: Partial<PackStationSpec> = {}) {
  const books = new OrderBook();
  const totes = new ToteBook();
  const cfg: PackingConfig = { itemMedianCm: [25, 18, 8], itemSpread: 0.4, stations: [spec(over)] };
  const packing = new Packing(cfg, books, totes, 4, 1);
  packing.dims.set([30, 20, 10, 20, 15, 10]);
  const down = new Recorder();
  const out: ToteSink[] = [down];
  packing.wrap(out, []);
  const tote = () => {
    const o = books.openOrder(0, 100, 0, 2);
    const t = totes.open(o, -1);
    for (const sku of [0, 1]) {
      const l = books.openLine(o, sku, 0, 0, t, 1);
      totes.items[t]++;
      packing.addLine(l);
    }
    return t;
  };
  return { packing, station: packing.stations[0], infeed: out[0], down, tote };
}

describe('a pack station', () => {
  it('packs the hand-worked tote into M after its cycle and hands the parcel on', () => {
    const { station, infeed, down, tote, packing } = rig();
    const t = tote();
    expect(infeed.canAccept(t)).toBe(true);
    infeed.accept(t, 0);
    expect(packing.totesHeld()).toBe(1);
    for (let tick = 0; tick < 7; tick++) station.step(tick);
    // Taken at tick 0, worked in ticks 1..6, handed on in tick 6.
    expect(down.got).toEqual([[t, 6]]);
    expect(packing.totesHeld()).toBe(0);
    expect([station.parcels, station.orders, station.items, station.busyTicks]).toEqual([1, 1, 2, 6]);
    expect(Array.from(station.cartonCounts)).toEqual([0, 1, 0, 0, 0]);
    expect(station.itemVolumeCm3 / station.cartonVolumeCm3).toBeCloseTo(9000 / 13125, 12);
    expect(station.cardboardM2).toBeCloseTo(0.48, 12);
    expect(station.voidCm3).toBe(4125);
  });

  it('a bench filling at most 60% takes L; a right-sizing machine makes 30 x 20 x 19', () => {
    const bench = rig({ mode: 'manual', maxFill: 0.6 });
    bench.infeed.accept(bench.tote(), 0);
    for (let tick = 0; tick < 7; tick++) bench.station.step(tick);
    expect(Array.from(bench.station.cartonCounts)).toEqual([0, 0, 1, 0, 0]);
    expect(bench.station.cardboardM2).toBeCloseTo(0.96, 12);
    expect(bench.station.voidCm3).toBe(45 * 35 * 25 - 9000);
    const made = rig({ rightSize: true });
    made.infeed.accept(made.tote(), 0);
    for (let tick = 0; tick < 7; tick++) made.station.step(tick);
    expect(Array.from(made.station.cartonCounts)).toEqual([0, 0, 0, 1, 0]);
    expect(made.station.cardboardM2).toBeCloseTo(0.39, 12);
    expect(made.station.voidCm3).toBe(30 * 20 * 19 - 9000);
  });

  it('a full infeed refuses; a refused parcel waits in its lane (blocked) and nothing is lost', () => {
    const { station, infeed, down, tote, packing } = rig({ queueCapacity: 2 });
    const a = tote();
    const b = tote();
    infeed.accept(a, 0);
    infeed.accept(b, 0);
    expect(infeed.canAccept(tote())).toBe(false);
    down.open = false;
    for (let tick = 0; tick < 20; tick++) station.step(tick);
    expect(down.got).toEqual([]);
    expect(station.blockedTicks).toBe(20 - 6);
    expect(packing.totesHeld()).toBe(2);
    down.open = true;
    station.step(20);
    expect(down.got).toEqual([[a, 20]]);
    for (let tick = 21; tick < 30; tick++) station.step(tick);
    expect(down.got.map((g) => g[0])).toEqual([a, b]);
    expect(packing.totesHeld()).toBe(0);
  });

  it('jams stop the machine for their clear time, which the parcel waits out', () => {
    const { station, infeed, down, tote } = rig({ jams: { mtbjTicks: 2, clearTicks: 10 }, queueCapacity: 50 });
    for (let k = 0; k < 20; k++) infeed.accept(tote(), 0);
    let tick = 0;
    while (down.got.length < 20) station.step(tick++);
    expect(station.jams).toBeGreaterThan(10);
    expect(station.busyTicks).toBe(20 * 6);
    // Every tick went to packing or a jam (the first tick only takes the first tote in).
    expect(station.busyTicks + station.jamTicks).toBe(tick - 1);
  });
});

describe('auto-pack.json: a right-sizing machine against a manual bench', () => {
  it('packs every tote that leaves, wastes less at the machine, keeps the books and is deterministic', () => {
    const sim = simFor('auto-pack.json', { duration: '1h' });
    const flow = watchFlow(sim);
    sim.run();
    expect(flow.errors).toEqual([]);
    const r = buildReport(sim.world, sim.planner.name, sim.assignment.name, 0);
    expect(r.conservation.balanced).toBe(true);
    const [auto, bench] = r.packing!.stations;
    expect([auto.id, auto.mode, bench.id, bench.mode]).toEqual(['auto', 'auto', 'bench', 'manual']);
    // Every order has one tote here, and every completed order went through a pack station.
    expect(auto.orders + bench.orders).toBe(auto.parcels + bench.parcels);
    expect(auto.parcels + bench.parcels).toBe(r.orders.completed);
    expect(r.conservation.totes.where.inOutbound).toBe(auto.totesIn + bench.totesIn - auto.parcels - bench.parcels);
    for (const p of [auto, bench]) expect(Object.values(p.cartons).reduce((a, b) => a + b, 0) + p.rightSized + p.oversize).toBe(p.parcels);
    expect(auto.rightSized).toBe(auto.parcels);
    expect(auto.fillRate).toBeGreaterThan(bench.fillRate + 0.2);
    expect(auto.cardboardM2PerOrder).toBeLessThan(bench.cardboardM2PerOrder);
    expect(auto.voidFillLitresPerOrder).toBeLessThan(bench.voidFillLitresPerOrder / 3);
    expect(auto.parcelsPerHour).toBeLessThanOrEqual(500);
    expect(auto.jams).toBeGreaterThanOrEqual(1);
    expect(auto.jamSeconds).toBeGreaterThan(0);
    expect(bench.jams).toBe(0);
    const again = simFor('auto-pack.json', { duration: '1h' });
    again.run();
    expect(stableReport(again)).toBe(stableReport(sim));
  });

  it('packing leaves the orders of the run as they were, and without packing the report has no packing section', () => {
    const json = JSON.parse(readFileSync(scenarioPath('auto-pack.json'), 'utf8'));
    json.duration = '15m';
    const run = (withPacking: boolean) => {
      const j = structuredClone(json);
      if (!withPacking) delete j.packing;
      const sim = simFromJson(j);
      const seen: number[] = [];
      sim.observe((f) => {
        for (let k = 0; k < f.events.count; k++) if (f.events.kind[k] === 0) seen.push(f.tick, f.events.b[k]);
      });
      sim.run();
      return { seen, report: buildReport(sim.world, sim.planner.name, sim.assignment.name, 0) };
    };
    const without = run(false);
    expect(without.seen.length).toBeGreaterThan(50);
    expect('packing' in without.report).toBe(false);
    expect(run(true).seen).toEqual(without.seen);
  });

  it('a slow machine caps throughput at its rate and is busy all the time', () => {
    const json = JSON.parse(readFileSync(scenarioPath('auto-pack.json'), 'utf8'));
    json.duration = '1h';
    json.packing.stations[0].perHour = 60;
    delete json.packing.stations[0].jams;
    const sim = simFromJson(json);
    sim.run();
    const auto = buildReport(sim.world, sim.planner.name, sim.assignment.name, 0).packing!.stations[0];
    expect(auto.parcelsPerHour).toBeLessThanOrEqual(60);
    expect(auto.parcelsPerHour).toBeGreaterThanOrEqual(58);
    expect(auto.utilization).toBeGreaterThan(0.97);
    expect(auto.queueMax).toBe(10);
  });
});

describe('pack stations on other sites', () => {
  it('behind a conveyor and sorter hub: parcels ride the belts to the docks and the books close every tick', () => {
    const json = JSON.parse(readFileSync(scenarioPath('hub.json'), 'utf8'));
    json.duration = '1h';
    json.packing = {
      stations: [
        { id: 'north', mode: 'auto', stations: [0, 1], perHour: 400, rightSize: true, queueCapacity: 2 },
        { id: 'south', mode: 'manual', stations: [2, 3], lanes: 3, packSeconds: 30 },
      ],
    };
    const sim = simFromJson(json);
    const flow = watchFlow(sim, 5);
    let heldSeen = 0;
    sim.observe(() => (heldSeen = Math.max(heldSeen, sim.world.site.packing!.totesHeld())));
    sim.run();
    expect(flow.errors).toEqual([]);
    const r = buildReport(sim.world, sim.planner.name, sim.assignment.name, 0);
    expect(r.conservation.balanced).toBe(true);
    expect(heldSeen).toBeGreaterThan(2);
    const [north, south] = r.packing!.stations;
    expect(north.parcels).toBeGreaterThan(100);
    expect(south.parcels).toBeGreaterThan(100);
    // Every tote that reached the sorter was packed first.
    expect(r.sorters[0].totesInducted).toBeLessThanOrEqual(north.parcels + south.parcels);
    expect(r.sorters[0].totesInducted).toBeGreaterThan(0.9 * (north.parcels + south.parcels));
  });

  it("packs a picker zone's totes too", () => {
    const json = JSON.parse(readFileSync(scenarioPath('person-to-goods.json'), 'utf8'));
    json.duration = '2h';
    json.packing = { stations: [{ id: 'bench', mode: 'manual', zones: ['west', 'east'], lanes: 2, packSeconds: 20 }] };
    const sim = simFromJson(json);
    const flow = watchFlow(sim);
    sim.run();
    expect(flow.errors).toEqual([]);
    const r = buildReport(sim.world, sim.planner.name, sim.assignment.name, 0);
    expect(r.conservation.balanced).toBe(true);
    const bench = r.packing!.stations[0];
    // An order picked in both zones makes two parcels but counts once.
    expect(bench.parcels).toBeGreaterThan(bench.orders);
    // Every completed order was packed; some packed ones still wait for their other parcel.
    expect(bench.orders).toBeGreaterThanOrEqual(r.orders.completed);
    expect(bench.items).toBeGreaterThan(bench.parcels);
  });
});

describe('packing in scenario files', () => {
  const base = () => JSON.parse(readFileSync(scenarioPath('auto-pack.json'), 'utf8'));
  const problems = loaderMessages;

  it('resolves rates and times to ticks and sorts cartons smallest first', () => {
    const j = base();
    j.packing.cartons = [{ name: 'big', cm: [40, 60, 40] }, { name: 'small', cm: [10, 25, 20] }];
    const p = scenarioFromJson('site.json', j).config.packing!;
    const [auto, bench] = p.stations;
    // 500 parcels/h = 7.2 s = 10.8 ticks of 2/3 s; jams every 20 min = 1,800 ticks, cleared in 90 s = 135 ticks.
    expect(auto.packTicks).toEqual({ kind: 'fixed', value: 10.8 });
    expect(auto.jams!.mtbjTicks).toBeCloseTo(1800, 9);
    expect(auto.jams!.clearTicks).toBeCloseTo(135, 9);
    expect([auto.maxFill, bench.maxFill]).toEqual([0.8, 0.6]);
    expect(bench.cartons).toEqual([
      { name: 'small', l: 25, w: 20, h: 10 },
      { name: 'big', l: 60, w: 40, h: 40 },
    ]);
  });

  it('names the place of each problem', () => {
    const j = base();
    j.packing.stations[1].stations = [0, 5];
    j.packing.stations[1].zones = ['west'];
    j.packing.stations.push({ id: 'auto', mode: 'manual', stations: [] });
    expect(problems(j)).toEqual([
      "site.json: packing.stations[1].stations[0]: station 0 is already packed at packing.stations[0].stations[0]: each pick point has one pack station",
      'site.json: packing.stations[1].stations[1]: station 5 does not exist: the layout has 2 station(s), 0 to 1',
      "site.json: packing.stations[1].zones[0]: unknown picker zone 'west'; expected one of: (the scenario has no picker zones)",
      "site.json: packing.stations[2].id: 'auto' is already the id of packing.stations[0]",
      'site.json: packing.stations[2]: packs for no pick point: list its `stations` and/or `zones`',
    ]);
    const k = base();
    k.packing.stations[1].rightSize = true;
    expect(problems(k)).toEqual(['site.json: packing.stations[1]: Unrecognized key: "rightSize"']);
  });
});
