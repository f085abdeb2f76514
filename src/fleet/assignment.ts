import { UNREACHABLE, type LazyField } from '../layout/distance.js';
import type { World } from '../core/world.js';
import { AssignmentSolver } from './hungarian.js';

/**
 * Task assignment strategy: match waiting pod requests to idle robots.
 * `pods[0..nPods)` are the requests that may start now (oldest first),
 * `robots[0..nRobots)` the idle robots. Write into `out[k]` the robot for
 * request k, or -1 to leave it waiting. A robot may be used once.
 */
export interface AssignmentStrategy {
  readonly name: string;
  assign(w: World, pods: Int32Array, nPods: number, robots: Int32Array, nRobots: number, out: Int32Array): void;
  /**
   * Pick fetches the last call moved from a robot on its way to the pod to a
   * free one (see ErrandAssignment); absent for strategies that never move
   * one, which are not called when no request waits.
   */
  readonly takeOverCount?: number;
  /** Take-over k of the last call (k < takeOverCount): the robot that takes the fetch over, and the one that loses it. */
  takeOver?(k: number): [taker: number, loser: number];
}

/** Travel distance (cells) from robot i to pod p's cell for an empty robot. */
function travel(w: World, i: number, p: number): number {
  const lazy = w.fields.lazy(w.pods.cell[p], false);
  const c = w.robots.cell[i];
  lazy.ensure(c, 0);
  const d = lazy.dist[c];
  return d === UNREACHABLE ? Infinity : d;
}

/**
 * Greedy: the oldest request takes the nearest idle robot (true travel
 * distance), then the next oldest, and so on. Robots are tried in order of
 * Manhattan distance, a lower bound, so the distance search toward the pod
 * only grows as far as the winner.
 */
export class NearestAssignment implements AssignmentStrategy {
  readonly name = 'nearest';
  private taken = new Uint8Array(0);
  private bound = new Float64Array(0);
  /** Robots (indices into `robots`) still worth examining for one request, in index order. */
  private shortlist = new Int32Array(0);
  /** Row and column of each idle robot's cell, worked out once per call rather than once per request. */
  private row = new Int32Array(0);
  private col = new Int32Array(0);

  assign(w: World, pods: Int32Array, nPods: number, robots: Int32Array, nRobots: number, out: Int32Array): void {
    if (this.taken.length < nRobots) {
      this.taken = new Uint8Array(nRobots * 2);
      this.bound = new Float64Array(nRobots * 2);
      this.shortlist = new Int32Array(nRobots * 2);
      this.row = new Int32Array(nRobots * 2);
      this.col = new Int32Array(nRobots * 2);
    }
    this.taken.fill(0, 0, nRobots);
    const width = w.grid.width;
    const cell = w.robots.cell;
    const { bound, taken, shortlist, row, col } = this;
    for (let j = 0; j < nRobots; j++) {
      const c = cell[robots[j]];
      row[j] = (c / width) | 0;
      col[j] = c - row[j] * width;
    }
    for (let k = 0; k < nPods; k++) {
      const target = w.pods.cell[pods[k]];
      const lazy = w.fields.lazy(target, false);
      const tr = (target / width) | 0;
      const tc = target - tr * width;
      // Candidates in order of lower bound (lowest index on ties) until the bound reaches the best distance found.
      // The first is picked while the bounds are worked out; after it only robots whose bound beats its distance
      // can still win, and they go on a short list, so the later picks scan that instead of every idle robot.
      let first = -1;
      for (let j = 0; j < nRobots; j++) {
        // Manhattan distance, a lower bound on travel.
        const b = taken[j] ? Infinity : Math.abs(row[j] - tr) + Math.abs(col[j] - tc);
        bound[j] = b;
        if (b < (first < 0 ? Infinity : bound[first])) first = j;
      }
      let best = -1;
      let bestD = Infinity;
      if (first >= 0) {
        const d = this.travel(lazy, cell[robots[first]]);
        if (d < bestD) {
          bestD = d;
          best = first;
        }
        bound[first] = Infinity;
      }
      let listed = 0;
      if (first >= 0) for (let j = 0; j < nRobots; j++) if (bound[j] < bestD) shortlist[listed++] = j;
      for (;;) {
        let j = -1;
        for (let q = 0; q < listed; q++) {
          const c = shortlist[q];
          if (bound[c] < (j < 0 ? Infinity : bound[j])) j = c;
        }
        if (j < 0 || bound[j] >= bestD) break;
        const d = this.travel(lazy, cell[robots[j]]);
        if (d < bestD) {
          bestD = d;
          best = j;
        }
        bound[j] = Infinity;
      }
      out[k] = best < 0 ? -1 : robots[best];
      if (best >= 0) taken[best] = 1;
    }
  }

  /** Empty travel from cell `c` to the request's pod, grown just far enough. */
  private travel(lazy: LazyField, c: number): number {
    lazy.ensure(c, 0);
    return lazy.dist[c] === UNREACHABLE ? Infinity : lazy.dist[c];
  }
}

/**
 * Batch-optimal: each tick, the oldest requests (up to `batch`) and the idle
 * robots are matched to minimise total empty travel (Hungarian method).
 * Better fleet-wide than greedy when many tasks and robots free up together.
 */
export class HungarianAssignment implements AssignmentStrategy {
  readonly name = 'hungarian';
  private readonly solver = new AssignmentSolver();
  private cost = new Float64Array(0);
  private rowToCol = new Int32Array(0);

  constructor(private readonly batch = 64, private readonly maxRobots = 256) {}

  assign(w: World, pods: Int32Array, nPods: number, robots: Int32Array, nRobots: number, out: Int32Array): void {
    out.fill(-1, 0, nPods);
    const rows = Math.min(nPods, this.batch);
    const cols = Math.min(nRobots, this.maxRobots);
    if (rows === 0 || cols === 0) return;
    if (this.cost.length < rows * cols) this.cost = new Float64Array(rows * cols * 2);
    if (this.rowToCol.length < rows) this.rowToCol = new Int32Array(rows * 2);
    for (let r = 0; r < rows; r++) for (let c = 0; c < cols; c++) this.cost[r * cols + c] = travel(w, robots[c], pods[r]);
    this.solver.solve(this.cost, rows, cols, this.rowToCol);
    for (let r = 0; r < rows; r++) out[r] = this.rowToCol[r] < 0 ? -1 : robots[this.rowToCol[r]];
  }
}
