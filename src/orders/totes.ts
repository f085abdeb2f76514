import { grown } from '../core/grow.js';

/**
 * Totes (order containers) as struct-of-arrays in recycled slots. An order
 * gets one tote per place it is picked (its goods-to-person station, each
 * person-to-goods zone). A tote closes when its last line is picked, then
 * travels the outbound network until its items reach the order's dock.
 */
export const enum ToteState {
  /** Lines still to pick into it. */
  Picking = 0,
  /** All lines picked; waiting at the pick point to enter the outbound network. */
  Staged = 1,
  /** In the outbound network (conveyor, AGV, sorter induction). */
  Outbound = 2,
}

export class ToteBook {
  order: Int32Array;
  dock: Int32Array;
  /** Units in the tote: every unit of its lines (picked or still to pick), until a sorter unpacks them. */
  items: Int32Array;
  linesLeft: Int32Array;
  state: Int32Array;
  /** First of the tote's lines still to pick, linked through OrderBook.lineNext (person-to-goods totes only). */
  lineHead: Int32Array;
  private nextFree: Int32Array;
  private freeHead = -1;
  private used = 0;
  /** Totes in use now. */
  live = 0;
  created = 0;
  /** Totes whose items all reached a dock (or were unpacked at a sorter): back in circulation. */
  released = 0;

  constructor(initial = 1024) {
    this.order = new Int32Array(initial).fill(-1);
    this.dock = new Int32Array(initial);
    this.items = new Int32Array(initial);
    this.linesLeft = new Int32Array(initial);
    this.state = new Int32Array(initial);
    this.lineHead = new Int32Array(initial);
    this.nextFree = new Int32Array(initial);
  }

  /** Opens a tote for order slot `o`, bound for `dock` (-1 when the site has no docks). */
  open(o: number, dock: number): number {
    this.live++;
    this.created++;
    let t: number;
    if (this.freeHead >= 0) {
      t = this.freeHead;
      this.freeHead = this.nextFree[t];
    } else {
      if (this.used === this.order.length) {
        const size = this.used * 2;
        this.order = grown(this.order, size, -1);
        this.dock = grown(this.dock, size);
        this.items = grown(this.items, size);
        this.linesLeft = grown(this.linesLeft, size);
        this.state = grown(this.state, size);
        this.lineHead = grown(this.lineHead, size);
        this.nextFree = grown(this.nextFree, size);
      }
      t = this.used++;
    }
    this.order[t] = o;
    this.dock[t] = dock;
    this.items[t] = 0;
    this.linesLeft[t] = 0;
    this.state[t] = ToteState.Picking;
    this.lineHead[t] = -1;
    return t;
  }

  /** Units in totes now (slots of released totes hold order -1). */
  itemsInTotes(): number {
    let n = 0;
    for (let t = 0; t < this.used; t++) if (this.order[t] >= 0) n += this.items[t];
    return n;
  }

  /** Returns a tote to the pool once it is empty. */
  release(t: number): void {
    this.live--;
    this.released++;
    this.order[t] = -1;
    this.nextFree[t] = this.freeHead;
    this.freeHead = t;
  }
}
