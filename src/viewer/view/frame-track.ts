import type { DecodedFrame } from '../../record/frame-codec.js';

/**
 * The two most recent frames and when the latest arrived, for smooth motion:
 * the viewer draws robots part-way from the previous frame to the latest,
 * taking about as long as the gap between the last two arrivals (one frame
 * of latency buys motion without jumps).
 */
export class FrameTrack {
  prev: DecodedFrame | null = null;
  cur: DecodedFrame | null = null;
  private arrivedAt = 0;
  private span = 100;
  /** Frames received since the viewer last drew. */
  fresh = 0;
  /** Frames received in all. */
  received = 0;

  push(f: DecodedFrame, now: number, paused: boolean): void {
    if (this.cur && f.robotCount === this.cur.robotCount && f.tick >= this.cur.tick) this.prev = this.cur;
    else this.prev = null;
    const gap = now - this.arrivedAt;
    // Paused (single steps): a short, snappy move. Otherwise the last gap, bounded.
    this.span = Math.min(paused ? 200 : 1000, Math.max(16, gap));
    this.arrivedAt = now;
    this.cur = f;
    this.fresh++;
    this.received++;
  }

  /** How far to draw from prev (0) to cur (1). */
  alpha(now: number): number {
    if (!this.prev) return 1;
    return Math.min(1, Math.max(0, (now - this.arrivedAt) / this.span));
  }

  clear(): void {
    this.prev = null;
    this.cur = null;
    this.fresh = 0;
  }
}
