import type { World } from '../core/world.js';
import { deliverUnits } from '../orders/orders.js';
import { shipTote } from '../stations/service.js';

/**
 * Cancels pod line l, which waited for stock too long: it leaves its SKU's
 * backorder list, its units leave its order and tote (they never left a
 * slot), and the station's open lines. If it was the tote's last line the
 * tote closes: it ships with the units picked into it, or, empty, goes back
 * to the pool; an order left with nothing to deliver completes then.
 */
export function cancelLine(w: World, l: number): void {
  const { books, totes, stations } = w;
  const stock = w.inventory!;
  stock.unlinkBackorder(w, l);
  stock.cancelledLines++;
  stock.cancelledUnits += books.lineQty[l];
  const o = books.lineOrder[l];
  const t = books.lineTote[l];
  const s = books.lineStation[l];
  w.orderAssignment.linePicked?.(s, books.lineSku[l]);
  w.orderClasses?.lineClosed(s, o);
  stations.openLines[s]--;
  totes.items[t] -= books.lineQty[l];
  if (books.cancelLine(l) >= 0) {
    // The order's pick timeline ends here; one with nothing picked has it start here too.
    if (books.pickStart[o] < 0) books.pickStart[o] = w.tick;
    books.pickEnd[o] = w.tick;
  }
  if (--totes.linesLeft[t] > 0) return;
  if (totes.items[t] > 0) {
    shipTote(w, s, t);
    return;
  }
  totes.release(t);
  if (books.remaining[o] === 0 && books.items[o] === books.itemsDone[o]) deliverUnits(w, o, 0, books.orderDock[o]);
}
