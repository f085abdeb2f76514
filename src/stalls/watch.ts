import type { World } from '../core/world.js';
import { followChain, type ChainArrays, type StallChain, type StallCause } from './stall-chain.js';
import { WaitFor, WaitKind } from './wait-for.js';

/** Longest episodes kept for the report. */
export const STALLS_KEPT = 20;

/** A stall episode that lasted longer than the threshold. */
export interface StallEpisode {
  /** First tick a robot of it stood still. */
  startTick: number;
  /** Ticks from the first robot stopping to the last one moving on (to now while it lasts). */
  ticks: number;
  /** Robot-ticks stood still in it. */
  robotTicks: number;
  /** Robots stalled in it once it had passed the threshold, ascending. */
  robots: number[];
  /** The wait-for chain at its last look (taken every threshold while it lasts), from its deepest robot. */
  chain: number[];
  cells: number[];
  cause: StallCause;
  /** Still going when the figures were taken. */
  open: boolean;
}

/**
 * Stall episodes over a run. Each tick, after movement, the wait-for links
 * are worked out (WaitFor); a robot that is stalled and was not in the last
 * tick starts a run of standing still. The new run joins the episode of the
 * first robot down its chain that is already in one, or else opens an
 * episode with the other new runs on its chain; a robot leaves its episode
 * when it moves on (or stops being stalled), and an episode ends when its
 * last robot leaves. So robots queued behind one blocker make one episode,
 * and an episode lasts from its first robot stopping to its last one moving.
 * Episodes longer than `thresholdTicks` are counted and the longest kept.
 *
 * Per-robot state is typed arrays, and so is the pool of open episodes
 * (never more than robots): the tick loop allocates nothing until an episode
 * passes the threshold.
 */
export class StallWatch {
  readonly links: WaitFor;
  /** Episode per robot, or -1. */
  readonly episode: Int32Array;
  /** Tick each stalled robot's current run began. */
  readonly since: Int32Array;
  private readonly mark: Int32Array;
  private readonly stack: Int32Array;
  // Intrusive list of each episode's robots.
  private readonly nextMember: Int32Array;
  private readonly prevMember: Int32Array;
  // Episode pool, indexed by slot.
  private readonly epStart: Int32Array;
  private readonly epHead: Int32Array;
  private readonly epMembers: Int32Array;
  private readonly epRobotTicks: Float64Array;
  private readonly epNextLook: Int32Array;
  private readonly epLong: (StallEpisode | null)[];
  private readonly freeSlots: Int32Array;
  private freeTop: number;
  /** Episodes longer than the threshold that have ended. */
  ended = 0;
  /** Robot-ticks stalled in ended episodes longer than the threshold. */
  endedRobotTicks = 0;
  /** Longest ended episode (any length), in ticks. */
  endedMaxTicks = 0;
  /** The longest ended episodes longer than the threshold, longest first (at most STALLS_KEPT). */
  readonly longest: StallEpisode[] = [];
  private readonly arrays: ChainArrays;
  /** Robots waited for by another of the episode being looked at (stamped per look). */
  private readonly waited: Int32Array;
  private lookStamp = 0;
  /** Robots stalled in the last tick (the first `wasCount`). */
  private readonly was: Int32Array;
  private wasCount = 0;

  constructor(
    w: World,
    readonly thresholdTicks: number,
  ) {
    const n = w.robots.n;
    this.links = new WaitFor(n);
    this.episode = new Int32Array(n).fill(-1);
    this.since = new Int32Array(n).fill(-1);
    this.mark = new Int32Array(n);
    this.stack = new Int32Array(n);
    this.nextMember = new Int32Array(n).fill(-1);
    this.prevMember = new Int32Array(n).fill(-1);
    this.epStart = new Int32Array(n);
    this.epHead = new Int32Array(n).fill(-1);
    this.epMembers = new Int32Array(n);
    this.epRobotTicks = new Float64Array(n);
    this.epNextLook = new Int32Array(n);
    this.epLong = new Array(n).fill(null);
    this.freeSlots = new Int32Array(n);
    this.waited = new Int32Array(n);
    this.was = new Int32Array(n);
    for (let s = 0; s < n; s++) this.freeSlots[s] = n - 1 - s;
    this.freeTop = n;
    const l = this.links;
    this.arrays = { waitKind: l.kind, waitFor: l.target, waitCell: l.cell, cell: w.robots.cell, state: w.robots.state, cellKind: w.grid.kind };
  }

  /** The planner's proposals, before movement overwrites the cancelled ones. */
  beforeMove(w: World): void {
    this.links.capture(w.robots);
  }

  /** After movement: links, then robots leaving and joining episodes. */
  afterMove(w: World): void {
    const tick = w.tick;
    const l = this.links;
    l.update(w);
    const kind = l.kind;
    const ep = this.episode;
    // Every robot in an episode was stalled in the last tick: only those can leave.
    const was = this.was;
    for (let k = 0; k < this.wasCount; k++) {
      const i = was[k];
      if (kind[i] === WaitKind.None && ep[i] >= 0) this.leave(i, tick);
    }
    const now = l.list;
    const stalled = l.stalled;
    for (let k = 0; k < stalled; k++) {
      const i = now[k];
      was[k] = i;
      let e = ep[i];
      if (e < 0) e = this.join(i, tick);
      // Look at the chain once the episode passes the threshold, and again every threshold while it lasts.
      if (tick - this.epStart[e] + 1 >= this.epNextLook[e]) this.look(e, tick);
    }
    this.wasCount = stalled;
  }

  /** Robot i, stalled this tick and in no episode, joins one down its chain or opens one with the new runs on it. */
  private join(i: number, tick: number): number {
    const { kind, target } = this.links;
    const ep = this.episode;
    const stamp = tick + 1;
    let top = 0;
    let e = -1;
    let j = i;
    for (;;) {
      if (ep[j] >= 0) {
        e = ep[j];
        break;
      }
      // Marked this tick and in no episode: on this walk, so the chain closed on itself.
      if (this.mark[j] === stamp) break;
      this.mark[j] = stamp;
      this.stack[top++] = j;
      if (kind[j] !== WaitKind.Robot) break;
      const t = target[j];
      if (kind[t] === WaitKind.None) break;
      j = t;
    }
    if (e < 0) e = this.open(tick);
    const long = this.epLong[e];
    for (let k = 0; k < top; k++) {
      const m = this.stack[k];
      ep[m] = e;
      this.since[m] = tick;
      const head = this.epHead[e];
      this.nextMember[m] = head;
      this.prevMember[m] = -1;
      if (head >= 0) this.prevMember[head] = m;
      this.epHead[e] = m;
      this.epMembers[e]++;
      if (long !== null) insertSorted(long.robots, m);
    }
    return e;
  }

  private open(tick: number): number {
    const e = this.freeSlots[--this.freeTop];
    this.epStart[e] = tick;
    this.epHead[e] = -1;
    this.epMembers[e] = 0;
    this.epRobotTicks[e] = 0;
    this.epNextLook[e] = this.thresholdTicks + 1;
    this.epLong[e] = null;
    return e;
  }

  /** Robot i moved on (or stopped being stalled) at `tick`. */
  private leave(i: number, tick: number): void {
    const e = this.episode[i];
    this.episode[i] = -1;
    this.epRobotTicks[e] += tick - this.since[i];
    this.since[i] = -1;
    const p = this.prevMember[i];
    const q = this.nextMember[i];
    if (p >= 0) this.nextMember[p] = q;
    else this.epHead[e] = q;
    if (q >= 0) this.prevMember[q] = p;
    if (--this.epMembers[e] > 0) return;
    const ticks = tick - this.epStart[e];
    if (ticks > this.endedMaxTicks) this.endedMaxTicks = ticks;
    const long = this.epLong[e];
    if (long !== null) {
      long.ticks = ticks;
      long.robotTicks = this.epRobotTicks[e];
      long.open = false;
      this.ended++;
      this.endedRobotTicks += long.robotTicks;
      keepLongest(this.longest, long);
    }
    this.epLong[e] = null;
    this.freeSlots[this.freeTop++] = e;
  }

  /** Takes the chain of episode e from its deepest robot; the first look makes it a long episode. */
  private look(e: number, tick: number): void {
    this.epNextLook[e] += this.thresholdTicks;
    let long = this.epLong[e];
    if (long === null) {
      const robots: number[] = [];
      for (let m = this.epHead[e]; m >= 0; m = this.nextMember[m]) robots.push(m);
      robots.sort((a, b) => a - b);
      long = { startTick: this.epStart[e], ticks: 0, robotTicks: 0, robots, chain: [], cells: [], cause: 'robot', open: true };
      this.epLong[e] = long;
    }
    const c = this.deepestChain(e);
    long.chain = c.robots;
    long.cells = c.cells;
    long.cause = c.cause;
    long.ticks = tick + 1 - this.epStart[e];
  }

  /** The longest chain starting at one of episode e's robots (ties: the lowest id). */
  private deepestChain(e: number): StallChain {
    let best: StallChain | null = null;
    let bestStart = -1;
    // Only a robot nobody waits for can start the longest chain (a bare cycle has none: then its lowest id).
    const stamp = ++this.lookStamp;
    const { kind, target } = this.links;
    for (let m = this.epHead[e]; m >= 0; m = this.nextMember[m]) if (kind[m] === WaitKind.Robot) this.waited[target[m]] = stamp;
    let lowest = -1;
    for (let m = this.epHead[e]; m >= 0; m = this.nextMember[m]) {
      if (lowest < 0 || m < lowest) lowest = m;
      if (this.waited[m] === stamp) continue;
      const c = followChain(this.arrays, m);
      if (best === null || c.robots.length > best.robots.length || (c.robots.length === best.robots.length && m < bestStart)) {
        best = c;
        bestStart = m;
      }
    }
    return best ?? (lowest >= 0 ? followChain(this.arrays, lowest) : { robots: [], cells: [], cause: 'robot' });
  }

  /**
   * The episodes longer than the threshold that are still going at `tick`
   * (the next tick to run), with their figures to now and chains as they
   * stand. Read-only: the run goes on unchanged.
   */
  openLong(tick: number): StallEpisode[] {
    const out: StallEpisode[] = [];
    const seen = new Set<number>();
    for (let i = 0; i < this.episode.length; i++) {
      const e = this.episode[i];
      if (e < 0 || seen.has(e)) continue;
      seen.add(e);
      const long = this.epLong[e];
      if (long === null) continue;
      let robotTicks = this.epRobotTicks[e];
      for (let m = this.epHead[e]; m >= 0; m = this.nextMember[m]) robotTicks += tick - this.since[m];
      const c = this.deepestChain(e);
      out.push({ ...long, robots: long.robots.slice(), ticks: tick - this.epStart[e], robotTicks, chain: c.robots, cells: c.cells, cause: c.cause, open: true });
    }
    return out;
  }

  /** Tick robot i's episode began, or -1 when it is not stalled. */
  episodeStart(i: number): number {
    const e = this.episode[i];
    return e < 0 ? -1 : this.epStart[e];
  }

  /** Longest episode still going at `tick`, of any length, in ticks (0 when none). */
  openMaxTicks(tick: number): number {
    let max = 0;
    for (let i = 0; i < this.episode.length; i++) {
      const e = this.episode[i];
      if (e >= 0 && tick - this.epStart[e] > max) max = tick - this.epStart[e];
    }
    return max;
  }
}

/** Longest first; equal lengths by start, then by the first robot of the chain. */
export function compareEpisodes(a: StallEpisode, b: StallEpisode): number {
  return b.ticks - a.ticks || a.startTick - b.startTick || (a.chain[0] ?? -1) - (b.chain[0] ?? -1);
}

function keepLongest(list: StallEpisode[], ep: StallEpisode): void {
  if (list.length >= STALLS_KEPT && compareEpisodes(ep, list[list.length - 1]) >= 0) return;
  let k = list.length;
  while (k > 0 && compareEpisodes(ep, list[k - 1]) < 0) k--;
  list.splice(k, 0, ep);
  if (list.length > STALLS_KEPT) list.pop();
}

function insertSorted(list: number[], x: number): void {
  let k = list.length;
  while (k > 0 && list[k - 1] > x) k--;
  list.splice(k, 0, x);
}
