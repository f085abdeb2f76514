import type { DecodedFrame } from './frame-codec.js';

/** EventKind.OrderDone: b carries the order's cycle time in ticks. */
const ORDER_DONE = 1;
/** Robot states counted as busy (to a pod, to a station, picking, to storage), as the report counts utilisation. */
const BUSY_FROM = 1;
const BUSY_TO = 4;
/** Points kept per series. */
const MAX_POINTS = 240;
/** Candidate chart intervals in seconds: the first giving at most ~120 points over the run is used. */
const INTERVALS = [10, 30, 60, 120, 300, 600, 900, 1800, 3600, 7200];

export interface KpiPoint {
  /** Simulated seconds at the end of the interval. */
  t: number;
  /** Orders completed per hour over the interval. */
  throughput: number;
  /** Open orders at the end of the interval. */
  backlog: number;
  /** Share of robots busy, averaged over the frames seen in the interval. */
  utilisation: number;
  /** Cycle-time percentiles (seconds) of orders completed in the interval; NaN when none were. */
  p50: number;
  p95: number;
}

/** A series' whole state at one frame: recordings store it in keyframes so a seek shows the run up to there. */
export interface KpiSnapshot {
  points: KpiPoint[];
  start: number;
  doneAtStart: number;
  utilSum: number;
  utilFrames: number;
  cycles: number[];
  lastTick: number;
  backlog: number;
  utilisation: number;
}

function percentile(sorted: number[], q: number): number {
  if (sorted.length === 0) return NaN;
  const k = Math.min(sorted.length - 1, Math.max(0, Math.ceil(q * sorted.length) - 1));
  return sorted[k];
}

/** Share of the first n robots in a busy state. */
export function busyShare(state: Uint8Array, n: number): number {
  if (n === 0) return 0;
  let busy = 0;
  for (let i = 0; i < n; i++) if (state[i] >= BUSY_FROM && state[i] <= BUSY_TO) busy++;
  return busy / n;
}

/**
 * Turns the frames a viewer receives into KPI series per simulated interval.
 * Works on sampled frames: throughput comes from the completed-orders
 * counter (exact whatever was skipped), cycle times from the order-done
 * events carried with the frames.
 */
export class KpiSeries {
  readonly intervalTicks: number;
  readonly points: KpiPoint[] = [];
  private start = -1;
  private doneAtStart = 0;
  private utilSum = 0;
  private utilFrames = 0;
  private cycles: number[] = [];
  private lastTick = -1;
  /** Latest instantaneous values. */
  backlog = 0;
  utilisation = 0;

  constructor(
    private readonly tickSeconds: number,
    totalTicks: number,
  ) {
    const total = totalTicks * tickSeconds;
    const secs = INTERVALS.find((s) => total / s <= 120) ?? INTERVALS[INTERVALS.length - 1];
    this.intervalTicks = Math.max(1, Math.round(secs / tickSeconds));
  }

  add(f: DecodedFrame): void {
    if (f.tick < this.lastTick) this.reset();
    this.lastTick = f.tick;
    if (this.start < 0) {
      this.start = f.tick;
      this.doneAtStart = f.ordersCompleted;
    }
    const e = f.events;
    for (let k = 0; k < e.count; k++) if (e.kind[k] === ORDER_DONE) this.cycles.push(e.b[k] * this.tickSeconds);
    this.utilisation = busyShare(f.state, f.robotCount);
    this.backlog = f.ordersOpen;
    this.utilSum += this.utilisation;
    this.utilFrames++;
    const span = f.tick - this.start;
    if (span >= this.intervalTicks) {
      this.cycles.sort((a, b) => a - b);
      this.points.push({
        t: f.time,
        throughput: ((f.ordersCompleted - this.doneAtStart) * 3600) / (span * this.tickSeconds),
        backlog: f.ordersOpen,
        utilisation: this.utilSum / this.utilFrames,
        p50: percentile(this.cycles, 0.5),
        p95: percentile(this.cycles, 0.95),
      });
      if (this.points.length > MAX_POINTS) this.points.shift();
      this.start = f.tick;
      this.doneAtStart = f.ordersCompleted;
      this.utilSum = 0;
      this.utilFrames = 0;
      this.cycles = [];
    }
  }

  /** The series' state, to restore later (a copy: the series goes on changing). */
  snapshot(): KpiSnapshot {
    return {
      points: this.points.map((p) => ({ ...p })),
      start: this.start,
      doneAtStart: this.doneAtStart,
      utilSum: this.utilSum,
      utilFrames: this.utilFrames,
      cycles: this.cycles.slice(),
      lastTick: this.lastTick,
      backlog: this.backlog,
      utilisation: this.utilisation,
    };
  }

  /** Takes over a snapshot's state: the series continues as if it had seen every frame up to the snapshot's. */
  restore(s: KpiSnapshot): void {
    this.points.length = 0;
    for (const p of s.points.slice(-MAX_POINTS)) this.points.push({ ...p });
    this.start = s.start;
    this.doneAtStart = s.doneAtStart;
    this.utilSum = s.utilSum;
    this.utilFrames = s.utilFrames;
    this.cycles = s.cycles.slice();
    this.lastTick = s.lastTick;
    this.backlog = s.backlog;
    this.utilisation = s.utilisation;
  }

  reset(): void {
    this.points.length = 0;
    this.start = -1;
    this.utilSum = 0;
    this.utilFrames = 0;
    this.cycles = [];
    this.lastTick = -1;
  }
}
