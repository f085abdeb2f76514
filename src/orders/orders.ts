import { EventKind } from '../core/events.js';
import type { World } from '../core/world.js';
import type { ToteSink } from '../outbound/network.js';

/**
 * An order's whole life on the books: its lines are picked into totes, the
 * totes travel to the order's dock (or, at a site without outbound
 * equipment, are done where they were picked), and the order completes when
 * every unit has arrived. Cycle time runs from arrival to that moment.
 */

/** Records a completed order and frees its slot. */
function completeOrder(w: World, o: number): void {
  const { books, metrics } = w;
  const tick = w.tick;
  const cycle = tick - books.arrival[o];
  const hour = Math.floor((tick * w.config.tickSeconds) / 3600);
  const onTime = tick <= books.due[o];
  metrics.orderDone(hour, cycle, onTime);
  w.orderClasses?.orderDone(o, cycle, onTime);
  w.quality?.orderShipped(w, o);
  metrics.timeline(books.arrival[o], books.pickStart[o], books.pickEnd[o], books.sorted[o], tick);
  const dock = books.orderDock[o];
  if (dock >= 0 && w.site.outbound !== null) {
    const d = w.site.outbound.docks[dock];
    d.ordersShipped++;
    if (onTime) d.ordersOnTime++;
  }
  w.events.push(EventKind.OrderDone, books.orderId[o], cycle);
  books.closeOrder(o);
}

/** `qty` units of order slot `o` arrived where the order ends (its dock, or done at the pick point). */
export function deliverUnits(w: World, o: number, qty: number, dock: number): void {
  const { books } = w;
  books.itemsDone[o] += qty;
  books.itemsDelivered += qty;
  if (dock >= 0 && w.site.outbound !== null) w.site.outbound.docks[dock].itemsIn += qty;
  if (books.itemsDone[o] === books.items[o]) completeOrder(w, o);
}

/** Tote `t` arrived whole where its order ends: its units are delivered and the tote returns to the pool. */
export function deliverTote(w: World, t: number, dock: number): void {
  const o = w.totes.order[t];
  const qty = w.totes.items[t];
  w.totes.release(t);
  deliverUnits(w, o, qty, dock);
}

/**
 * Line `l` has been picked into its tote. Returns the tote if that was its
 * last line (the tote is closed and ready to leave), else -1.
 */
export function linePicked(w: World, l: number): number {
  const { books, totes } = w;
  const o = books.lineOrder[l];
  const t = books.lineTote[l];
  // Pack stations need to know what each tote holds; the line's slot is freed below.
  w.site.packing?.addLine(l);
  if (books.pickStart[o] < 0) books.pickStart[o] = w.tick;
  if (w.orderClasses && books.lineStation[l] >= 0) w.orderClasses.lineClosed(books.lineStation[l], o);
  w.quality?.linePicked(w, l);
  w.shipping?.linePicked(w, l);
  if (books.pickLine(l) >= 0) books.pickEnd[o] = w.tick;
  return --totes.linesLeft[t] === 0 ? t : -1;
}

/** A sink for totes at sites without outbound equipment: a closed tote is done where it was picked. */
export class DoneSink implements ToteSink {
  constructor(private readonly w: World) {}
  canAccept(): boolean {
    return true;
  }
  accept(tote: number): void {
    deliverTote(this.w, tote, -1);
  }
}
