import { describe, expect, it } from 'vitest';
import { ForecastPolicy } from '../../src/inbound/forecast-policy.js';
import { inventoryPosition } from '../../src/inbound/position.js';
import { appendPending, choosePod, requestPod } from '../../src/orders/demand.js';
import type { World } from '../../src/core/world.js';
import { loaderMessages, simFromJson, stableReport } from '../helpers/scenarios.js';

// eslint-disable-next-line @typescript-eslint/no-explicit-any
type Json = any;

/** Two pods (one SKU each), a pick and a put station, one robot, no random arrivals. */
const site = (extra: Json): Json => ({
  name: 'tiny replenishment',
  duration: '10m',
  layout: { grid: ['@@@@@@@', '@P.RRU@', '@.....@', '@@@@@@@'] },
  robots: { count: 1, start: [[2, 2]], battery: { chargeBelow: 0 } },
  demand: { ordersPerHour: 0, skus: 2 },
  stations: { pickSeconds: 10 },
  inventory: { initial: { units: 5 }, slotCapacity: { units: 12 } },
  inbound: { trucks: [{ at: '00:01', units: 100 }], unloadUnitsPerHour: 36000, stowSeconds: 1 },
  ...extra,
});

function addLine(w: World, sku: number, qty: number): void {
  const { books, totes } = w;
  const o = books.openOrder(w.tick, w.tick + 7200, 0, 1);
  const t = totes.open(o, -1);
  w.stations.openLines[0]++;
  const p = choosePod(w, sku, 0, qty);
  const l = books.openLine(o, sku, 0, p, t, qty);
  totes.items[t] += qty;
  totes.linesLeft[t]++;
  w.inventory!.lineRouted(w, l, p);
  if (p >= 0) {
    appendPending(w, p, l);
    requestPod(w, p);
  }
}

describe('replenishment policies, worked by hand', () => {
  it('min-max: a SKU at or below its reorder point is ordered up to its maximum, cut to the room its slot has', () => {
    const sim = simFromJson(site({ replenishment: { policy: 'min-max', min: { units: 6 }, max: { units: 15 } } }));
    const w = sim.world;
    // SKU 1: a line of 7 units finds only 5: it waits, and SKU 1's position is 5 - 7 = -2.
    addLine(w, 1, 7);
    expect(inventoryPosition(w, 0)).toBe(5);
    expect(inventoryPosition(w, 1)).toBe(-2);
    while (w.tick < 61) sim.step();
    // At 00:01: SKU 0 wants 15 - 5 = 10, its slot has room for 12 - 5 = 7; SKU 1 wants 15 + 2 = 17, room 7.
    const rc = w.putAway!.receiving;
    expect(Array.from(rc.arrivedBySku)).toEqual([7, 7]);
    sim.run();
    const r = JSON.parse(stableReport(sim));
    expect(r.inbound).toMatchObject({ policy: 'min-max', unitsArrived: 14, unitsStowed: 14, putVisits: 2 });
    // Both slots full (12 each), less the 7 units of SKU 1 picked once they came.
    expect(r.inventory).toMatchObject({ receivedUnits: 24, pickedUnits: 7, onHandUnits: 17, backorderedLines: 0, imbalance: 0 });
    expect(r.conservation.balanced).toBe(true);
  });

  it('min-max with a position above the reorder point orders nothing', () => {
    const sim = simFromJson(site({ replenishment: { policy: 'min-max', min: { units: 4 }, max: { units: 12 } } }));
    sim.run();
    expect(sim.world.putAway!.receiving.unitsArrived).toBe(0);
  });

  it('forecast: until the forecaster has seen a day, the base rate over the horizon plus safety stock; then its forecast', () => {
    const json = site({ replenishment: { policy: 'forecast', horizonHours: 2, safetyDays: 0 } });
    json.demand = { ordersPerHour: 10, skus: 2, zipf: 0 };
    json.inventory = { initial: { units: 0 } };
    const w = simFromJson(json).world;
    const policy = w.replenish as ForecastPolicy;
    // 10 orders/h over 2 hours, one unit each, half to each SKU: 10 units of each.
    expect(policy.expectedOrders(w)).toBe(20);
    const out = new Float64Array(2);
    policy.order(w, null, out);
    expect(Array.from(out)).toEqual([10, 10]);
    // Capped by a truck of 12 units: scaled down, never above.
    policy.order(w, 12, out);
    expect(Array.from(out)).toEqual([6, 6]);
    // After an hour with 30 orders: still the base rate.
    w.books.ordersCreated = 30;
    (w as { tick: number }).tick = 3600;
    policy.hour(w);
    expect(policy.expectedOrders(w)).toBe(20);
    // After a whole day of 30 orders an hour (a flat day, no trend): 30 an hour over the next 2 hours.
    for (let h = 2; h <= 24; h++) {
      w.books.ordersCreated = 30 * h;
      (w as { tick: number }).tick = 3600 * h;
      policy.hour(w);
    }
    expect(policy.expectedOrders(w)).toBe(60);
  });

  it('loader errors name the path and what was expected', () => {
    expect(loaderMessages(site({ replenishment: { policy: 'min-max', min: { units: 6 } } }))).toEqual([expect.stringContaining('replenishment.max: is required by the min-max policy')]);
    expect(loaderMessages(site({ replenishment: { policy: 'min-max', min: { units: 6 }, max: { units: 3 } } }))).toEqual([expect.stringContaining('replenishment.max: is below replenishment.min')]);
    expect(loaderMessages(site({ replenishment: { policy: 'forecast', min: { units: 6 } } }))).toEqual([expect.stringContaining('replenishment.min: is for the min-max policy, not forecast')]);
    expect(loaderMessages(site({ replenishment: { policy: 'min-max', min: { units: 6, daysOfCover: 1 }, max: { units: 9 } } }))).toEqual([expect.stringContaining('replenishment.min: expected exactly one of units or daysOfCover')]);
    expect(loaderMessages(site({ inbound: undefined, replenishment: { policy: 'none' } }))).toEqual([expect.stringContaining('replenishment: decides what trucks bring, which needs an inbound section')]);
    expect(loaderMessages(site({ replenishment: { policy: 'lifo' } }))[0]).toContain('replenishment.policy');
    // A truck listing nothing needs a policy that decides.
    expect(loaderMessages(site({ inbound: { trucks: [{ at: '00:01' }] }, replenishment: { policy: 'min-max', min: { units: 1 }, max: { units: 2 } } }))).toEqual([]);
  });
});
