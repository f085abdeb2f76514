import type { Rng } from '../core/rng.js';
import { Fifo } from './fifo.js';
import type { ToteSink } from './network.js';
import type { ToteBook } from '../orders/totes.js';

/** How a sorter's chutes are emptied. */
export type ChuteEmptying = { kind: 'timer'; everyTicks: number } | { kind: 'worker'; ticksPerItem: number };

/** A sorter as the engine sees it: rates in items per tick, times in ticks, docks as indices. */
export interface SorterSpec {
  name: string;
  /** Items inducted per tick (the rate limit; fractional rates accumulate). */
  inductPerTick: number;
  /** Totes that may wait at the induction. */
  queueCapacity: number;
  /** Ticks from induction to the chutes. */
  transitTicks: number;
  /** What a full chute does to an item: send it round again, or to the reject lane. */
  onFull: 'recirculate' | 'reject';
  /** Ticks one lap of recirculation takes. */
  recirculateTicks: number;
  /** Laps before a recirculating item goes to the reject lane. */
  maxRecirculations: number;
  /** Chance an item lands in a wrong chute. */
  missortProbability: number;
  /** Ticks for a mis-sorted item, found at the wrong dock, to come back to the induction. */
  reworkTicks: number;
  /** Ticks for a rejected item to be carried to its dock by hand. */
  rejectTicks: number;
  chutes: { dock: number; capacity: number }[];
  emptying: ChuteEmptying;
}

/** What the sorter tells the rest of the site. */
export interface SorterHooks {
  /** An item of order slot `o` reached dock `dock`. */
  itemAtDock(o: number, dock: number, tick: number): void;
  /** An item of order slot `o` dropped into its own chute. */
  itemSorted(o: number, tick: number): void;
  /** Tote `t` has been unpacked at the induction (its items are all on the sorter). */
  toteEmptied(t: number, tick: number): void;
  /** An item of order slot `o` went round again or to the reject lane because every chute of its dock was out of service. */
  itemTurnedAway?(o: number, tick: number): void;
}

/**
 * A unit sorter. Totes queue at the induction and are unpacked one item at a
 * time at the induction rate; items ride to their chute (one per dock; the
 * least full when a dock has several). A mis-sort (seeded draw) puts an item
 * in a wrong chute: it travels to the wrong dock, is found there and comes
 * back for rework. A full chute sends the item round again (up to a lap
 * limit) or straight to the reject lane, from where it is carried to its
 * dock by hand. Chutes are emptied to their dock by a timer (all at once) or
 * by a worker (one item per `ticksPerItem`). A chute out of service (a fault)
 * takes no item: items for it go to another chute of the same dock if there
 * is one in service, else round again or to the reject lane as when full.
 */
export class Sorter implements ToteSink {
  private readonly totes: Fifo;
  /** Items travelling to the chutes: (order, dock, due tick, laps). */
  private readonly transit = new Fifo(4, 64);
  private readonly recirc = new Fifo(4, 64);
  /** Mis-sorted items on their way back to the induction: (order, dock, due tick). */
  private readonly rework = new Fifo(3, 16);
  /** Loose items (back from rework) waiting to be inducted first: (order, dock). */
  private readonly loose = new Fifo(2, 16);
  private readonly reject = new Fifo(3, 16);
  /** Items per chute: (order, dock). */
  readonly chute: Fifo[];
  private readonly chuteProgress: Float64Array;
  private readonly chutesOfDock: Map<number, number[]> = new Map();
  /** 1 while a chute is out of service (a fault): nothing is dropped into it; what is in it is still emptied. */
  readonly chuteOut: Uint8Array;
  /** Per chute: items that went to another chute of their dock because this one was out of service. */
  readonly redirectedFrom: Float64Array;
  /** Per chute: items that went round again or to the reject lane because this one (and every other chute of its dock) was out of service. */
  readonly turnedAwayFrom: Float64Array;
  private tokens = 0;
  /** Whether the front tote has started to be unpacked. */
  private frontStarted = false;
  // Figures.
  totesInducted = 0;
  itemsInducted = 0;
  itemsSorted = 0;
  recirculations = 0;
  rejects = 0;
  missorts = 0;
  /** Ticks each chute spent full. */
  readonly chuteFullTicks: Float64Array;
  readonly chuteMax: Int32Array;
  /** Items sorted into their own dock's chute per simulated hour. */
  readonly sortedPerHour: number[] = [];

  constructor(
    readonly spec: SorterSpec,
    private readonly book: ToteBook,
    private readonly hooks: SorterHooks,
    private readonly rng: Rng,
    private readonly ticksPerHour: number,
  ) {
    this.totes = new Fifo(1, Math.max(4, spec.queueCapacity));
    this.chute = spec.chutes.map((c) => new Fifo(2, Math.min(1024, Math.max(4, c.capacity))));
    this.chuteProgress = new Float64Array(spec.chutes.length);
    this.chuteFullTicks = new Float64Array(spec.chutes.length);
    this.chuteMax = new Int32Array(spec.chutes.length);
    this.chuteOut = new Uint8Array(spec.chutes.length);
    this.redirectedFrom = new Float64Array(spec.chutes.length);
    this.turnedAwayFrom = new Float64Array(spec.chutes.length);
    spec.chutes.forEach((c, k) => {
      const list = this.chutesOfDock.get(c.dock) ?? [];
      list.push(k);
      this.chutesOfDock.set(c.dock, list);
    });
  }

  /** Whether some chute sorts to `dock`. */
  serves(dock: number): boolean {
    return this.chutesOfDock.has(dock);
  }

  /** Totes waiting at the induction. */
  get queued(): number {
    return this.totes.length;
  }

  /** Items out of their totes and still on the sorter (belts, loops, rework, reject lane, chutes). */
  looseItems(): number {
    let n = this.transit.length + this.recirc.length + this.rework.length + this.loose.length + this.reject.length;
    for (const c of this.chute) n += c.length;
    return n;
  }

  canAccept(): boolean {
    return this.totes.length < this.spec.queueCapacity;
  }

  accept(tote: number): void {
    this.totes.push(tote);
  }

  step(tick: number): void {
    this.arrive(tick);
    this.induct(tick);
    this.empty(tick);
    const rej = this.reject;
    while (rej.length > 0 && rej.peek(2) <= tick) {
      this.hooks.itemAtDock(rej.peek(0), rej.peek(1), tick);
      rej.shift();
    }
    for (let k = 0; k < this.chute.length; k++) {
      const len = this.chute[k].length;
      if (len >= this.spec.chutes[k].capacity) this.chuteFullTicks[k]++;
      if (len > this.chuteMax[k]) this.chuteMax[k] = len;
    }
  }

  /** Items reaching the chutes this tick, from the induction belt and from recirculation. */
  private arrive(tick: number): void {
    this.arriveFrom(this.transit, tick);
    this.arriveFrom(this.recirc, tick);
  }

  private arriveFrom(q: Fifo, tick: number): void {
    while (q.length > 0 && q.peek(2) <= tick) {
      const o = q.peek(0);
      const dock = q.peek(1);
      const laps = q.peek(3);
      q.shift();
      this.drop(o, dock, laps, tick);
    }
  }

  private drop(o: number, dock: number, laps: number, tick: number): void {
    const own = this.chutesOfDock.get(dock);
    if (own === undefined) {
      // No chute for this dock: the loader prevents it, but the item still goes somewhere on the books.
      this.toReject(o, dock, tick);
      return;
    }
    // The least full of the dock's chutes; one out of service is passed over for the least full in service.
    let natural = own[0];
    for (const k of own) if (this.chute[k].length < this.chute[natural].length) natural = k;
    let target = natural;
    let redirected = false;
    if (this.chuteOut[natural]) {
      let alt = -1;
      for (const k of own) if (!this.chuteOut[k] && (alt < 0 || this.chute[k].length < this.chute[alt].length)) alt = k;
      if (alt >= 0) {
        target = alt;
        redirected = true;
      }
    }
    const n = this.chute.length;
    const others = n - own.length;
    if (others > 0 && this.spec.missortProbability > 0 && this.rng.next() < this.spec.missortProbability) {
      // A wrong chute: uniformly among the chutes of other docks.
      let pick = Math.floor(this.rng.next() * others);
      for (let k = 0; k < n; k++) {
        if (this.spec.chutes[k].dock === dock) continue;
        if (pick-- === 0) {
          target = k;
          break;
        }
      }
      this.missorts++;
    }
    const out = this.chuteOut[target] === 1;
    if (out || this.chute[target].length >= this.spec.chutes[target].capacity) {
      // A chute out of service takes nothing: as when it is full, the item goes round again or is rejected.
      if (out && this.spec.chutes[target].dock === dock) {
        this.turnedAwayFrom[target]++;
        this.hooks.itemTurnedAway?.(o, tick);
      }
      if (this.spec.onFull === 'recirculate' && laps < this.spec.maxRecirculations) {
        this.recirculations++;
        this.recirc.push(o, dock, tick + this.spec.recirculateTicks, laps + 1);
      } else this.toReject(o, dock, tick);
      return;
    }
    this.chute[target].push(o, dock);
    if (redirected && this.spec.chutes[target].dock === dock) this.redirectedFrom[natural]++;
    if (this.spec.chutes[target].dock !== dock) return;
    // Sorted: into a chute of its own dock (a mis-sorted item counts when it lands right after rework).
    this.itemsSorted++;
    const hour = Math.floor(tick / this.ticksPerHour);
    while (this.sortedPerHour.length <= hour) this.sortedPerHour.push(0);
    this.sortedPerHour[hour]++;
    this.hooks.itemSorted(o, tick);
  }

  private toReject(o: number, dock: number, tick: number): void {
    this.rejects++;
    this.reject.push(o, dock, tick + this.spec.rejectTicks);
  }

  private induct(tick: number): void {
    const rw = this.rework;
    while (rw.length > 0 && rw.peek(2) <= tick) {
      this.loose.push(rw.peek(0), rw.peek(1));
      rw.shift();
    }
    const rate = this.spec.inductPerTick;
    // Capacity accumulates, fractions included; an idle induction banks less than one item, so it cannot burst.
    this.tokens += rate;
    while (this.tokens >= 1) {
      if (this.loose.length > 0) {
        this.transit.push(this.loose.peek(0), this.loose.peek(1), tick + this.spec.transitTicks, 0);
        this.loose.shift();
      } else if (this.totes.length > 0) {
        // Unpack the front tote one item at a time: the tote's count is what is still in it.
        const t = this.totes.peek();
        if (!this.frontStarted) {
          this.frontStarted = true;
          this.totesInducted++;
        }
        if (this.book.items[t] > 0) this.transit.push(this.book.order[t], this.book.dock[t], tick + this.spec.transitTicks, 0);
        if (--this.book.items[t] <= 0) {
          this.book.items[t] = 0;
          this.totes.shift();
          this.frontStarted = false;
          this.hooks.toteEmptied(t, tick);
        }
      } else {
        this.tokens = Math.min(this.tokens, Math.max(0, 1 - rate));
        break;
      }
      this.tokens--;
      this.itemsInducted++;
    }
  }

  private empty(tick: number): void {
    const e = this.spec.emptying;
    for (let k = 0; k < this.chute.length; k++) {
      const c = this.chute[k];
      if (e.kind === 'timer') {
        if (tick % e.everyTicks === 0) while (c.length > 0) this.out(k, tick);
      } else if (c.length > 0) {
        this.chuteProgress[k] += 1;
        while (this.chuteProgress[k] >= e.ticksPerItem && c.length > 0) {
          this.chuteProgress[k] -= e.ticksPerItem;
          this.out(k, tick);
        }
      } else this.chuteProgress[k] = 0;
    }
  }

  /** The front item of chute k goes to the chute's dock; a mis-sorted one is found there and sent back. */
  private out(k: number, tick: number): void {
    const c = this.chute[k];
    const o = c.peek(0);
    const dock = c.peek(1);
    c.shift();
    if (dock === this.spec.chutes[k].dock) this.hooks.itemAtDock(o, dock, tick);
    else this.rework.push(o, dock, tick + this.spec.reworkTicks);
  }
}
