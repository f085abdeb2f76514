import type { DecodedFrame } from '../../record/frame-codec.js';

/** EventKind.OrderDone (src/core/events.ts): b carries the order's cycle time in ticks. */
const ORDER_DONE = 1;

/** The figures shown when a run ends. */
export interface FinalKpis {
  /** Simulated seconds at the last frame. */
  seconds: number;
  completed: number;
  open: number;
  /** Orders completed per simulated hour over the whole run. */
  ordersPerHour: number;
  /** Cycle-time percentiles (seconds) of the orders seen; NaN when none were. */
  p50: number;
  p95: number;
  /** The page missed part of the run (joined late, or jumped ahead in a recording): the percentiles cover the orders it saw. */
  partial: boolean;
}

function percentile(sorted: number[], q: number): number {
  if (sorted.length === 0) return NaN;
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil(q * sorted.length) - 1))];
}

/**
 * Whole-run figures built from the frames a viewer receives: every order's
 * cycle time from the order-done events (frames carry the events of the
 * ticks they cover, so sampling loses none). Robot utilisation is left out:
 * frames sample the fleet's states, and at high speed the sample is far
 * from the report's tick-by-tick figure. A frame from before the last one starts it over (a restart, or a
 * recording scrubbed back).
 */
export class RunSummary {
  private cycles: number[] = [];
  private lastTick = -1;
  private gap = false;

  constructor(private readonly tickSeconds: number) {}

  add(f: DecodedFrame): void {
    if (f.tick <= this.lastTick) this.reset();
    // Frames cover the ticks since the one before; anything further back was not seen.
    const from = f.tick - Math.max(1, f.ticksCovered);
    if (from > Math.max(0, this.lastTick)) this.gap = true;
    this.lastTick = f.tick;
    const e = f.events;
    for (let k = 0; k < e.count; k++) if (e.kind[k] === ORDER_DONE) this.cycles.push(e.b[k] * this.tickSeconds);
  }

  reset(): void {
    this.cycles = [];
    this.lastTick = -1;
    this.gap = false;
  }

  /** The figures as of frame `f` (the last one). */
  final(f: DecodedFrame): FinalKpis {
    const sorted = this.cycles.slice().sort((a, b) => a - b);
    return {
      seconds: f.time,
      completed: f.ordersCompleted,
      open: f.ordersOpen,
      ordersPerHour: f.time > 0 ? (f.ordersCompleted * 3600) / f.time : 0,
      p50: percentile(sorted, 0.5),
      p95: percentile(sorted, 0.95),
      partial: this.gap,
    };
  }
}
