import { UNREACHABLE } from '../layout/distance.js';
import { manhattan } from '../layout/grid.js';
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

  assign(w: World, pods: Int32Array, nPods: number, robots: Int32Array, nRobots: number, out: Int32Array): void {
    if (this.taken.length < nRobots) {
      this.taken = new Uint8Array(nRobots * 2);
      this.bound = new Float64Array(nRobots * 2);
    }
    this.taken.fill(0, 0, nRobots);
    const width = w.grid.width;
    const cell = w.robots.cell;
    for (let k = 0; k < nPods; k++) {
      const target = w.pods.cell[pods[k]];
      const lazy = w.fields.lazy(target, false);
      for (let j = 0; j < nRobots; j++) this.bound[j] = this.taken[j] ? Infinity : manhattan(width, cell[robots[j]], target);
      let best = -1;
      let bestD = Infinity;
      for (;;) {
        // Next candidate: smallest lower bound not yet examined (lowest index on ties).
        let j = -1;
        for (let q = 0; q < nRobots; q++) if (this.bound[q] < (j < 0 ? Infinity : this.bound[j])) j = q;
        if (j < 0 || this.bound[j] >= bestD) break;
        const c = cell[robots[j]];
        lazy.ensure(c, 0);
        const d = lazy.dist[c] === UNREACHABLE ? Infinity : lazy.dist[c];
        if (d < bestD) {
          bestD = d;
          best = j;
        }
        this.bound[j] = Infinity;
      }
      out[k] = best < 0 ? -1 : robots[best];
      if (best >= 0) this.taken[best] = 1;
    }
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

export const ASSIGNMENTS: Record<string, () => AssignmentStrategy> = {
  nearest: () => new NearestAssignment(),
  hungarian: () => new HungarianAssignment(),
};
