import { grown } from '../core/grow.js';

/**
 * The order book: orders and their lines in recycled slots (struct-of-arrays),
 * so memory stays flat over long runs. A slot returns to the free list once its
 * order is complete and recorded.
 */

type IntArray = Int32Array;

/** A free list of integer slots with capacity doubling. */
class SlotPool {
  capacity: number;
  private freeHead = -1;
  private nextFree: IntArray;
  private used = 0;
  live = 0;
  constructor(initial: number, private readonly onGrow: (capacity: number) => void) {
    this.capacity = initial;
    this.nextFree = new Int32Array(initial);
  }
  alloc(): number {
    this.live++;
    if (this.freeHead >= 0) {
      const s = this.freeHead;
      this.freeHead = this.nextFree[s];
      return s;
    }
    if (this.used === this.capacity) {
      this.capacity *= 2;
      this.nextFree = grown(this.nextFree, this.capacity);
      this.onGrow(this.capacity);
    }
    return this.used++;
  }
  release(s: number): void {
    this.live--;
    this.nextFree[s] = this.freeHead;
    this.freeHead = s;
  }
}

/** What delayed an order, for the report's faults section (an order counts once, under its first cause). */
export const enum DelayCause {
  /** A pod the order needs was on (or being fetched by, or held by) a robot that broke down, or a broken robot stood on its station. */
  Robot = 1,
  /** A pod the order needs was in, or bound for, a closed area. */
  Closure = 2,
  /** Its station was closed while the order had lines to pick there. */
  Station = 3,
  /** Its tote was on a conveyor when it jammed. */
  Conveyor = 4,
  /** A unit went round again or to the reject lane because its dock's chutes were out of service. */
  Chute = 5,
  /** Its tote was waiting for a picker zone when people went absent or came back. */
  Pickers = 6,
}

export const DELAY_CAUSES = ['robot', 'closure', 'station', 'conveyor', 'chute', 'pickers'] as const;

export class OrderBook {
  // Orders.
  orderId: IntArray;
  arrival: IntArray;
  due: IntArray;
  remaining: IntArray;
  lineCount: IntArray;
  orderStation: IntArray;
  /** Dock the order ships from, or -1. */
  orderDock: IntArray;
  /** Units over all lines, and how many have been delivered (to the dock, or picked when there is no outbound). */
  items: IntArray;
  itemsDone: IntArray;
  /** Timeline ticks: first pick, last pick, last unit sorted (-1 until they happen). */
  pickStart: IntArray;
  pickEnd: IntArray;
  sorted: IntArray;
  /** 0, or the first DelayCause that delayed the order, for the report. */
  delayedBy: IntArray;
  // Lines.
  lineOrder: IntArray;
  lineSku: IntArray;
  lineStation: IntArray;
  linePod: IntArray;
  /** Next line in whichever list the line is on (a pod's pending list or its visit list). */
  lineNext: IntArray;
  /** Tote each line is picked into. */
  lineTote: IntArray;
  /** Units on each line. */
  lineQty: IntArray;
  private readonly orders: SlotPool;
  private readonly lines: SlotPool;

  ordersCreated = 0;
  ordersCompleted = 0;
  /** Orders delayed by faults (each once), and by cause (index = DelayCause). */
  ordersDelayed = 0;
  readonly delayedByCause = new Float64Array(DELAY_CAUSES.length + 1);
  linesCreated = 0;
  linesPicked = 0;
  itemsCreated = 0;
  itemsDelivered = 0;
  /** Lines cancelled unpicked (a stock-out that waited too long), and their units: dropped from the books. */
  linesCancelled = 0;
  itemsCancelled = 0;

  constructor(initialOrders = 1024) {
    const lo = initialOrders * 4;
    this.orderId = new Int32Array(initialOrders);
    this.arrival = new Int32Array(initialOrders);
    this.due = new Int32Array(initialOrders);
    this.remaining = new Int32Array(initialOrders);
    this.lineCount = new Int32Array(initialOrders);
    this.orderStation = new Int32Array(initialOrders);
    this.orderDock = new Int32Array(initialOrders);
    this.items = new Int32Array(initialOrders);
    this.itemsDone = new Int32Array(initialOrders);
    this.pickStart = new Int32Array(initialOrders);
    this.pickEnd = new Int32Array(initialOrders);
    this.sorted = new Int32Array(initialOrders);
    this.delayedBy = new Int32Array(initialOrders);
    this.lineOrder = new Int32Array(lo);
    this.lineSku = new Int32Array(lo);
    this.lineStation = new Int32Array(lo);
    this.linePod = new Int32Array(lo);
    this.lineNext = new Int32Array(lo);
    this.lineTote = new Int32Array(lo);
    this.lineQty = new Int32Array(lo);
    this.orders = new SlotPool(initialOrders, (c) => {
      this.orderId = grown(this.orderId, c);
      this.arrival = grown(this.arrival, c);
      this.due = grown(this.due, c);
      this.remaining = grown(this.remaining, c);
      this.lineCount = grown(this.lineCount, c);
      this.orderStation = grown(this.orderStation, c);
      this.orderDock = grown(this.orderDock, c);
      this.items = grown(this.items, c);
      this.itemsDone = grown(this.itemsDone, c);
      this.pickStart = grown(this.pickStart, c);
      this.pickEnd = grown(this.pickEnd, c);
      this.sorted = grown(this.sorted, c);
      this.delayedBy = grown(this.delayedBy, c);
    });
    this.lines = new SlotPool(lo, (c) => {
      this.lineOrder = grown(this.lineOrder, c);
      this.lineSku = grown(this.lineSku, c);
      this.lineStation = grown(this.lineStation, c);
      this.linePod = grown(this.linePod, c);
      this.lineNext = grown(this.lineNext, c);
      this.lineTote = grown(this.lineTote, c);
      this.lineQty = grown(this.lineQty, c);
    });
  }

  /** Opens an order; returns its slot. */
  openOrder(tick: number, dueTick: number, station: number, lines: number, dock = -1): number {
    const o = this.orders.alloc();
    this.orderDock[o] = dock;
    this.items[o] = 0;
    this.itemsDone[o] = 0;
    this.pickStart[o] = -1;
    this.pickEnd[o] = -1;
    this.sorted[o] = -1;
    this.delayedBy[o] = 0;
    this.orderId[o] = this.ordersCreated++;
    this.arrival[o] = tick;
    this.due[o] = dueTick;
    this.remaining[o] = lines;
    this.lineCount[o] = lines;
    this.orderStation[o] = station;
    return o;
  }

  /** Opens a line of order slot `o`; returns its slot. */
  openLine(o: number, sku: number, station: number, pod: number, tote = -1, qty = 1): number {
    const l = this.lines.alloc();
    this.linesCreated++;
    this.itemsCreated += qty;
    this.items[o] += qty;
    this.lineTote[l] = tote;
    this.lineQty[l] = qty;
    this.lineOrder[l] = o;
    this.lineSku[l] = sku;
    this.lineStation[l] = station;
    this.linePod[l] = pod;
    this.lineNext[l] = -1;
    return l;
  }

  /** Marks line `l` picked and frees it; returns the order slot if that was the order's last line, else -1. */
  pickLine(l: number): number {
    const o = this.lineOrder[l];
    this.linesPicked++;
    this.lines.release(l);
    if (--this.remaining[o] === 0) return o;
    return -1;
  }

  /**
   * Cancels line `l` unpicked: its units leave the order, and it frees its
   * slot; returns the order slot if that was the order's last line, else -1.
   */
  cancelLine(l: number): number {
    const o = this.lineOrder[l];
    this.linesCancelled++;
    this.itemsCancelled += this.lineQty[l];
    this.items[o] -= this.lineQty[l];
    this.lines.release(l);
    if (--this.remaining[o] === 0) return o;
    return -1;
  }

  /** Whether order slot `o` is open (some of its units not yet delivered). */
  isOpen(o: number): boolean {
    return o >= 0 && o < this.items.length && this.items[o] > this.itemsDone[o];
  }

  /** Counts open order slot `o` as delayed by a fault, once, under its first cause. */
  markDelayed(o: number, cause: DelayCause): void {
    if (!this.isOpen(o) || this.delayedBy[o] !== 0) return;
    this.delayedBy[o] = cause;
    this.ordersDelayed++;
    this.delayedByCause[cause]++;
  }

  /** Frees a completed order's slot (after its figures are recorded). */
  closeOrder(o: number): void {
    this.ordersCompleted++;
    this.orders.release(o);
  }

  get openOrders(): number {
    return this.orders.live;
  }
  get openLines(): number {
    return this.lines.live;
  }
}
