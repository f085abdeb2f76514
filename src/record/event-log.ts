import type { FrameEvents } from './frame-codec.js';
import { grown } from '../core/grow.js';

/** The events of one tick as the engine's EventBuffer holds them. */
export interface TickEvents {
  count: number;
  kind: Uint8Array;
  a: Int32Array;
  b: Int32Array;
}

/** Events kept per reader before they are only counted. */
export const DEFAULT_EVENT_LIMIT = 8192;

/**
 * The discrete events a reader has not been sent yet, across however many
 * ticks passed since its last frame. Telemetry (robot positions) can be
 * dropped for a slow reader, events should not; but a reader that falls far
 * behind must not make us hold an unbounded list either, so past `limit`
 * events only a count per kind is kept. Memory is bounded by `limit`.
 */
export class EventLog implements FrameEvents {
  count = 0;
  tick: Int32Array;
  kind: Uint8Array;
  a: Int32Array;
  b: Int32Array;
  /** Indexed by event kind (a byte). */
  readonly dropped = new Uint32Array(256);
  private droppedAny = false;

  constructor(readonly limit = DEFAULT_EVENT_LIMIT) {
    const initial = Math.min(limit, 256);
    this.tick = new Int32Array(initial);
    this.kind = new Uint8Array(initial);
    this.a = new Int32Array(initial);
    this.b = new Int32Array(initial);
  }

  /** Appends the events of `tick`. */
  add(tick: number, e: TickEvents): void {
    for (let k = 0; k < e.count; k++) {
      if (this.count === this.limit) {
        this.dropped[e.kind[k]]++;
        this.droppedAny = true;
        continue;
      }
      if (this.count === this.kind.length) this.grow();
      const i = this.count++;
      this.tick[i] = tick;
      this.kind[i] = e.kind[k];
      this.a[i] = e.a[k];
      this.b[i] = e.b[k];
    }
  }

  /** Events counted but not kept, in total. */
  get droppedTotal(): number {
    let s = 0;
    if (this.droppedAny) for (let k = 0; k < 256; k++) s += this.dropped[k];
    return s;
  }

  clear(): void {
    this.count = 0;
    if (this.droppedAny) this.dropped.fill(0);
    this.droppedAny = false;
  }

  private grow(): void {
    const size = Math.min(this.limit, this.kind.length * 2);
    this.tick = grown(this.tick, size);
    this.kind = grown(this.kind, size);
    this.a = grown(this.a, size);
    this.b = grown(this.b, size);
  }
}
