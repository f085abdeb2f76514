import { Fifo } from './fifo.js';
import type { ToteSink } from './network.js';

/** A conveyor segment as the engine sees it: resolved to ticks and tote counts. */
export interface ConveyorSpec {
  name: string;
  /** Ticks a tote takes from one end to the other (length / speed). */
  travelTicks: number;
  /** Totes the segment holds at once (accumulation capacity). */
  capacity: number;
  /** Ticks between two totes entering (spacing at the infeed); at least 1. */
  gapTicks: number;
}

/**
 * A directed accumulating conveyor segment. Totes enter at the infeed while
 * there is room and spacing, ride for `travelTicks`, and queue at the
 * discharge end until the next node accepts them. A full segment refuses
 * totes, so a blocked discharge backs totes up segment by segment: the ticks
 * a ready tote waits at the discharge are the segment's blocked time. A
 * jammed segment (a fault) stops: it accepts and discharges nothing and its
 * totes' rides pause; those ticks are its jam time, not blocked time.
 */
export class Conveyor implements ToteSink {
  /** (tote, tick it entered) in order along the belt. */
  private readonly belt: Fifo;
  /** Tick set by the network before each tick's steps (canAccept has no tick argument). */
  now = 0;
  private lastEntry = -Infinity;
  /** True while the segment is jammed (a fault): it neither accepts nor discharges, and its totes do not advance. */
  jammed = false;
  /** Ticks spent jammed so far: the belt's own clock is the tick minus this, so a jam pauses every tote's ride. */
  jamTicks = 0;
  // Figures.
  totesIn = 0;
  totesOut = 0;
  /** Ticks the tote at the discharge was ready but the next node refused it. */
  blockedTicks = 0;
  /** Sum over ticks of totes on the belt (for mean occupancy). */
  occupancySum = 0;
  /** Ticks with at least one tote on the belt. */
  busyTicks = 0;
  maxOccupancy = 0;

  constructor(readonly spec: ConveyorSpec) {
    this.belt = new Fifo(2, Math.min(1024, Math.max(4, spec.capacity)));
  }

  get count(): number {
    return this.belt.length;
  }

  /** The k-th tote from the discharge end and how far it has travelled (0..1), for viewers. */
  toteAt(k: number, tick: number): { tote: number; progress: number } {
    const entered = this.belt.at(k, 1);
    const t = this.spec.travelTicks;
    return { tote: this.belt.at(k, 0), progress: t <= 0 ? 1 : Math.min(1, (tick - this.jamTicks - entered) / t) };
  }

  /** Totes on the belt now, front (discharge end) first. */
  totes(): number[] {
    const out: number[] = [];
    for (let k = 0; k < this.belt.length; k++) out.push(this.belt.at(k, 0));
    return out;
  }

  canAccept(): boolean {
    return !this.jammed && this.belt.length < this.spec.capacity && this.now - this.lastEntry >= this.spec.gapTicks;
  }

  accept(tote: number, tick: number): void {
    // Entry is stamped on the belt's clock (jams excluded).
    this.belt.push(tote, tick - this.jamTicks);
    this.lastEntry = tick;
    this.totesIn++;
    if (this.belt.length > this.maxOccupancy) this.maxOccupancy = this.belt.length;
  }

  /**
   * One tick: the tote at the discharge leaves if it has ridden the whole
   * length and `next(tote)` accepts it. One tote leaves per tick at most.
   */
  step(tick: number, next: (tote: number) => ToteSink): void {
    const belt = this.belt;
    if (this.jammed) {
      // Jammed: nothing moves; the time is counted as jam time, apart from blocked time.
      this.jamTicks++;
      if (belt.length > 0) {
        this.busyTicks++;
        this.occupancySum += belt.length;
      }
      return;
    }
    if (belt.length > 0) {
      this.busyTicks++;
      this.occupancySum += belt.length;
      const tote = belt.peek(0);
      if (tick - this.jamTicks - belt.peek(1) >= this.spec.travelTicks) {
        const sink = next(tote);
        if (sink.canAccept(tote)) {
          belt.shift();
          this.totesOut++;
          sink.accept(tote, tick);
        } else this.blockedTicks++;
      }
    }
  }
}
