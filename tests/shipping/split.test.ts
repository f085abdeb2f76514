import { describe, expect, it } from 'vitest';
import { buildReport } from '../../src/sim/report.js';
import { simFromJson } from '../helpers/scenarios.js';
import { completionTicks, placeOrder } from '../orders/place-order.js';

/**
 * The layout of tests/orders/priority.test.ts: one robot starting at (1,6),
 * the station at (1,1), SKU 0 on the pod at (2,5) and SKU 2 at (2,3); a
 * tick is one second; a pick takes 40 s. The run starts at 07:59 and the
 * same-day cut-off is 08:00: tick 60.
 */
function site(rule: 'split' | 'ship-complete') {
  return simFromJson({
    name: 'split',
    seed: 1,
    duration: '5m',
    startTime: '07:59',
    layout: { grid: ['@@@@@@@@', '@P.....@', '@..RRR.@', '@@@@@@@@'] },
    robots: { count: 1, start: [[1, 6]], speed: 1, battery: { chargeBelow: 0 } },
    demand: { ordersPerHour: 0, skus: 3, zipf: 0 },
    stations: { pickSeconds: 40, queueCapacity: 1 },
    serviceClasses: [{ name: 'same-day', share: 1, cutoff: '08:00', priority: 1 }],
    shipping: { rules: { 'same-day': rule } },
  });
}

describe('split shipping at the cut-off, worked by hand', () => {
  /*
   * Tick 0: a same-day order with two lines, SKU 0 and SKU 2, due at the
   * 08:00 cut-off (tick 60). The robot fetches SKU 0's pod: (2,6) at 0,
   * (2,5) at 1, lifted; (1,5) .. (1,1) at 2..6; picked 6..46: the first line
   * is picked at 46. Home (1,2) .. (2,5) at 47..51; SKU 2's pod: (2,4) at
   * 52, (2,3) at 53, lifted; (2,2) (2,1) (1,1) at 54..56; picked 56..96.
   * At the cut-off (tick 60) one of the two units is picked and the other
   * cannot be: split, the first parcel holds 1 item; the second goes when
   * the order completes at 96.
   */
  it('an order with a line that cannot be picked before the cut-off ships split', () => {
    const sim = site('split');
    const w = sim.world;
    const id = placeOrder(w, 0, [0, 2]);
    expect(w.books.due[0]).toBe(60);
    const s = w.shipping!;
    const seen: [number, number, number][] = [];
    const done = completionTicks(w, () => sim.step(), 200, (tick) => {
      if (tick === 46 || tick === 47 || tick === 60 || tick === 61 || tick === 96 || tick === 97) seen.push([tick, s.splitOrders, s.parcels(w)]);
    });
    expect(done.get(id)).toBe(96);
    // Before tick 60 runs nothing is shipped; after it the first parcel is; after 96 the second.
    expect(seen).toEqual([
      [46, 0, 0],
      [47, 0, 0],
      [60, 0, 0],
      [61, 1, 1],
      [96, 1, 1],
      [97, 1, 2],
    ]);
    const r = buildReport(w, 'pibt', 'nearest', 0);
    expect(r.shipments).toEqual({ parcels: 2, splitOrders: 1, firstParcelItems: 1, awaitingSecondParcel: 0 });
    // The books: one order, two lines, two items and one tote, all done; nothing left over.
    expect(r.conservation.balanced).toBe(true);
    expect([r.orders.created, r.orders.completed, r.lines.picked, r.items.delivered, r.totes.released]).toEqual([1, 1, 2, 2, 1]);
    // The order itself completed late: after its cut-off.
    expect(r.orders.byClass!['same-day']).toMatchObject({ created: 1, completed: 1, onTime: 0 });
  });

  it('while the second parcel is owed, the books hold it open and the report says so', () => {
    const sim = site('split');
    const w = sim.world;
    placeOrder(w, 0, [0, 2]);
    while (w.tick < 80) sim.step();
    const r = buildReport(w, 'pibt', 'nearest', 0);
    expect(r.shipments).toEqual({ parcels: 1, splitOrders: 1, firstParcelItems: 1, awaitingSecondParcel: 1 });
    expect(r.conservation.balanced).toBe(true);
    // The first parcel's unit stays on the order book (in its tote) until the order completes: both units are in flight.
    expect([r.orders.open, r.items.inFlight]).toEqual([1, 2]);
  });

  it('ship-complete waits for every line: one parcel, at 96', () => {
    const sim = site('ship-complete');
    const w = sim.world;
    const id = placeOrder(w, 0, [0, 2]);
    const done = completionTicks(w, () => sim.step(), 200);
    expect(done.get(id)).toBe(96);
    expect(buildReport(w, 'pibt', 'nearest', 0).shipments).toEqual({ parcels: 1, splitOrders: 0, firstParcelItems: 0, awaitingSecondParcel: 0 });
  });

  it('an order with nothing picked at its cut-off is not split, nor one with every line picked', () => {
    const sim = site('split');
    const w = sim.world;
    // Two single-line orders: SKU 0's is picked at 46, SKU 2's at 96 (as above).
    placeOrder(w, 0, [0]);
    placeOrder(w, 0, [2]);
    completionTicks(w, () => sim.step(), 200);
    // Each order has one line: at the cut-off one is complete and one has nothing picked; neither splits.
    expect(w.shipping!.splitOrders).toBe(0);
    expect(w.shipping!.parcels(w)).toBe(2);
  });
});
