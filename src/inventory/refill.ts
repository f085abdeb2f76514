import type { World } from '../core/world.js';
import { appendPending, appendVisit, choosePod, requestPod } from '../orders/demand.js';
import { PodState } from '../storage/pods.js';

/**
 * Stock of `sku` arrived: the lines waiting for it, oldest first, are routed
 * to pods that now have their units, like new lines (a pod already bound for
 * the line's station takes it on that visit; otherwise the pod is
 * requested). A line that still finds no pod keeps its place.
 */
export function fillBackorders(w: World, sku: number): void {
  const stock = w.inventory!;
  const { books, pods } = w;
  let l = stock.backorderHead[sku];
  while (l >= 0) {
    const next = books.lineNext[l];
    const s = books.lineStation[l];
    const p = choosePod(w, sku, s, books.lineQty[l]);
    if (p >= 0) {
      stock.unlinkBackorder(w, l);
      stock.reserve(sku, p, books.lineQty[l]);
      books.linePod[l] = p;
      const st = pods.state[p];
      if (pods.station[p] === s && (st === PodState.Assigned || st === PodState.ToStation)) appendVisit(w, p, l);
      else {
        appendPending(w, p, l);
        requestPod(w, p);
      }
    }
    l = next;
  }
}
