import { grown } from '../core/grow.js';

/**
 * Order release: continuous (an order goes to picking the tick it arrives)
 * or in waves at times of day (orders arriving between waves are held and
 * all go at the next wave). Held orders are released highest priority
 * first, in order of arrival within a priority, so the order-to-station
 * assignment sees the urgent ones first.
 */

/**
 * The first tick at or after `from` that falls on one of `times` (ticks
 * after midnight, ascending) on the site's clock, which reads
 * `startOfDayTick` at tick 0 and repeats every `dayTicks`.
 */
export function nextTimeOfDay(from: number, times: readonly number[], dayTicks: number, startOfDayTick: number): number {
  const clock = from + startOfDayTick;
  const day = Math.floor(clock / dayTicks);
  const inDay = clock - day * dayTicks;
  for (const c of times) if (c >= inDay) return Math.ceil(day * dayTicks + c - startOfDayTick);
  return Math.ceil((day + 1) * dayTicks + times[0] - startOfDayTick);
}

/** Orders arrived and not yet released, one queue per rank (0 = highest priority): arrival tick and class. */
export class HeldOrders {
  private arrival: Int32Array[];
  private cls: Int32Array[];
  private readonly len: Int32Array;

  constructor(ranks: number) {
    this.arrival = Array.from({ length: ranks }, () => new Int32Array(64));
    this.cls = Array.from({ length: ranks }, () => new Int32Array(64));
    this.len = new Int32Array(ranks);
  }

  /** Orders held now. */
  get size(): number {
    let n = 0;
    for (let r = 0; r < this.len.length; r++) n += this.len[r];
    return n;
  }

  /** Orders of class `k` held now. */
  heldOf(k: number): number {
    let n = 0;
    for (let r = 0; r < this.len.length; r++) for (let j = 0; j < this.len[r]; j++) if (this.cls[r][j] === k) n++;
    return n;
  }

  /** Holds an order of class `k` (rank `rank`) that arrived at `tick`. */
  hold(rank: number, tick: number, k: number): void {
    const n = this.len[rank];
    if (n === this.arrival[rank].length) {
      this.arrival[rank] = grown(this.arrival[rank], n * 2);
      this.cls[rank] = grown(this.cls[rank], n * 2);
    }
    this.arrival[rank][n] = tick;
    this.cls[rank][n] = k;
    this.len[rank] = n + 1;
  }

  /** Hands every held order to `open` (arrival tick, class), highest priority first, then empties the queues. */
  releaseAll(open: (arrival: number, k: number) => void): void {
    for (let r = 0; r < this.len.length; r++) {
      const n = this.len[r];
      const arrival = this.arrival[r];
      const cls = this.cls[r];
      for (let j = 0; j < n; j++) open(arrival[j], cls[j]);
      this.len[r] = 0;
    }
  }
}
