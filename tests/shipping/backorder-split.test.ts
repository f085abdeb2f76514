import { describe, expect, it } from 'vitest';
import type { World } from '../../src/core/world.js';
import { checkStock } from '../../src/inventory/books.js';
import { appendPending, choosePod, requestPod } from '../../src/orders/demand.js';
import { checkBooks } from '../../src/sim/books.js';
import { buildReport } from '../../src/sim/report.js';
import { simFromJson } from '../helpers/scenarios.js';
import { completionTicks } from '../orders/place-order.js';

/**
 * Opens an order of class `cls` at this tick for station 0 with one line per
 * [sku, units], each routed as the demand stage routes it with finite stock:
 * to a pod with its units free, else backordered. Returns the order's id.
 */
function openOrder(w: World, cls: number, lines: readonly [number, number][]): number {
  const c = w.orderClasses!;
  const o = w.books.openOrder(w.tick, c.dueFor(cls, w.tick), 0, lines.length, -1);
  c.orderOpened(o, cls);
  w.shipping?.orderOpened(w, o, cls);
  c.linesOpened(0, o, lines.length);
  const t = w.totes.open(o, -1);
  w.stations.openLines[0] += lines.length;
  for (const [sku, qty] of lines) {
    const p = choosePod(w, sku, 0, qty);
    const l = w.books.openLine(o, sku, 0, p, t, qty);
    w.totes.items[t] += qty;
    w.totes.linesLeft[t]++;
    w.inventory!.lineRouted(w, l, p);
    if (p < 0) continue;
    appendPending(w, p, l);
    requestPod(w, p);
  }
  return w.books.orderId[o];
}

/** Pick station, two pods and a put station in a row; one robot below them; a tick is one second; the run starts at 07:59. */
function siteJson() {
  return {
    name: 'backorder split',
    seed: 1,
    duration: '10m',
    startTime: '07:59',
    layout: { grid: ['@@@@@@@', '@P.RRU@', '@.....@', '@@@@@@@'] },
    robots: { count: 1, start: [[2, 2]], speed: 1, battery: { chargeBelow: 0 } },
    demand: { ordersPerHour: 0, skus: 2, zipf: 0 },
    stations: { pickSeconds: 10, queueCapacity: 1 },
    serviceClasses: [
      { name: 'same-day', share: 0.5, cutoff: '08:00', priority: 1 },
      { name: 'standard', share: 0.5, due: '1h', priority: 0 },
    ],
    shipping: { rules: { 'same-day': 'split' } },
    inventory: { initial: { units: 1 } },
    inbound: { trucks: [{ at: '08:01', skus: [{ sku: 1, units: 3 }] }], unloadUnitsPerHour: 3600, stowSeconds: 1 },
  };
}

const site = () => simFromJson(siteJson());

/** Steps the run to `end`, checking the stock books and the conservation books after every tick; returns the order completion ticks. */
function runChecked(sim: ReturnType<typeof site>, end: number, before?: (tick: number) => void): Map<number, number> {
  const w = sim.world;
  return completionTicks(
    w,
    () => {
      sim.step();
      expect(checkStock(w).problems).toEqual([]);
      expect(checkBooks(w).problems).toEqual([]);
    },
    end,
    before,
  );
}

describe('a stock-out that backorders, then ships split at the cut-off, worked by hand', () => {
  /*
   * Cells are row * 7 + column. SKU 0 is on pod 1 at (1,4), SKU 1 on pod 0
   * at (1,3), one unit each; the pick station is (1,1), the put station
   * (1,5); the robot starts at (2,2). The same-day cut-off 08:00 is tick 60;
   * the truck comes at 08:01, tick 120, with 3 units of SKU 1.
   *
   * Tick 0: a standard order A (SKU 1 x 1) takes SKU 1's only unit; then a
   * same-day order B (SKU 0 x 1, SKU 1 x 1): its SKU 0 line goes to pod 1,
   * its SKU 1 line finds no pod with a unit free, a stock-out, backordered.
   * B's pod goes first (priority): (2,3) (2,4) at 0..1, under pod 1 at 2,
   * lifted; (2,4) (2,3) (2,2) (2,1) at 3..6, the station at 7; picked 7..17:
   * B's first line is picked at 17. The pod goes home (18..22); the robot
   * moves under pod 0 at 23, lifted; (1,2) at 24, the station at 25; picked
   * 25..35: A completes at 35, its parcel. Pod 0 home at 37.
   *
   * Tick 60, B's cut-off: one line picked, one waiting for stock: split, the
   * first parcel (1 item).
   *
   * Tick 120: the truck, unloaded a unit a tick at 120..122; the put-away
   * task opens at 122 and the idle robot, already under pod 0, lifts it;
   * (2,3) (2,4) (2,5) at 123..125, the put station at 126 (put from 126),
   * 3 units at 1 s each: stowed at 129, and B's waiting line is routed to
   * pod 0. The pod goes home (130..133), is lifted again at 134 for B's
   * line, (1,2) at 135, the station at 136, picked 136..146: B completes at
   * 146, the second parcel.
   */
  it('the picked line ships at the cut-off, the backordered one after the truck restocks it', () => {
    const sim = site();
    const w = sim.world;
    const st = w.inventory!;
    const sh = w.shipping!;
    const a = openOrder(w, 1, [[1, 1]]);
    const b = openOrder(w, 0, [
      [0, 1],
      [1, 1],
    ]);
    // B's SKU 1 line is a stock-out at once: A holds the unit.
    expect([st.stockoutLines, st.backorderedLines]).toEqual([1, 1]);
    expect(w.books.due[1]).toBe(60);
    const seen: string[] = [];
    const watch = [17, 18, 35, 36, 60, 61, 129, 130, 146, 147];
    const done = runChecked(sim, 400, (tick) => {
      if (watch.includes(tick)) seen.push(`${tick}: picked ${st.pickedUnits}, waiting ${st.backorderedLines}, on hand ${st.onHand[0]}+${st.onHand[1]}, split ${sh.splitOrders}, parcels ${sh.parcels(w)}`);
    });
    expect(done.get(a)).toBe(35);
    expect(done.get(b)).toBe(146);
    // Each figure as the tick's step left it (the state before tick t is the state after step t - 1).
    expect(seen).toEqual([
      '17: picked 0, waiting 1, on hand 1+1, split 0, parcels 0',
      '18: picked 1, waiting 1, on hand 0+1, split 0, parcels 0',
      '35: picked 1, waiting 1, on hand 0+1, split 0, parcels 0',
      '36: picked 2, waiting 1, on hand 0+0, split 0, parcels 1',
      '60: picked 2, waiting 1, on hand 0+0, split 0, parcels 1',
      '61: picked 2, waiting 1, on hand 0+0, split 1, parcels 2',
      '129: picked 2, waiting 1, on hand 0+0, split 1, parcels 2',
      '130: picked 2, waiting 0, on hand 0+3, split 1, parcels 2',
      '146: picked 2, waiting 0, on hand 0+3, split 1, parcels 2',
      '147: picked 3, waiting 0, on hand 0+2, split 1, parcels 3',
    ]);
    const r = buildReport(w, 'pibt', 'nearest', 0);
    expect(r.shipments).toEqual({ parcels: 3, splitOrders: 1, firstParcelItems: 1, awaitingSecondParcel: 0 });
    // Received: the initial unit of each SKU and the truck's 3; picked 3; 2 of SKU 1 left.
    expect(r.inventory).toMatchObject({ receivedUnits: 5, onHandUnits: 2, inPutAwayUnits: 0, pickedUnits: 3, lines: 3, stockoutLines: 1, backorderedLines: 0, cancelledLines: 0, fillRate: 0.6667, replenishments: 1, imbalance: 0 });
    expect(r.inbound).toMatchObject({ trucks: 1, unitsArrived: 3, unitsStowed: 3, putVisits: 1 });
    // Put-away robot time: assigned at 122 (already under the pod), the pod set down at 133 (the service phase, before
    // that tick's count): 11 robot-ticks, 122..132.
    expect(r.inbound!.putAwayRobotHours).toBe(Math.round((11 / 3600) * 1e4) / 1e4);
    expect(r.conservation.balanced).toBe(true);
    expect([r.orders.created, r.orders.completed, r.lines.picked, r.items.delivered, r.totes.released]).toEqual([2, 2, 3, 3, 2]);
    expect(r.orders.byClass!['same-day']).toMatchObject({ created: 1, completed: 1, onTime: 0 });
    expect(r.orders.byClass!.standard).toMatchObject({ created: 1, completed: 1, onTime: 1 });
  });

  it('between the cut-off and the truck, the books hold the backordered line and the owed parcel', () => {
    const sim = site();
    const w = sim.world;
    openOrder(w, 1, [[1, 1]]);
    openOrder(w, 0, [
      [0, 1],
      [1, 1],
    ]);
    runChecked(sim, 100);
    const r = buildReport(w, 'pibt', 'nearest', 0);
    expect(r.shipments).toEqual({ parcels: 2, splitOrders: 1, firstParcelItems: 1, awaitingSecondParcel: 1 });
    expect(r.inventory).toMatchObject({ receivedUnits: 2, onHandUnits: 0, pickedUnits: 2, stockoutLines: 1, backorderedLines: 1, imbalance: 0 });
    expect(r.conservation.lines.where).toMatchObject({ backordered: 1 });
    expect(r.conservation.balanced).toBe(true);
    // B's two units are in flight: one picked into its tote (already in the first parcel), one waiting for stock.
    expect([r.orders.open, r.items.inFlight]).toEqual([1, 2]);
  });

  it('without the truck the line stays backordered to the end: one parcel owed', () => {
    const json = JSON.parse(JSON.stringify(siteJson()));
    json.inbound.trucks[0].at = '12:00';
    const sim = simFromJson(json);
    const w = sim.world;
    openOrder(w, 1, [[1, 1]]);
    openOrder(w, 0, [
      [0, 1],
      [1, 1],
    ]);
    sim.run();
    const r = buildReport(w, 'pibt', 'nearest', 0);
    expect(r.shipments).toEqual({ parcels: 2, splitOrders: 1, firstParcelItems: 1, awaitingSecondParcel: 1 });
    expect(r.inventory).toMatchObject({ backorderedLines: 1, imbalance: 0 });
    expect(r.conservation.balanced).toBe(true);
  });
});
