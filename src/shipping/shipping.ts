import { grown } from '../core/grow.js';
import type { World } from '../core/world.js';
import { Fifo } from '../outbound/fifo.js';
import type { ShippingConfig } from './schema.js';

/**
 * Parcels by shipping rule. An order of a `ship-complete` class ships as one
 * parcel once its last unit is there (at its dock, or picked at a site
 * without outbound equipment). An order of a `split` class that at its
 * cut-off (its due tick) has some of its lines picked and some not ships the
 * picked units as a first parcel then, and the rest as a second parcel when
 * the order completes. The units stay on the order book until the order
 * completes (the first parcel's units are not taken out of its tote), so the
 * books are not changed by a split; the parcels are counted here.
 */
export class ShippingBook {
  /** First parcels shipped at a cut-off. */
  splitOrders = 0;
  /** Units in first parcels. */
  firstParcelItems = 0;
  /** Orders of split classes waiting for their cut-off, per class: (order slot, order id, due tick), due ascending. */
  private readonly waiting: (Fifo | null)[];
  /** Split orders that may still wait for their second parcel: (order slot, order id, units in the first parcel). */
  private readonly splitOpen = new Fifo(3, 64);
  /** Per order slot: the order id + 1 the picked count belongs to (slots are reused), and units picked. */
  private mark = new Int32Array(1024);
  private picked = new Int32Array(1024);

  constructor(readonly config: ShippingConfig) {
    this.waiting = config.split.map((s) => (s ? new Fifo(3, 64) : null));
  }

  /**
   * Order slot `o` of class `cls` opened. Orders of a class open in order of
   * their due ticks (by arrival, and a class's due follows arrival), so each
   * class's queue stays sorted.
   */
  orderOpened(w: World, o: number, cls: number): void {
    this.waiting[cls]?.push(o, w.books.orderId[o], w.books.due[o]);
  }

  /** Line `l` (still on the book) was picked. */
  linePicked(w: World, l: number): void {
    const { books } = w;
    const o = books.lineOrder[l];
    if (o >= this.mark.length) {
      const size = Math.max(o + 1, this.mark.length * 2);
      this.mark = grown(this.mark, size);
      this.picked = grown(this.picked, size);
    }
    const id1 = books.orderId[o] + 1;
    if (this.mark[o] !== id1) {
      this.mark[o] = id1;
      this.picked[o] = 0;
    }
    this.picked[o] += books.lineQty[l];
  }

  /** Units picked of open order slot `o`. */
  private pickedOf(w: World, o: number): number {
    return o < this.mark.length && this.mark[o] === w.books.orderId[o] + 1 ? this.picked[o] : 0;
  }

  /** Ships the first parcel of every split order whose cut-off is this tick, if some but not all of its units are picked. */
  stage(w: World): void {
    const { books } = w;
    for (const q of this.waiting) {
      if (q === null) continue;
      while (q.length > 0 && q.peek(2) <= w.tick) {
        const o = q.peek(0);
        const id = q.peek(1);
        q.shift();
        // The slot may hold a later order by now: the id tells.
        if (!this.stillOpen(w, o, id)) continue;
        const units = this.pickedOf(w, o);
        if (units === 0 || units >= books.items[o]) continue;
        this.splitOrders++;
        this.firstParcelItems += units;
        this.splitOpen.push(o, id, units);
      }
    }
    // Forget split orders that have completed, now and then, so the list stays as long as the open ones.
    if (this.splitOpen.length >= 64 && w.tick % 64 === 0) this.prune(w);
  }

  /** Split orders still waiting for their second parcel (recounted from the order book). */
  awaitingSecondParcel(w: World): number {
    let n = 0;
    for (let k = 0; k < this.splitOpen.length; k++) if (this.stillOpen(w, this.splitOpen.at(k, 0), this.splitOpen.at(k, 1))) n++;
    return n;
  }

  /** Every split order still open, for the books: (order slot, units in its first parcel). */
  forEachAwaiting(w: World, f: (o: number, firstUnits: number) => void): void {
    for (let k = 0; k < this.splitOpen.length; k++) {
      const o = this.splitOpen.at(k, 0);
      if (this.stillOpen(w, o, this.splitOpen.at(k, 1))) f(o, this.splitOpen.at(k, 2));
    }
  }

  /** Parcels shipped: one per completed order, and a first parcel per split order. */
  parcels(w: World): number {
    return w.books.ordersCompleted + this.splitOrders;
  }

  private stillOpen(w: World, o: number, id: number): boolean {
    return w.books.isOpen(o) && w.books.orderId[o] === id;
  }

  private prune(w: World): void {
    const n = this.splitOpen.length;
    for (let k = 0; k < n; k++) {
      const o = this.splitOpen.peek(0);
      const id = this.splitOpen.peek(1);
      const units = this.splitOpen.peek(2);
      this.splitOpen.shift();
      if (this.stillOpen(w, o, id)) this.splitOpen.push(o, id, units);
    }
  }
}
