import type { World } from '../core/world.js';
import type { ChainArrays } from '../fleet/stall-chain.js';
import type { DecodedFrame, SectionArray } from './frame-codec.js';

/**
 * Frame sections carrying the wait-for links (docs/stalls.md), one element
 * per robot. Readers that do not know them skip them, so recordings without
 * them stay readable and those with them open in older viewers.
 */
export const enum StallSection {
  /** u8: WaitKind (0 not stalled, 1 a robot, 2 a closure, 3 yielded). */
  WaitKind = 80,
  /** i32: robot waited for, or -1. */
  WaitFor = 81,
  /** i32: cell wanted, or -1. */
  WaitCell = 82,
  /** i32: tick the robot's stall episode began, or -1. */
  EpisodeStart = 83,
}

/** Fills the stall sections of a world's frames, in scratch of its own (the episode starts are not kept per robot by the engine). */
export class StallSections {
  private readonly start: Int32Array;

  constructor(n: number) {
    this.start = new Int32Array(n).fill(-1);
  }

  /** The sections for the world as it is now (none for a world run without a StallWatch). */
  sections(w: World): (readonly [number, SectionArray])[] {
    const s = w.stalls;
    if (!s) return [];
    for (let i = 0; i < this.start.length; i++) this.start[i] = s.episodeStart(i);
    const l = s.links;
    return [
      [StallSection.WaitKind, l.kind],
      [StallSection.WaitFor, l.target],
      [StallSection.WaitCell, l.cell],
      [StallSection.EpisodeStart, this.start],
    ];
  }
}

/** A frame's wait-for links, as the chain follower reads them, with each robot's episode start; null when the frame has none. */
export interface FrameStalls extends ChainArrays {
  episodeStart: Int32Array;
}

/** Reads the stall sections of a decoded frame; null when absent or not one per robot (an older or a foreign recording). */
export function frameStalls(f: DecodedFrame, cellKind: Uint8Array): FrameStalls | null {
  const n = f.robotCount;
  const kind = f.sections.get(StallSection.WaitKind);
  const target = f.sections.get(StallSection.WaitFor);
  const cell = f.sections.get(StallSection.WaitCell);
  const start = f.sections.get(StallSection.EpisodeStart);
  if (!(kind instanceof Uint8Array) || !(target instanceof Int32Array) || !(cell instanceof Int32Array) || !(start instanceof Int32Array)) return null;
  if (kind.length !== n || target.length !== n || cell.length !== n || start.length !== n) return null;
  // Links must point at robots of the frame: a reader following them stays inside the arrays.
  for (let i = 0; i < n; i++) if (target[i] >= n || target[i] < -1) return null;
  return { waitKind: kind, waitFor: target, waitCell: cell, cell: f.cell, state: f.state, cellKind, episodeStart: start };
}
