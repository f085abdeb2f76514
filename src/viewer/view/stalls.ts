import { followChain, type StallCause } from '../../stalls/stall-chain.js';
import type { LayoutInfo } from '../../record/layout-info.js';
import type { FrameStalls } from '../../record/stall-sections.js';

/** The cell kinds the chain follower tells apart (stations and chargers), from the layout's rows. */
export function layoutCellKinds(l: LayoutInfo): Uint8Array {
  const kinds = new Uint8Array(l.width * l.height);
  // CellKind.Station = 3, CellKind.Charger = 4; nothing else changes a chain's cause.
  for (let r = 0; r < l.height; r++) {
    const row = l.rows[r] ?? '';
    for (let c = 0; c < l.width; c++) kinds[r * l.width + c] = row[c] === 'P' ? 3 : row[c] === 'C' ? 4 : 0;
  }
  return kinds;
}

/** A stall going on in a frame: its longest chain, from the robot at its tail. */
export interface CurrentStall {
  /** The robot at the tail of the chain (nobody stalled waits for it). */
  robot: number;
  chain: number[];
  cells: number[];
  cause: StallCause;
  /** Tick the episode began. */
  startTick: number;
}

/**
 * The stalls of a frame, longest first (ties: earlier start, then the lower
 * robot id): one per episode and blocker, with the longest chain into it.
 * Robots in a cycle nobody else waits for are followed from their lowest id.
 */
export function currentStalls(fs: FrameStalls, limit: number): CurrentStall[] {
  const n = fs.waitKind.length;
  const waited = new Uint8Array(n);
  for (let i = 0; i < n; i++) if (fs.waitKind[i] === 1 && fs.waitFor[i] >= 0) waited[fs.waitFor[i]] = 1;
  const seen = new Uint8Array(n);
  const best = new Map<string, CurrentStall>();
  const take = (i: number) => {
    const c = followChain(fs, i);
    for (const j of c.robots) seen[j] = 1;
    // What holds the chain up: its last robot, or for a cycle the cycle itself (its lowest robot, tails aside).
    const last = c.robots[c.robots.length - 1];
    const end = c.cause === 'cycle' ? Math.min(...c.robots.slice(c.robots.indexOf(last))) : last;
    const key = `${fs.episodeStart[i]}:${end}`;
    const had = best.get(key);
    if (!had || c.robots.length > had.chain.length) best.set(key, { robot: i, chain: c.robots, cells: c.cells, cause: c.cause, startTick: fs.episodeStart[i] });
  };
  for (let i = 0; i < n; i++) if (fs.waitKind[i] !== 0 && !waited[i]) take(i);
  for (let i = 0; i < n; i++) if (fs.waitKind[i] !== 0 && !seen[i]) take(i);
  return [...best.values()].sort((a, b) => a.startTick - b.startTick || a.robot - b.robot).slice(0, limit);
}

/** One arrow of a wait-for graph: robot `from` waits for robot `to`, or (to = -1) for the cell `cell`. */
export interface WaitEdge {
  from: number;
  to: number;
  cell: number;
  /** 1 a robot, 2 a closure, 3 yielded (WaitKind). */
  kind: number;
}

/**
 * The arrows around robot `robot`: its chain onwards (what it waits for,
 * and so on) and every robot that waits for it, directly or down a chain
 * (for a robot in a cycle: for any robot of the cycle), at most `max`
 * arrows. `cycle` says whether its chain closes on itself.
 */
export function chainEdges(fs: FrameStalls, robot: number, max: number): { edges: WaitEdge[]; cycle: boolean } {
  const n = fs.waitKind.length;
  const edges: WaitEdge[] = [];
  const onward = followChain(fs, robot);
  // A cycle names the robot it comes back to twice: one arrow each.
  const last = onward.cause === 'cycle' ? onward.robots.length - 1 : onward.robots.length;
  for (let m = 0; m < last; m++) {
    const j = onward.robots[m];
    const k = fs.waitKind[j];
    if (k === 0 || edges.length >= max) continue;
    edges.push({ from: j, to: k === 1 ? fs.waitFor[j] : -1, cell: fs.waitCell[j], kind: k });
  }
  // Robots waiting for it: breadth-first over the reversed links, built in one pass.
  const head = new Int32Array(n).fill(-1);
  const next = new Int32Array(n).fill(-1);
  for (let i = 0; i < n; i++) {
    if (fs.waitKind[i] !== 1) continue;
    const t = fs.waitFor[i];
    if (t < 0 || t >= n) continue;
    next[i] = head[t];
    head[t] = i;
  }
  const seen = new Uint8Array(n);
  for (const j of onward.robots) seen[j] = 1;
  // A robot in a cycle is held up by every robot queued into any robot of the cycle.
  const inCycle = onward.cause === 'cycle' && onward.robots.indexOf(onward.robots[onward.robots.length - 1]) === 0;
  const queue = inCycle ? onward.robots.slice(0, -1) : [robot];
  for (let q = 0; q < queue.length && edges.length < max; q++) {
    for (let i = head[queue[q]]; i >= 0 && edges.length < max; i = next[i]) {
      if (seen[i]) continue;
      seen[i] = 1;
      edges.push({ from: i, to: queue[q], cell: fs.waitCell[i], kind: 1 });
      queue.push(i);
    }
  }
  return { edges, cycle: onward.cause === 'cycle' };
}
