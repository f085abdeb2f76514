import type { FrameSection } from '../core/frame.js';
import type { World } from '../core/world.js';
import type { Stock } from './stock.js';

/** Frame section: lines waiting for stock now, stock-out lines so far, lines cancelled for want of stock so far. */
export const STOCK_SECTION = 'inventory.stock';
/** Frame section: per pod, 1 when it holds a SKU that lines are waiting for (the viewer marks it), else 0. */
export const SHORT_PODS_SECTION = 'inventory.shortPods';

/**
 * The inventory's part of the frame: the stock-out counts and the pods
 * whose SKUs lines wait for, so the viewer shows where stock is missing.
 * The pod marks change only when a line starts or stops waiting, so they
 * are recounted only then (the check is three counters a tick; a recount
 * walks the SKUs and their slots).
 */
export class StockFrame {
  readonly counts = new Uint32Array(3);
  readonly shortPods: Uint8Array;
  readonly sections: readonly FrameSection[];
  private seen = [-1, -1, -1];

  constructor(
    w: World,
    private readonly stock: Stock,
  ) {
    this.shortPods = new Uint8Array(w.pods.n);
    this.sections = [
      { name: STOCK_SECTION, array: this.counts },
      { name: SHORT_PODS_SECTION, array: this.shortPods },
    ];
    this.fill();
  }

  /** Refills the sections from the stock (after every tick). */
  fill(): void {
    const st = this.stock;
    this.counts[0] = st.backorderedLines;
    this.counts[1] = st.stockoutLines;
    this.counts[2] = st.cancelledLines;
    // Every change to the backorder lists moves one of these: a line joins (a stock-out, counted even if another
    // line leaves in the same tick) or leaves (routed to a restocked pod, or cancelled).
    const key = [st.backorderedLines, st.stockoutLines, st.cancelledLines];
    if (key[0] === this.seen[0] && key[1] === this.seen[1] && key[2] === this.seen[2]) return;
    this.seen = key;
    const { podStart, podsOfSku } = st.pods;
    this.shortPods.fill(0);
    for (let s = 0; s < st.backorderHead.length; s++) {
      if (st.backorderHead[s] < 0) continue;
      for (let j = podStart[s]; j < podStart[s + 1]; j++) this.shortPods[podsOfSku[j]] = 1;
    }
  }
}
