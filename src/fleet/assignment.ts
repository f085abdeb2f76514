import { UNREACHABLE } from '../layout/distance.js';
import type { World } from '../core/world.js';
import { AssignmentSolver } from './hungarian.js';
import { NearestRobotSearch } from './nearest-robot.js';

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
 * distance), then the next oldest, and so on (NearestRobotSearch: robots
 * tried in order of Manhattan distance, so the search toward each pod grows
 * only as far as the winner).
 */
export class NearestAssignment implements AssignmentStrategy {
  readonly name = 'nearest';
  private readonly search = new NearestRobotSearch();
  private taken = new Uint8Array(0);

  assign(w: World, pods: Int32Array, nPods: number, robots: Int32Array, nRobots: number, out: Int32Array): void {
    if (this.taken.length < nRobots) this.taken = new Uint8Array(nRobots * 2);
    this.taken.fill(0, 0, nRobots);
    this.search.prepare(w, robots, nRobots);
    for (let k = 0; k < nPods; k++) {
      this.search.find(w, w.pods.cell[pods[k]], robots, nRobots, this.taken);
      const best = this.search.found;
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
