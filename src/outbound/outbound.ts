import type { NodeRef, OutboundConfig } from './config.js';
import type { Rng } from '../core/rng.js';
import { AgvLoop } from './agv.js';
import { Conveyor } from './conveyor.js';
import { Dock } from './dock.js';
import type { ToteSink } from './network.js';
import { Sorter, type SorterHooks } from './sorter.js';
import type { ToteBook } from '../orders/totes.js';

/** What the outbound equipment reports to the order books. */
export interface OutboundHooks extends SorterHooks {
  /** A tote arrived whole at dock `dock` (routed there without a sorter). */
  toteAtDock(t: number, dock: number, tick: number): void;
}

/**
 * The outbound equipment of a site wired together: conveyor segments (with
 * merges, where several feed one, and diverts by destination dock), sorters,
 * AGV loops and docks. Stepped downstream first each tick, so space freed at
 * a discharge can be taken by the node upstream in the same tick.
 */
export class Outbound {
  readonly conveyors: Conveyor[];
  readonly sorters: Sorter[];
  readonly agvs: AgvLoop[];
  readonly docks: Dock[];
  /** Next node per conveyor, chosen by the tote's dock. */
  private readonly conveyorNext: ((tote: number) => ToteSink)[];
  private readonly agvOut: ToteSink[];
  /** Conveyor indices by distance from the end of the line (level 0 feeds no conveyor), downstream first. */
  private readonly conveyorLevels: number[][];
  /** Tick each conveyor last handed a tote on: within a level the longest-waiting goes first. */
  private readonly lastOut: Float64Array;
  private readonly turn: Int32Array;

  constructor(
    readonly config: OutboundConfig,
    totes: ToteBook,
    hooks: OutboundHooks,
    rng: Rng,
    ticksPerHour: number,
  ) {
    this.docks = config.docks.map((d, k) => new Dock(k, d, (t, dock, tick) => hooks.toteAtDock(t, dock, tick)));
    this.sorters = config.sorters.map((s) => new Sorter(s, totes, hooks, rng, ticksPerHour));
    this.agvs = config.agvs.map((a) => new AgvLoop(a));
    this.conveyors = config.conveyors.map((c) => new Conveyor(c));
    this.conveyorNext = config.conveyors.map((c) => {
      const dflt = this.sink(c.to);
      if (c.divert.length === 0) return () => dflt;
      const byDock = new Map<number, ToteSink>();
      for (const d of c.divert) byDock.set(d.dock, this.sink(d.to));
      return (tote: number) => byDock.get(totes.dock[tote]) ?? dflt;
    });
    this.agvOut = config.agvs.map((a) => this.sink(a.to));
    this.conveyorLevels = downstreamLevels(config);
    this.lastOut = new Float64Array(config.conveyors.length).fill(-1);
    this.turn = new Int32Array(config.conveyors.length);
  }

  /** The node a reference names. */
  sink(ref: NodeRef): ToteSink {
    switch (ref.kind) {
      case 'conveyor':
        return this.conveyors[ref.index];
      case 'sorter':
        return this.sorters[ref.index];
      case 'agv':
        return this.agvs[ref.index].pickupSink(ref.pickup);
      case 'dock':
        return this.docks[ref.index];
    }
  }

  step(tick: number): void {
    for (const c of this.conveyors) c.now = tick;
    for (const s of this.sorters) s.step(tick);
    // Within a level (the feeders of a merge among them) the segment that handed a tote on longest ago
    // goes first, so a merge takes from its feeders in turn rather than always from the first in the file.
    for (const level of this.conveyorLevels) {
      const m = level.length;
      const turn = this.turn;
      for (let j = 0; j < m; j++) {
        let p = j;
        const k = level[j];
        while (p > 0 && this.lastOut[turn[p - 1]] > this.lastOut[k]) {
          turn[p] = turn[p - 1];
          p--;
        }
        turn[p] = k;
      }
      for (let j = 0; j < m; j++) {
        const k = turn[j];
        const c = this.conveyors[k];
        const before = c.totesOut;
        c.step(tick, this.conveyorNext[k]);
        if (c.totesOut !== before) this.lastOut[k] = tick;
      }
    }
    for (let k = 0; k < this.agvs.length; k++) this.agvs[k].step(tick, this.agvOut[k]);
  }

  /** Totes anywhere in the network (belts, sorter inductions, AGV buffers and vehicles). */
  totesHeld(): number {
    let n = 0;
    for (const c of this.conveyors) n += c.count;
    for (const s of this.sorters) n += s.queued;
    for (const a of this.agvs) n += a.totesWaiting() + a.totesAboard();
    return n;
  }
}

/**
 * Conveyor indices grouped by level: level 0 feeds no other conveyor, level
 * k+1 feeds one of level k at most. Stepping levels in order moves every
 * segment after the segments it feeds. Cycles are refused by the loader; any
 * left over here go in one last level.
 */
function downstreamLevels(cfg: OutboundConfig): number[][] {
  const n = cfg.conveyors.length;
  const targets = cfg.conveyors.map((c) => {
    const t = new Set<number>();
    if (c.to.kind === 'conveyor') t.add(c.to.index);
    for (const d of c.divert) if (d.to.kind === 'conveyor') t.add(d.to.index);
    return [...t];
  });
  const level = new Int32Array(n).fill(-1);
  // Longest path to the end of the line, by repeated relaxation (n is small).
  for (let k = 0; k < n; k++) if (targets[k].length === 0) level[k] = 0;
  for (let round = 0; round < n; round++) {
    for (let k = 0; k < n; k++) {
      if (targets[k].length === 0 || targets[k].some((t) => level[t] < 0)) continue;
      level[k] = 1 + Math.max(...targets[k].map((t) => level[t]));
    }
  }
  const levels: number[][] = [];
  for (let k = 0; k < n; k++) {
    const l = level[k] < 0 ? n : level[k];
    while (levels.length <= l) levels.push([]);
    levels[l].push(k);
  }
  return levels.filter((l) => l.length > 0);
}
