import type { World } from '../core/world.js';
import type { ChainArrays } from '../stalls/stall-chain.js';
import type { DecodedFrame, SectionArray } from './frame-codec.js';

/**
 * Frame sections carrying the wait-for links (docs/stalls.md) of the robots
 * stalled in the frame's tick, one element per stalled robot: most robots
 * are not stalled, so a frame grows by 13 bytes per stalled robot only.
 * Readers that do not know them skip them, so recordings without them stay
 * readable and those with them open in older viewers. They vary in length,
 * so they come after every fixed-size section.
 */
export const enum StallSection {
  /** i32: the stalled robots, ascending. */
  Stalled = 80,
  /** u8: WaitKind of each (1 a robot, 2 a closure, 3 yielded). */
  WaitKind = 81,
  /** i32: robot each waits for, or -1. */
  WaitFor = 82,
  /** i32: cell each wants, or -1. */
  WaitCell = 83,
  /** i32: tick each one's stall episode began. */
  EpisodeStart = 84,
}

/** Fills the stall sections of a world's frames, in scratch of its own. */
export class StallSections {
  private readonly kind: Uint8Array;
  private readonly target: Int32Array;
  private readonly cell: Int32Array;
  private readonly start: Int32Array;

  constructor(n: number) {
    this.kind = new Uint8Array(n);
    this.target = new Int32Array(n);
    this.cell = new Int32Array(n);
    this.start = new Int32Array(n);
  }

  /** The sections for the world as it is now (none for a world run without a StallWatch). */
  sections(w: World): (readonly [number, SectionArray])[] {
    const s = w.stalls;
    if (!s) return [];
    const l = s.links;
    const m = l.stalled;
    for (let k = 0; k < m; k++) {
      const i = l.list[k];
      this.kind[k] = l.kind[i];
      this.target[k] = l.target[i];
      this.cell[k] = l.cell[i];
      this.start[k] = s.episodeStart(i);
    }
    return [
      [StallSection.Stalled, l.list.subarray(0, m)],
      [StallSection.WaitKind, this.kind.subarray(0, m)],
      [StallSection.WaitFor, this.target.subarray(0, m)],
      [StallSection.WaitCell, this.cell.subarray(0, m)],
      [StallSection.EpisodeStart, this.start.subarray(0, m)],
    ];
  }
}

/** A frame's wait-for links per robot, as the chain follower reads them, with each robot's episode start (-1 when not stalled). */
export interface FrameStalls extends ChainArrays {
  episodeStart: Int32Array;
  /** Robots stalled. */
  stalled: number;
}

/**
 * Reads frames' stall sections into per-robot arrays it reuses: the result
 * of one read is valid until the next read of another frame. A viewer part
 * that reads every animation frame keeps one of these.
 */
export class FrameStallsReader {
  private frame: DecodedFrame | null = null;
  private result: FrameStalls | null = null;
  private kind = new Uint8Array(0);
  private target = new Int32Array(0);
  private cell = new Int32Array(0);
  private start = new Int32Array(0);

  /** The frame's links; null when it has no stall sections (an older or a foreign recording) or they do not fit its robots. */
  read(f: DecodedFrame, cellKind: Uint8Array): FrameStalls | null {
    if (f === this.frame && this.result?.cellKind === cellKind) return this.result;
    this.frame = f;
    this.result = this.decode(f, cellKind);
    return this.result;
  }

  private decode(f: DecodedFrame, cellKind: Uint8Array): FrameStalls | null {
    const n = f.robotCount;
    const ids = f.sections.get(StallSection.Stalled);
    const kind = f.sections.get(StallSection.WaitKind);
    const target = f.sections.get(StallSection.WaitFor);
    const cell = f.sections.get(StallSection.WaitCell);
    const start = f.sections.get(StallSection.EpisodeStart);
    if (!(ids instanceof Int32Array) || !(kind instanceof Uint8Array) || !(target instanceof Int32Array) || !(cell instanceof Int32Array) || !(start instanceof Int32Array)) return null;
    const m = ids.length;
    if (m > n || kind.length !== m || target.length !== m || cell.length !== m || start.length !== m) return null;
    if (this.kind.length !== n) {
      this.kind = new Uint8Array(n);
      this.target = new Int32Array(n);
      this.cell = new Int32Array(n);
      this.start = new Int32Array(n);
    }
    this.kind.fill(0);
    this.target.fill(-1);
    this.cell.fill(-1);
    this.start.fill(-1);
    for (let k = 0; k < m; k++) {
      const i = ids[k];
      // Ascending robots of the frame, links to robots of the frame: a reader following them stays inside the arrays.
      if (i < 0 || i >= n || (k > 0 && i <= ids[k - 1]) || target[k] < -1 || target[k] >= n || kind[k] < 1 || kind[k] > 3) return null;
      this.kind[i] = kind[k];
      this.target[i] = target[k];
      this.cell[i] = cell[k];
      this.start[i] = start[k];
    }
    return { waitKind: this.kind, waitFor: this.target, waitCell: this.cell, cell: f.cell, state: f.state, cellKind, episodeStart: this.start, stalled: m };
  }
}
