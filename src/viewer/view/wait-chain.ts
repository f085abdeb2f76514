import type { DecodedFrame } from '../../record/frame-codec.js';
import { LorrSection } from '../../record/lorr-info.js';

/** Longest chain followed: past this the arrows say nothing more. */
const MAX_HOPS = 64;

export interface WaitChain {
  /** Agents in wait-for order: chain[k] waits for chain[k + 1]. Just the start agent when it waits for nobody. */
  agents: number[];
  /** The last agent waits for one earlier in the chain: a deadlock cycle. */
  cycle: boolean;
}

/**
 * Occupancy of a frame: per cell the agent standing there, or -1. Fills
 * `occ` (one entry per cell) and returns it, so the caller keeps one array.
 */
export function occupancy(cell: Int32Array, n: number, occ: Int32Array): Int32Array {
  occ.fill(-1);
  for (let i = 0; i < n; i++) {
    const c = cell[i];
    if (c >= 0 && c < occ.length) occ[c] = i;
  }
  return occ;
}

/**
 * The wait-for chain from `from`, computed from the paths: an agent waits
 * for the agent standing in the cell its next forward move goes into, and
 * that one for the next, followed until an agent whose next cell is free
 * (or who never moves again), or back to an agent already in the chain.
 */
export function waitChain(cell: Int32Array, next: Int32Array, occ: Int32Array, from: number): WaitChain {
  const agents = [from];
  let a = from;
  for (let hop = 0; hop < MAX_HOPS; hop++) {
    const to = next[a];
    if (to === cell[a] || to < 0 || to >= occ.length) break;
    const b = occ[to];
    if (b < 0 || b === a) break;
    const seen = agents.indexOf(b);
    agents.push(b);
    if (seen >= 0) return { agents, cycle: true };
    a = b;
  }
  return { agents, cycle: false };
}

/** The per-agent next cells of a LoRR frame, or null for frames without them (warehouse runs). */
export function nextCells(f: DecodedFrame): Int32Array | null {
  const s = f.sections.get(LorrSection.NextCell);
  return s instanceof Int32Array && s.length === f.robotCount ? s : null;
}

/** The per-agent tasks of a LoRR frame (-1: none), or null. */
export function tasksOf(f: DecodedFrame): Int32Array | null {
  const s = f.sections.get(LorrSection.Task);
  return s instanceof Int32Array && s.length === f.robotCount ? s : null;
}
