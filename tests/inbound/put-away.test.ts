import { describe, expect, it } from 'vitest';
import type { World } from '../../src/core/world.js';
import { checkStock } from '../../src/inventory/books.js';
import { appendPending, choosePod, requestPod } from '../../src/orders/demand.js';
import { checkBooks } from '../../src/sim/books.js';
import { RobotState } from '../../src/core/robots.js';
import { readFileSync } from 'node:fs';
import { loaderMessages, scenarioPath, simFor, simFromJson, stableReport } from '../helpers/scenarios.js';

// eslint-disable-next-line @typescript-eslint/no-explicit-any
type Json = any;

/** A pick station, one pod (SKU 0) and a put station in a row; one robot below; a tick is one second. */
const tiny = (inbound: Json, units = 0): Json => ({
  name: 'tiny inbound',
  duration: '10m',
  layout: { grid: ['@@@@@@', '@P.RU@', '@....@', '@@@@@@'] },
  robots: { count: 1, start: [[2, 2]], battery: { chargeBelow: 0 } },
  demand: { ordersPerHour: 0, skus: 1 },
  stations: { pickSeconds: 10 },
  inventory: { initial: { units } },
  inbound,
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
}

describe('put-away, worked by hand', () => {
  it('a truck at 00:01 refills the empty pod at an exact tick, and the line waiting for it is then picked', () => {
    const sim = simFromJson(tiny({ trucks: [{ at: '00:01', skus: [{ sku: 0, units: 5 }] }], unloadUnitsPerHour: 3600, stowSeconds: 1 }));
    const w = sim.world;
    const st = w.inventory!;
    expect(st.onHand[0]).toBe(0);
    // A line of 2 units: a stock-out, waiting.
    addLine(w, 2);
    expect(st.backorderedLines).toBe(1);
    let refilledAt = -1;
    let pickedAt = -1;
    let stowStart = -1;
    while (w.tick < 200) {
      const before = st.onHand[0];
      const picked = st.pickedUnits;
      const state = w.robots.state[0];
      sim.step();
      if (state !== RobotState.Picking && w.robots.state[0] === RobotState.Picking && stowStart < 0) stowStart = w.tick - 1;
      if (before === 0 && st.onHand[0] === 5) refilledAt = w.tick;
      if (picked === 0 && st.pickedUnits === 2) pickedAt = w.tick;
      expectClosed(w);
    }
    // By hand: the truck arrives at tick 60 (00:01) with 5 units, unloaded one a tick at ticks 60 to 64. The put-away
    // opens at 64, once the last unit is off the truck; the robot moves at 64 and 65 and lifts the pod at 65, moves
    // onto the put station at 66 and stows 5 units at a second each: stowed in the step of tick 71 (clock 72).
    expect(stowStart).toBe(66);
    expect(refilledAt).toBe(72);
    expect(st.receivedUnits).toBe(5);
    expect(st.replenishments).toBe(1);
    expect(st.backorderedLines).toBe(0);
    // The pod went home (tick 72 to 73) and was fetched again for the waiting line, which was picked.
    expect(pickedAt).toBeGreaterThan(refilledAt);
    expect(st.pickedUnits).toBe(2);
    expect(st.onHand[0]).toBe(3);
    const r = JSON.parse(stableReport(sim));
    expect(r.inbound).toMatchObject({ trucks: 1, unitsArrived: 5, unitsUnloaded: 5, unitsStowed: 5, putVisits: 1, unitsInBuffer: 0, unitsInTasks: 0 });
    expect(r.inventory).toMatchObject({ receivedUnits: 5, pickedUnits: 2, onHandUnits: 3, inPutAwayUnits: 0, replenishments: 1, stockoutLines: 1, imbalance: 0 });
    expect(r.conservation.balanced).toBe(true);
  });

  it('a slot capacity splits a delivery over visits and leaves the rest in the buffer', () => {
    const json = tiny({ trucks: [{ at: '00:01', skus: [{ sku: 0, units: 9 }] }], unloadUnitsPerHour: 36000 }, 2);
    json.inventory.slotCapacity = { units: 6 };
    const sim = simFromJson(json);
    sim.run();
    const r = JSON.parse(stableReport(sim));
    // The slot holds 2 and takes 4 more; the other 5 wait in the buffer for room.
    expect(r.inventory.onHandUnits).toBe(6);
    expect(r.inbound.unitsInBuffer).toBe(5);
    expect(r.inventory.inPutAwayUnits).toBe(5);
    expect(r.inventory.receivedUnits).toBe(11);
    expect(r.conservation.balanced).toBe(true);
  });
});

describe('inbound loader errors', () => {
  it('names the path and what was expected', () => {
    const base = tiny({ trucks: [{ at: '00:01', units: 5 }] });
    expect(loaderMessages(base)).toEqual([]);
    expect(loaderMessages({ ...base, inbound: { trucks: [{ at: '00:01', skus: [{ sku: 3, units: 5 }] }] } })).toEqual([
      expect.stringContaining('inbound.trucks[0].skus[0].sku: is 3, but demand.skus is 1'),
    ]);
    expect(loaderMessages({ ...base, inbound: { trucks: [{ at: '00:01', units: 5, skus: [{ sku: 0, units: 5 }] }] } })).toEqual([expect.stringContaining('inbound.trucks[0]: expected units or skus, not both')]);
    expect(loaderMessages({ ...base, inbound: { trucks: [{ at: '00:01' }] } })).toEqual([expect.stringContaining('inbound.trucks[0]: expected units or skus')]);
    expect(loaderMessages({ ...base, inbound: { trucks: [{ at: '25:00', units: 5 }] } })[0]).toContain('inbound.trucks[0].at');
    expect(loaderMessages({ ...base, inventory: undefined })).toEqual([expect.stringContaining('inbound: receives stock into pod slots, which needs an inventory section')]);
    expect(loaderMessages({ ...base, layout: { grid: ['@@@@@@', '@P.R.@', '@....@', '@@@@@@'] } })).toEqual([expect.stringContaining("inbound: the layout has no put station: add at least one 'U' cell")]);
    // A put station walled off from storage.
    expect(loaderMessages({ ...base, layout: { grid: ['@@@@@@@', '@P.R@U@', '@...@@@', '@@@@@@@'] } })).toEqual([
      expect.stringContaining('layout: the put station at row 1, column 5 cannot be reached by a robot carrying a pod from storage'),
    ]);
  });
});

describe('inbound over a whole run', () => {
  it('inbound-peak to 10:00: the stock books, with the units on trucks, in the buffer and on tasks, close at every tick', () => {
    const sim = simFor('inbound-peak.json', { duration: '10h' });
    const w = sim.world;
    while (w.tick < w.config.ticks) {
      sim.step();
      expect(checkStock(w).problems).toEqual([]);
      const put = w.putAway!;
      expect(put.receiving.recount() + put.unitsInTasks()).toBe(w.inventory!.inPutAwayUnits);
      if (w.tick % 900 === 0) expect(checkBooks(w).problems).toEqual([]);
    }
    // The 06:00 truck came, was unloaded and mostly stowed; pods were refilled while picking went on.
    const put = w.putAway!;
    expect(put.receiving.trucks).toBe(1);
    expect(put.visits).toBeGreaterThan(100);
    expect(w.inventory!.putAwayUnits).toBe(put.unitsStowed);
    expect(w.books.linesPicked).toBeGreaterThan(500);
  });

  it('under the errands assignment (put-away matched by the same rule, without take-overs) the books close and put-away goes on', () => {
    const json = JSON.parse(readFileSync(scenarioPath('inbound-peak.json'), 'utf8'));
    json.fleet = { ...json.fleet, assignment: 'errands' };
    const sim = simFromJson(json, { duration: '10h' });
    const w = sim.world;
    while (w.tick < w.config.ticks) {
      sim.step();
      if (w.tick % 900 === 0) {
        expect(checkStock(w).problems).toEqual([]);
        expect(checkBooks(w).problems).toEqual([]);
      }
    }
    expect(w.putAway!.visits).toBeGreaterThan(100);
    expect(w.inventory!.putAwayUnits).toBe(w.putAway!.unitsStowed);
    expect(w.books.linesPicked).toBeGreaterThan(500);
    expect(w.metrics.conflicts).toBe(0);
  });

  it('is deterministic: the same scenario and seed give the same report byte for byte', () => {
    const a = simFor('inbound-peak.json', { duration: '8h' });
    a.run();
    const b = simFor('inbound-peak.json', { duration: '8h' });
    b.run();
    expect(stableReport(a)).toBe(stableReport(b));
    expect(JSON.parse(stableReport(a)).inbound.unitsStowed).toBeGreaterThan(0);
  });
});
