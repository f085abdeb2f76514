import { grown } from '../core/grow.js';
import type { World } from '../core/world.js';
import type { Pods } from '../storage/pods.js';

/**
 * Finite stock in pod slots. A slot is one SKU in one pod, indexed like the
 * pods' SKU-major list (`pods.podsOfSku`): slot `j` of SKU `s` lies in
 * `[pods.podStart[s], pods.podStart[s + 1])` and its pod is
 * `pods.podsOfSku[j]`.
 *
 * A line routed to a pod reserves its units in the slot at once (so two
 * lines never count on the same units) and takes them when it is picked. A
 * line no slot can fill waits on its SKU's backorder list (linked through
 * `OrderBook.lineNext`, which a line on no pod list does not use) until
 * stock arrives, or until it is cancelled.
 *
 * The stock books: received = on hand + in put-away + picked, at every tick.
 */
export class Stock {
  /** Units in each slot. */
  readonly onHand: Int32Array;
  /** Units of each slot promised to lines routed to its pod and not yet picked. */
  readonly reserved: Int32Array;
  /** Most units each slot holds (-1 = no limit). */
  readonly capacity: Int32Array;
  /** First and last line waiting for stock of each SKU (-1 = none). */
  readonly backorderHead: Int32Array;
  readonly backorderTail: Int32Array;
  /** Tick each line slot started waiting for stock, -1 when it is not waiting (grown with the order book's line slots). */
  waitingSince: Int32Array;

  /** Units received: the initial fill at t = 0, then what put-away stowed. */
  receivedUnits = 0;
  /** Units on hand over all slots, kept with every change (the books recount it from the slots). */
  onHandUnits = 0;
  /** Units received but not yet stowed in a slot (trucks, receiving buffer, put stations). */
  inPutAwayUnits = 0;
  pickedUnits = 0;
  /** Units stowed into slots after t = 0, and the put-away visits that stowed them. */
  putAwayUnits = 0;
  replenishments = 0;
  /** Pod lines routed while the inventory is on, and those a pod could fill at once. */
  lines = 0;
  filledFirstTry = 0;
  /** Lines that found no pod with enough units; of them, those waiting now and those cancelled (with their units). */
  stockoutLines = 0;
  backorderedLines = 0;
  cancelledLines = 0;
  cancelledUnits = 0;
  /** Sum over ticks of the units on hand, for the mean. */
  onHandTickSum = 0;
  ticks = 0;
  /** Lines waiting for stock in the order they started waiting (a ring over `queueLine` / `queueSince`), for cancelling. */
  private queueLine = new Int32Array(256);
  private queueSince = new Int32Array(256);
  private queueFirst = 0;
  private queueLength = 0;
  /** Problems found while running (a pick taking units a slot did not have): the books report them. */
  readonly problems: string[] = [];

  constructor(
    readonly pods: Pods,
    skuCount: number,
    /** Ticks a line waits for stock before it is cancelled; null = it waits. */
    readonly cancelAfterTicks: number | null,
  ) {
    const slots = pods.podsOfSku.length;
    this.onHand = new Int32Array(slots);
    this.reserved = new Int32Array(slots);
    this.capacity = new Int32Array(slots).fill(-1);
    this.backorderHead = new Int32Array(skuCount).fill(-1);
    this.backorderTail = new Int32Array(skuCount).fill(-1);
    this.waitingSince = new Int32Array(1024).fill(-1);
  }

  /** Units of slot j free for a new line. */
  available(j: number): number {
    return this.onHand[j] - this.reserved[j];
  }

  /** The slot of `sku` in pod p, or -1 when the pod does not hold it. */
  slotOf(sku: number, p: number): number {
    const { podStart, podsOfSku } = this.pods;
    for (let j = podStart[sku]; j < podStart[sku + 1]; j++) if (podsOfSku[j] === p) return j;
    return -1;
  }

  /** Units of `sku` on hand over all its slots. */
  skuOnHand(sku: number): number {
    let n = 0;
    for (let j = this.pods.podStart[sku]; j < this.pods.podStart[sku + 1]; j++) n += this.onHand[j];
    return n;
  }

  /** `units` arrive in slot j (the initial fill, or a put-away). */
  receive(j: number, units: number): void {
    this.onHand[j] += units;
    this.onHandUnits += units;
    this.receivedUnits += units;
  }

  /** Stows `units` that were in put-away into slot j. */
  stow(j: number, units: number): void {
    this.inPutAwayUnits -= units;
    this.onHand[j] += units;
    this.onHandUnits += units;
    this.putAwayUnits += units;
  }

  /** A line of `qty` units of `sku` is routed to pod p: its units are promised. */
  reserve(sku: number, p: number, qty: number): void {
    this.reserved[this.slotOf(sku, p)] += qty;
  }

  /** A line of `qty` units of `sku` was picked from pod p at `tick`: the units leave the slot. */
  take(sku: number, p: number, qty: number, tick: number): void {
    const j = this.slotOf(sku, p);
    if (j < 0 || this.onHand[j] < qty || this.reserved[j] < qty) {
      if (this.problems.length < 20) this.problems.push(`tick ${tick}: a line took ${qty} units of SKU ${sku} from pod ${p}, which had ${j < 0 ? 'no slot' : `${this.onHand[j]} on hand, ${this.reserved[j]} promised`}`);
      if (j < 0) return;
    }
    this.onHand[j] -= qty;
    this.reserved[j] -= qty;
    this.onHandUnits -= qty;
    this.pickedUnits += qty;
  }

  /** Makes `waitingSince` cover line slot l. */
  coverLine(l: number): void {
    if (l >= this.waitingSince.length) this.waitingSince = grown(this.waitingSince, Math.max(l + 1, this.waitingSince.length * 2), -1);
  }

  /**
   * Pod line l was routed at its creation to pod p (-1: no pod had its
   * units, a stock-out): the pod's units are promised to it, or it waits on
   * its SKU's backorder list.
   */
  lineRouted(w: World, l: number, p: number): void {
    const { books } = w;
    this.lines++;
    if (p >= 0) {
      this.filledFirstTry++;
      this.reserve(books.lineSku[l], p, books.lineQty[l]);
      return;
    }
    this.stockoutLines++;
    this.backorder(w, l);
  }

  /** Puts line l at the end of its SKU's backorder list. */
  private backorder(w: World, l: number): void {
    const { books } = w;
    const sku = books.lineSku[l];
    books.lineNext[l] = -1;
    if (this.backorderTail[sku] < 0) this.backorderHead[sku] = l;
    else books.lineNext[this.backorderTail[sku]] = l;
    this.backorderTail[sku] = l;
    this.backorderedLines++;
    this.coverLine(l);
    this.waitingSince[l] = w.tick;
    if (this.cancelAfterTicks !== null) this.enqueue(l, w.tick);
  }

  /** Takes line l off its SKU's backorder list (it is filled or cancelled). */
  unlinkBackorder(w: World, l: number): void {
    const { books } = w;
    const sku = books.lineSku[l];
    let prev = -1;
    for (let k = this.backorderHead[sku]; k >= 0; k = books.lineNext[k]) {
      if (k !== l) {
        prev = k;
        continue;
      }
      const next = books.lineNext[l];
      if (prev < 0) this.backorderHead[sku] = next;
      else books.lineNext[prev] = next;
      if (this.backorderTail[sku] === l) this.backorderTail[sku] = prev;
      books.lineNext[l] = -1;
      this.waitingSince[l] = -1;
      this.backorderedLines--;
      return;
    }
  }

  /**
   * The lines whose wait reached `cancelAfterTicks` by `tick`, oldest first,
   * handed to `cancel` (each still waiting, checked against its slot's
   * waiting tick since a slot is reused once its line is done).
   */
  expire(tick: number, cancel: (l: number) => void): void {
    const after = this.cancelAfterTicks;
    if (after === null) return;
    const cap = this.queueLine.length;
    while (this.queueLength > 0) {
      const q = this.queueFirst;
      const l = this.queueLine[q];
      const since = this.queueSince[q];
      if (this.waitingSince[l] === since && tick - since < after) return;
      this.queueFirst = (q + 1) % cap;
      this.queueLength--;
      if (this.waitingSince[l] === since) cancel(l);
    }
  }

  private enqueue(l: number, tick: number): void {
    if (this.queueLength === this.queueLine.length) {
      // Unroll the ring into arrays twice the size.
      const cap = this.queueLine.length;
      const lines = new Int32Array(cap * 2);
      const since = new Int32Array(cap * 2);
      for (let k = 0; k < this.queueLength; k++) {
        lines[k] = this.queueLine[(this.queueFirst + k) % cap];
        since[k] = this.queueSince[(this.queueFirst + k) % cap];
      }
      this.queueLine = lines;
      this.queueSince = since;
      this.queueFirst = 0;
    }
    const at = (this.queueFirst + this.queueLength) % this.queueLine.length;
    this.queueLine[at] = l;
    this.queueSince[at] = tick;
    this.queueLength++;
  }
}
