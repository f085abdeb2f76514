import { isFixed, NO_DIR, type Robots } from '../core/robots.js';
import type { World } from '../core/world.js';
import { UNREACHABLE } from '../layout/distance.js';

/** What a stalled robot waits for, one byte per robot (`WaitFor.kind`). */
export const enum WaitKind {
  /** Not stalled: moved, turned, has no goal or is at it, or holds its cell by design (serving, charging, flat, broken). */
  None = 0,
  /** The robot standing in the cell it wants (`WaitFor.target`). */
  Robot = 1,
  /** A closed cell it may not enter, or no way left to its goal past a closed area. */
  Closure = 2,
  /** The cell it wants is free: it yielded to another robot's priority this tick. */
  Yield = 3,
}

/**
 * The wait-for links of one tick, computed after movement from state the
 * engine already keeps (cells, goals, distance fields, closures), so the
 * planners need not report anything. A robot is stalled in a tick when it
 * has a goal elsewhere, may move (not serving, charging, flat or broken
 * down), did not turn and ends the tick in the cell it started it in; for it
 * `cell` is the cell it wants (the move the planner proposed, else the next
 * step of its shortest way, preferring an occupied one) and `target` the
 * robot standing there. Arrays are per robot and reused every tick.
 */
export class WaitFor {
  readonly kind: Uint8Array;
  /** Robot waited for, or -1. */
  readonly target: Int32Array;
  /** Cell wanted (for a robot cut off by a closure: its goal), or -1. */
  readonly cell: Int32Array;
  /** The planner's proposals and headings before movement: the guard overwrites the moves it cancels. */
  private readonly proposed: Int32Array;
  private readonly heading: Uint8Array;
  /** Robots stalled in the last tick: how many, and who (the first `stalled` entries, ascending). */
  stalled = 0;
  readonly list: Int32Array;

  constructor(n: number) {
    this.kind = new Uint8Array(n);
    this.target = new Int32Array(n).fill(-1);
    this.cell = new Int32Array(n).fill(-1);
    this.proposed = new Int32Array(n);
    this.heading = new Uint8Array(n);
    this.list = new Int32Array(n);
  }

  /** Keeps what the planner proposed; call between planning and movement. */
  capture(r: Robots): void {
    this.proposed.set(r.next);
    this.heading.set(r.heading);
  }

  /** Works out every robot's link after movement. */
  update(w: World): void {
    const r = w.robots;
    const { nbr } = w.grid;
    const { occ } = w;
    const blocked = w.fields.blocked;
    const { kind, target, cell: want, proposed, heading, list } = this;
    // The one pass over every robot each tick: locals for the arrays it reads.
    const cells = r.cell;
    const prev = r.prevCell;
    const goals = r.goal;
    const wantDir = r.wantDir;
    const headings = r.heading;
    const states = r.state;
    let stalled = 0;
    for (let i = 0; i < r.n; i++) {
      const c = cells[i];
      const goal = goals[i];
      if (c !== prev[i] || goal < 0 || goal === c || wantDir[i] !== NO_DIR || headings[i] !== heading[i] || isFixed(states[i])) {
        if (kind[i] !== WaitKind.None) {
          kind[i] = WaitKind.None;
          target[i] = -1;
          want[i] = -1;
        }
        continue;
      }
      list[stalled++] = i;
      const outside = blocked[c] === 0;
      let to = proposed[i];
      if (to === c || to < 0) {
        // The planner chose to stay: take the next step of the shortest way, preferring one a robot stands on.
        to = -1;
        const f = r.field[i];
        // A loaded robot on the storage cell it just took its pod from is off its own field: any reachable neighbour is closer.
        const own = f === null ? UNREACHABLE : f[c];
        let best = UNREACHABLE;
        let rank = 3;
        if (f !== null) {
          for (let d = 0; d < 4; d++) {
            const v = nbr[c * 4 + d];
            if (v < 0) continue;
            const dv = f[v];
            if (dv >= own || dv === UNREACHABLE) continue;
            const k = occ[v] >= 0 ? 0 : outside && blocked[v] !== 0 ? 1 : 2;
            if (dv < best || (dv === best && k < rank)) {
              best = dv;
              rank = k;
              to = v;
            }
          }
        }
        if (to < 0) {
          // No way on: cut off by a closure (the cell given is the goal); without closures, nothing to point at.
          kind[i] = w.fields.blockedCells > 0 ? WaitKind.Closure : WaitKind.Yield;
          target[i] = -1;
          want[i] = goal;
          continue;
        }
      }
      want[i] = to;
      const j = occ[to];
      if (j >= 0 && j !== i) {
        kind[i] = WaitKind.Robot;
        target[i] = j;
      } else {
        kind[i] = outside && blocked[to] !== 0 ? WaitKind.Closure : WaitKind.Yield;
        target[i] = -1;
      }
    }
    this.stalled = stalled;
  }
}
