import { describe, expect, it } from 'vitest';
import { EventKind } from '../../src/core/events.js';
import { simFromJson } from '../helpers/scenarios.js';
import { completionTicks, placeOrder } from './place-order.js';

/**
 * One robot, one station at (1,1), three pods under the row below the
 * aisle; SKU 0 is on the pod at (2,5), SKU 1 at (2,4), SKU 2 at (2,3)
 * (checked below). A tick is one second: one cell of travel; a pick takes
 * 10 s. The robot starts at (1,6).
 */
function overtaking(expressPriority: number) {
  return simFromJson({
    name: 'overtaking',
    seed: 1,
    duration: '5m',
    layout: { grid: ['@@@@@@@@', '@P.....@', '@..RRR.@', '@@@@@@@@'] },
    robots: { count: 1, start: [[1, 6]], speed: 1, battery: { chargeBelow: 0 } },
    demand: { ordersPerHour: 0, skus: 3, zipf: 0 },
    stations: { pickSeconds: 10, queueCapacity: 1 },
    serviceClasses: [
      { name: 'express', share: 0.5, due: '10m', priority: expressPriority },
      { name: 'standard', share: 0.5, due: '1h', priority: 0 },
    ],
  });
}

const EXPRESS = 0;
const STANDARD = 1;

describe('priorities at a station, worked by hand', () => {
  it('the layout puts SKU 0, 1 and 2 on the pods at (2,5), (2,4) and (2,3)', () => {
    const w = overtaking(1).world;
    const cellOf = (sku: number) => w.pods.cell[w.pods.podsOfSku[w.pods.podStart[sku]]];
    expect([cellOf(0), cellOf(1), cellOf(2)]).toEqual([2 * 8 + 5, 2 * 8 + 4, 2 * 8 + 3]);
  });

  /*
   * Tick 0: standard S1 (SKU 0) and S2 (SKU 2) arrive; the robot is sent for
   * S1's pod (the only request a robot can take first: oldest). It drives
   * (1,6)->(2,6) at 0, reaches the pod at (2,5) at 1 and lifts it, drives
   * (1,5) (1,4) (1,3) (1,2) (1,1) at 2..6, picks from 6 to 16: S1 done at 16.
   * It carries the pod home (1,2) .. (1,5) (2,5) at 17..21 and is idle at 21.
   * Tick 1: express E (SKU 1) arrives.
   * Tick 22, the pods of S2 (at (2,3), requested at 0) and E (at (2,4),
   * requested at 1) wait:
   * - E first (express above standard): (2,4) at 22, lifted; (1,4) (1,3)
   *   (1,2) (1,1) at 23..26; picked 26..36: E done at 36 (cycle 35). Home
   *   (1,2) (1,3) (1,4) (2,4) at 37..40; then S2's pod: (2,3) at 41, lifted;
   *   (2,2) (2,1) (1,1) at 42..44; picked 44..54: S2 done at 54.
   * - Oldest first (equal priorities): S2's pod (2,4) (2,3) at 22, 23,
   *   lifted; (2,2) (2,1) (1,1) at 24..26; picked 26..36: S2 done at 36.
   *   Home (1,2) (1,3) (2,3) at 37..39; E's pod (2,4) at 40, lifted; (1,4)
   *   (1,3) (1,2) (1,1) at 41..44; picked 44..54: E done at 54.
   */
  function run(expressPriority: number) {
    const sim = overtaking(expressPriority);
    const w = sim.world;
    const s1 = placeOrder(w, STANDARD, [0]);
    const s2 = placeOrder(w, STANDARD, [2]);
    let e = -1;
    const done = completionTicks(w, () => sim.step(), 120, (tick) => {
      if (tick === 1) e = placeOrder(w, EXPRESS, [1]);
    });
    return { w, s1: done.get(s1), s2: done.get(s2), e: done.get(e) };
  }

  it('a later express order overtakes an earlier standard one at exact ticks', () => {
    const r = run(1);
    expect([r.s1, r.e, r.s2]).toEqual([16, 36, 54]);
    const c = r.w.orderClasses!;
    expect([c.completed[EXPRESS], c.completed[STANDARD]]).toEqual([1, 2]);
    expect(c.cycle[EXPRESS].max).toBe(35);
  });

  it('with equal priorities the earlier order goes first', () => {
    const r = run(0);
    expect([r.s1, r.s2, r.e]).toEqual([16, 36, 54]);
  });

  it('nothing but the pods fetched changes: the robot visits the station three times either way', () => {
    for (const p of [0, 1]) {
      const sim = overtaking(p);
      const w = sim.world;
      placeOrder(w, STANDARD, [0]);
      placeOrder(w, STANDARD, [2]);
      let picks = 0;
      while (w.tick < 120) {
        if (w.tick === 1) placeOrder(w, EXPRESS, [1]);
        sim.step();
        for (let i = 0; i < w.events.count; i++) if (w.events.kind[i] === EventKind.PickStarted) picks++;
      }
      expect(picks).toBe(3);
    }
  });
});
