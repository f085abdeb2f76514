import { describe, expect, it } from 'vitest';
import type { World } from '../../src/core/world.js';
import { checkStock } from '../../src/inventory/books.js';
import { fillBackorders } from '../../src/inventory/refill.js';
import { appendPending, choosePod, requestPod } from '../../src/orders/demand.js';
import { checkBooks } from '../../src/sim/books.js';
import { RobotState } from '../../src/core/robots.js';
import { booksSummary } from '../../src/books/summary.js';
import { loaderMessages, simFromJson, stableReport } from '../helpers/scenarios.js';

// eslint-disable-next-line @typescript-eslint/no-explicit-any
type Json = any;

/**
 * One station, one pod holding the one SKU, one robot, no random arrivals:
 * lines are put in by hand. A tick is one second (1 m cells at 1 m/s).
 */
const tiny = (inventory: Json): Json => ({
  name: 'tiny stock',
  duration: '1h',
  layout: { grid: ['@@@@@', '@P.R@', '@...@', '@@@@@'] },
  robots: { count: 1, start: [[2, 2]], battery: { chargeBelow: 0 } },
  demand: { ordersPerHour: 0, skus: 1 },
  stations: { pickSeconds: 10 },
  inventory,
});

/** Opens a one-line order of `qty` units of SKU 0 at station 0, routed as the demand stage routes it. */
function addLine(w: World, qty: number): number {
  const { books, totes } = w;
  const o = books.openOrder(w.tick, w.tick + 7200, 0, 1);
  const t = totes.open(o, -1);
  w.stations.openLines[0]++;
  const p = choosePod(w, 0, 0, qty);
  const l = books.openLine(o, 0, 0, p, t, qty);
  totes.items[t] += qty;
  totes.linesLeft[t]++;
  w.inventory!.lineRouted(w, l, p);
  if (p >= 0) {
    appendPending(w, p, l);
    requestPod(w, p);
  }
  return l;
}

function expectClosed(w: World): void {
  expect(checkStock(w).problems).toEqual([]);
  const c = checkBooks(w);
  expect(c.problems).toEqual([]);
  expect(c.balanced).toBe(true);
}

describe('finite stock, worked by hand', () => {
  it('a pod emptied by a pick at the tick its visit ends; the next line waits, then is cancelled after cancelAfter', () => {
    const sim = simFromJson(tiny({ initial: { units: 3 }, cancelAfter: '1m' }));
    const w = sim.world;
    const st = w.inventory!;
    expect(st.receivedUnits).toBe(3);
    expect(st.onHand[0]).toBe(3);
    addLine(w, 3);
    expect(st.reserved[0]).toBe(3);
    expect(st.available(0)).toBe(0);
    // The robot at (2,2) drives to the pod at (1,3): 2 cells; to the station at (1,1): 2 more; picks for 10 s.
    let emptiedAt = -1;
    let pickEnd = -1;
    let lastPicking = -1;
    while (w.tick < 100) {
      const before = st.onHand[0];
      sim.step();
      if (w.robots.state[0] === RobotState.Picking) {
        lastPicking = w.tick;
        pickEnd = w.robots.busyUntil[0];
      }
      if (before === 3 && st.onHand[0] === 0) emptiedAt = w.tick;
      expectClosed(w);
    }
    // The units leave the slot in the step run at the visit's end tick (the clock then reads one more).
    expect(pickEnd).toBeGreaterThan(0);
    expect(emptiedAt).toBe(pickEnd + 1);
    expect(lastPicking).toBe(pickEnd);
    // By hand: assigned at tick 0, the robot moves at ticks 0 and 1 and lifts the pod at 1, moves at 2 and 3 and
    // starts picking at 3 for 10 ticks; the visit ends in the step of tick 13, after which the clock reads 14.
    expect(pickEnd).toBe(13);
    expect(emptiedAt).toBe(14);
    expect(st.pickedUnits).toBe(3);
    expect(st.onHandUnits).toBe(0);
    // A line of one unit now finds no pod: a stock-out, waiting.
    const t0 = w.tick;
    const l = addLine(w, 1);
    expect(w.books.linePod[l]).toBe(-1);
    expect(st.stockoutLines).toBe(1);
    expect(st.backorderedLines).toBe(1);
    expect(w.books.openLines).toBe(1);
    // cancelAfter 1m = 60 ticks: still waiting after 59, cancelled by the step at t0 + 60.
    while (w.tick < t0 + 60) {
      sim.step();
      expectClosed(w);
    }
    expect(st.backorderedLines).toBe(1);
    sim.step();
    expect(st.cancelledLines).toBe(1);
    expect(st.cancelledUnits).toBe(1);
    expect(st.backorderedLines).toBe(0);
    expect(w.books.openLines).toBe(0);
    expect(w.books.openOrders).toBe(0);
    const c = checkBooks(w);
    expect(c.balanced).toBe(true);
    expect(c.lines.dropped).toEqual({ cancelled: 1 });
    expect(c.items.dropped).toEqual({ cancelled: 1 });
    // The stock books: 3 received = 0 on hand + 0 in put-away + 3 picked; the cancelled unit took none.
    expect(st.receivedUnits).toBe(st.onHandUnits + st.inPutAwayUnits + st.pickedUnits);
    const r = JSON.parse(stableReport(sim));
    expect(r.inventory).toMatchObject({ receivedUnits: 3, pickedUnits: 3, onHandUnits: 0, lines: 2, stockoutLines: 1, cancelledLines: 1, backorderedLines: 0, fillRate: 0.5, imbalance: 0 });
  });

  it('without cancelAfter a stock-out waits; stock arriving routes it to the pod, which is fetched and picked', () => {
    const sim = simFromJson(tiny({ initial: { units: 1 } }));
    const w = sim.world;
    const st = w.inventory!;
    addLine(w, 2);
    expect(st.stockoutLines).toBe(1);
    for (let k = 0; k < 600; k++) sim.step();
    expect(st.backorderedLines).toBe(1);
    expect(w.books.linesPicked).toBe(0);
    expectClosed(w);
    // Two units put away into the slot: the line is routed and picked.
    st.inPutAwayUnits += 2;
    st.receivedUnits += 2;
    st.stow(0, 2);
    fillBackorders(w, 0);
    expect(st.backorderedLines).toBe(0);
    expect(st.reserved[0]).toBe(2);
    expectClosed(w);
    for (let k = 0; k < 100; k++) sim.step();
    expect(w.books.linesPicked).toBe(1);
    expect(st.pickedUnits).toBe(2);
    expect(st.onHand[0]).toBe(1);
    expectClosed(w);
  });
});

const generated = (inventory: Json, duration = '1h'): Json => ({
  name: 'stock run',
  seed: 3,
  duration,
  layout: { generate: { kind: 'warehouse', width: 30, height: 16, stations: 3, chargers: 3 } },
  robots: { count: 12 },
  demand: { ordersPerHour: 400, linesPerOrder: { min: 1, max: 3 }, unitsPerLine: { min: 1, max: 3 }, skus: 300, replicas: 2 },
  inventory,
});

describe('finite stock over a whole run', () => {
  it('the stock and the order books close at every tick, through stock-outs and cancellations', () => {
    const sim = simFromJson(generated({ initial: { daysOfCover: 0.03, spread: 0.5 }, cancelAfter: '5m' }));
    const w = sim.world;
    while (w.tick < sim.world.config.ticks) {
      sim.step();
      expect(checkStock(w).problems).toEqual([]);
      if (w.tick % 300 === 0) expect(checkBooks(w).problems).toEqual([]);
    }
    const st = w.inventory!;
    // Stock ran out along the way: the run went through every path.
    expect(st.stockoutLines).toBeGreaterThan(50);
    expect(st.cancelledLines).toBeGreaterThan(10);
    expect(st.pickedUnits).toBeGreaterThan(100);
    expect(checkBooks(w).balanced).toBe(true);
  });

  it('is deterministic: the same scenario and seed give the same report byte for byte', () => {
    const json = generated({ initial: { daysOfCover: 0.05, spread: 0.3 }, cancelAfter: '10m', slotCapacity: { litres: 60 } }, '30m');
    const a = simFromJson(json);
    a.run();
    const b = simFromJson(json);
    b.run();
    expect(stableReport(a)).toBe(stableReport(b));
    expect(JSON.parse(stableReport(a)).inventory.stockoutLines).toBeGreaterThan(0);
  });

  it('days of cover fill each slot with its SKU share of a day, over its pods; a slot volume caps it', () => {
    const sim = simFromJson(generated({ initial: { daysOfCover: 1 } }));
    const st = sim.world.inventory!;
    const pods = sim.world.pods;
    // SKU 0 (the most popular): 400 orders/h x 24 h x 2 lines x 2 units x its Zipf share, over its 2 pods.
    const share = sim.world.skuCdf[0];
    const want = Math.ceil((400 * 24 * 2 * 2 * share) / 2 - 1e-9);
    expect(st.onHand[pods.podStart[0]]).toBe(want);
    const capped = simFromJson(generated({ initial: { daysOfCover: 1 }, slotCapacity: { units: 5 } })).world.inventory!;
    expect(capped.onHand[pods.podStart[0]]).toBe(5);
  });

  it('without an inventory section the report has inventory null', () => {
    const sim = simFromJson(generated(undefined, '5m'));
    sim.run();
    expect(sim.world.inventory).toBeNull();
    expect(JSON.parse(stableReport(sim)).inventory).toBeNull();
  });
});

describe('loader errors in the inventory section', () => {
  const msgs = (inventory: Json) => loaderMessages(generated(inventory));
  it('names the path and what was expected', () => {
    expect(msgs({ initial: { units: 4, daysOfCover: 2 } })).toEqual([expect.stringContaining('inventory.initial: expected exactly one of daysOfCover or units')]);
    expect(msgs({ initial: {} })).toEqual([expect.stringContaining('inventory.initial: expected exactly one')]);
    expect(msgs({ initial: { units: 10 }, slotCapacity: { units: 5 } })).toEqual([expect.stringContaining('inventory.initial.units: is 10, above inventory.slotCapacity.units 5')]);
    expect(msgs({ initial: { units: -1 } })[0]).toContain('inventory.initial.units');
    expect(msgs({ initial: { units: 1 }, slotCapacity: { units: 5, litres: 3 } })).toEqual([expect.stringContaining('inventory.slotCapacity: expected exactly one of units or litres')]);
    expect(msgs({ initial: { units: 1 }, cancelAfter: 'soon' })[0]).toContain('inventory.cancelAfter');
    expect(msgs({ initial: { units: 1 }, reorder: 3 })[0]).toContain('inventory');
    expect(msgs({ initial: { units: 1 } })).toEqual([]);
  });
});

describe('the stock books catch what does not add up', () => {
  it('a unit appearing in a slot off the books makes the books fail (wsim run then exits 1), with the problem named', () => {
    const sim = simFromJson(generated({ initial: { units: 4 } }, '10m'));
    sim.run();
    const w = sim.world;
    expect(checkBooks(w).balanced).toBe(true);
    w.inventory!.onHand[0] += 1;
    const c = checkBooks(w);
    expect(c.balanced).toBe(false);
    expect(c.problems).toContainEqual(expect.stringMatching(/^stock: the slots hold \d+ units, the books say \d+$/));
    const r = JSON.parse(stableReport(sim));
    expect(r.conservation.balanced).toBe(false);
    expect(booksSummary(r)).toEqual([expect.stringContaining('books         NOT balanced: stock: the slots hold')]);
  });
});
