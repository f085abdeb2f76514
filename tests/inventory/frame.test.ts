import { describe, expect, it } from 'vitest';
import type { World } from '../../src/core/world.js';
import { SHORT_PODS_SECTION, STOCK_SECTION } from '../../src/inventory/frame.js';
import { appendPending, choosePod, requestPod } from '../../src/orders/demand.js';
import { decodeFrame } from '../../src/record/frame-codec.js';
import { Snapshotter } from '../../src/record/snapshot.js';
import { simFor, simFromJson } from '../helpers/scenarios.js';

/** A pick station, one pod (SKU 0) with no stock and a put station; a truck at 00:01 brings 5 units; a tick is one second. */
const tiny = {
  name: 'stock frame',
  duration: '5m',
  layout: { grid: ['@@@@@@', '@P.RU@', '@....@', '@@@@@@'] },
  robots: { count: 1, start: [[2, 2]], battery: { chargeBelow: 0 } },
  demand: { ordersPerHour: 0, skus: 1 },
  stations: { pickSeconds: 10 },
  inventory: { initial: { units: 0 } },
  inbound: { trucks: [{ at: '00:01', skus: [{ sku: 0, units: 5 }] }], unloadUnitsPerHour: 3600, stowSeconds: 1 },
};

/** Opens a one-line order of `qty` units of SKU 0 at station 0, routed as the demand stage routes it. */
function addLine(w: World, qty: number): void {
  const o = w.books.openOrder(w.tick, w.tick + 7200, 0, 1);
  const t = w.totes.open(o, -1);
  w.stations.openLines[0]++;
  const p = choosePod(w, 0, 0, qty);
  const l = w.books.openLine(o, 0, 0, p, t, qty);
  w.totes.items[t] += qty;
  w.totes.linesLeft[t]++;
  w.inventory!.lineRouted(w, l, p);
  if (p >= 0) {
    appendPending(w, p, l);
    requestPod(w, p);
  }
}

const section = (sim: ReturnType<typeof simFromJson>, name: string) => Array.from(sim.frameSections.find((s) => s.name === name)!.array);

describe("the inventory's frame sections", () => {
  it('carry the lines waiting for stock and mark the pods that hold their SKUs, until a truck restocks them', () => {
    const sim = simFromJson(tiny);
    expect(sim.frameSections.map((s) => s.name)).toEqual([STOCK_SECTION, SHORT_PODS_SECTION]);
    expect(section(sim, STOCK_SECTION)).toEqual([0, 0, 0]);
    expect(section(sim, SHORT_PODS_SECTION)).toEqual([0]);
    addLine(sim.world, 2);
    sim.step();
    // After the tick: one line waiting, one stock-out so far; the only pod holds its SKU.
    expect(section(sim, STOCK_SECTION)).toEqual([1, 1, 0]);
    expect(section(sim, SHORT_PODS_SECTION)).toEqual([1]);
    // The same figures on the wire, by name.
    const f = decodeFrame(new Snapshotter(sim.world, { sections: sim.frameSections }).encode());
    expect(Array.from(f.named.get(STOCK_SECTION)!)).toEqual([1, 1, 0]);
    expect(Array.from(f.named.get(SHORT_PODS_SECTION)!)).toEqual([1]);
    // The truck at tick 60 is stowed at 71 (tests/inbound/put-away.test.ts): the line is routed and the mark goes.
    while (sim.world.tick < 72) sim.step();
    expect(section(sim, STOCK_SECTION)).toEqual([0, 1, 0]);
    expect(section(sim, SHORT_PODS_SECTION)).toEqual([0]);
  });

  it('are not there without an inventory section, so such frames are as before', () => {
    const sim = simFor('default.json', { duration: '1m' });
    expect(sim.frameSections).toEqual([]);
    sim.step();
    expect(decodeFrame(new Snapshotter(sim.world, { sections: sim.frameSections }).encode()).named.size).toBe(0);
  });
});
