import type { World } from '../../src/core/world.js';
import { appendPending, requestPod } from '../../src/orders/demand.js';

/**
 * Opens an order of service class `cls` at this tick, with one line of one
 * unit per SKU in `skus`, all for station 0 and each on the first pod of its
 * SKU, as the demand stage opens one (pending lines, pod requests), so a
 * hand-worked test chooses exactly which pods an order needs. Returns the
 * order's id.
 */
export function placeOrder(w: World, cls: number, skus: readonly number[]): number {
  const c = w.orderClasses!;
  const o = w.books.openOrder(w.tick, c.dueFor(cls, w.tick), 0, skus.length, -1);
  c.orderOpened(o, cls);
  w.shipping?.orderOpened(w, o, cls);
  const t = w.totes.open(o, -1);
  w.stations.openLines[0] += skus.length;
  c.linesOpened(0, o, skus.length);
  for (const sku of skus) {
    const p = w.pods.podsOfSku[w.pods.podStart[sku]];
    const l = w.books.openLine(o, sku, 0, p, t, 1);
    w.totes.items[t] += 1;
    w.totes.linesLeft[t]++;
    appendPending(w, p, l);
    requestPod(w, p);
  }
  return w.books.orderId[o];
}

/** The ticks at which orders completed, by order id, after stepping `step` until tick `end`. */
export function completionTicks(w: World, step: () => void, end: number, before?: (tick: number) => void): Map<number, number> {
  const done = new Map<number, number>();
  while (w.tick < end) {
    before?.(w.tick);
    step();
    const e = w.events;
    // OrderDone = 1 (core/events.ts); the events are this tick's, and the tick has advanced.
    for (let i = 0; i < e.count; i++) if (e.kind[i] === 1) done.set(e.a[i], w.tick - 1);
  }
  return done;
}
