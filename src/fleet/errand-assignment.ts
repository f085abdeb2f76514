import type { World } from '../core/world.js';
import { RobotState } from '../core/robots.js';
import { UNREACHABLE } from '../layout/distance.js';
import { manhattan } from '../layout/grid.js';
import type { AssignmentStrategy } from './assignment.js';
import { CostHeap } from './cost-heap.js';
import { NearestRobotSearch } from './nearest-robot.js';
import { REACH_WEIGHT, TaskChoice } from './task-choice.js';

/** Settings of ErrandAssignment. */
export interface ErrandAssignmentOptions {
  /** Whether a free robot may take a pick fetch over from a robot still on its way to the pod (default true; put-away tasks are matched without). */
  takeOver?: boolean;
}

/**
 * `fleet.assignment: errands`: the League of Robot Runners scheduler's rule
 * (TaskChoice, which ErrandScheduler runs) on the warehouse's pod requests.
 * A request is a task whose first errand is its pod and whose own length is
 * the way from the pod to its station (Manhattan; 0 where the strategy sees
 * no station, as for put-away); a robot-request pair costs REACH_WEIGHT times
 * the robot's way to the pod plus that length.
 *
 * - Take-overs first: a free robot takes a pick fetch over from a robot still
 *   driving to the pod when it reaches the pod clearly sooner (STEAL_MARGIN)
 *   and for less than any open request; the robot that lost it is free and
 *   looks in its turn. As in the scheduler, none while more than a quarter of
 *   the fleet is free (a fleet just started, or larger than its work), at
 *   most twice the fleet's size a tick, and a fetch changes hands at most
 *   once a tick.
 * - Then the requests are matched to the free robots cheapest pair first (a
 *   greedy matching): a request whose nearest robot went to another request
 *   queues again with its next nearest. The scheduler lets free robots choose
 *   one by one instead; in the warehouse, with a few requests and many idle
 *   robots, robots choosing in turn gave a request to a robot far from it
 *   while a near one chose later (6% more driving on the default site).
 *
 * Ways to the pods are an empty robot's travel on the floor (the planners'
 * distance fields; the League's maps are open enough for Manhattan): between
 * rack blocks Manhattan misjudges. A pod no robot can reach waits.
 */
export class ErrandAssignment implements AssignmentStrategy {
  readonly name = 'errands';
  /** Take-overs decided in the last call, as (robot that takes over, robot that loses) pairs; see takeOver. */
  private pairs = new Int32Array(0);
  /** Pairs in `taken`. */
  takeOverCount = 0;
  private choice: TaskChoice | null = null;
  /** The world `choice` was made for. */
  private world: World | null = null;
  /** Requests by the cost of their cheapest free robot. */
  private readonly heap = new CostHeap();
  /** The free robots (robot indices), and which positions of `free` the matching has taken. */
  private free = new Int32Array(0);
  private taken = new Uint8Array(0);
  /** The nearest free robot to a request. */
  private readonly search = new NearestRobotSearch();
  /** Each request's own length, and the position in `free` of its cheapest robot when queued. */
  private length = new Float64Array(0);
  private robotOf = new Int32Array(0);
  /** Robots filed as holders in this call (to take them out again). */
  private holders = new Int32Array(0);

  constructor(private readonly options: ErrandAssignmentOptions = {}) {}

  /**
   * The robot that takes over, and the one that loses, of take-over k of the
   * last call (k < takeOverCount). The caller moves the fetch: the second
   * robot is free again, and the first robot's entry in `out` is not set.
   */
  takeOver(k: number): [taker: number, loser: number] {
    return [this.pairs[2 * k], this.pairs[2 * k + 1]];
  }

  assign(w: World, pods: Int32Array, nPods: number, robots: Int32Array, nRobots: number, out: Int32Array): void {
    out.fill(-1, 0, nPods);
    this.takeOverCount = 0;
    const n = w.robots.n;
    if (this.choice === null || this.world !== w) {
      // The choice measures ways on this world's floor (its distance fields).
      this.world = w;
      this.choice = new TaskChoice(w.grid.width, w.grid.height, (from, to) => emptyTravel(w, from, to));
    }
    if (this.free.length < n) {
      this.free = new Int32Array(n);
      this.taken = new Uint8Array(n);
      this.holders = new Int32Array(n);
      this.pairs = new Int32Array(2 * n);
    }
    if (this.length.length < nPods) {
      this.length = new Float64Array(nPods * 2);
      this.robotOf = new Int32Array(nPods * 2);
    }
    const free = this.free;
    for (let q = 0; q < nRobots; q++) free[q] = robots[q];
    let nFree = nRobots;
    for (let k = 0; k < nPods; k++) this.length[k] = requestLength(w, pods[k]);
    // Take-overs: bounded per tick, and none while more than a quarter of the fleet is free (then few robots search).
    if (this.options.takeOver !== false && nRobots <= n / 4) nFree = this.takeOvers(w, pods, nPods, nFree, 2 * n);
    // The requests, matched to the free robots pair by pair, cheapest pair first (greedy matching). A request
    // whose nearest robot went to another queues again with its next nearest.
    const taken = this.taken;
    taken.fill(0, 0, nFree);
    this.search.prepare(w, free, nFree);
    const heap = this.heap;
    heap.clear();
    for (let k = 0; k < nPods; k++) this.queue(w, pods, k, nFree);
    while (heap.size > 0) {
      const k = heap.pop();
      const j = this.robotOf[k];
      if (taken[j]) {
        this.queue(w, pods, k, nFree);
        continue;
      }
      out[k] = free[j];
      taken[j] = 1;
    }
  }

  /** Queues request k by the cost of its nearest free robot not yet taken (none can reach it: it waits). */
  private queue(w: World, pods: Int32Array, k: number, nFree: number): void {
    this.search.find(w, w.pods.cell[pods[k]], this.free, nFree, this.taken);
    this.robotOf[k] = this.search.found;
    if (this.search.found >= 0) this.heap.push(k, REACH_WEIGHT * this.search.travel + this.length[k]);
  }

  /**
   * The take-over pass: each free robot (and each robot that loses its fetch
   * in the pass) looks for a pick fetch it reaches clearly sooner than its
   * holder and for less than any open request (TaskChoice.nearestSteal); a
   * robot that takes one over leaves the list. Returns the free robots left (and
   * gained) in `free`, at most `budget` take-overs.
   */
  private takeOvers(w: World, pods: Int32Array, nPods: number, nFree: number, budget: number): number {
    const choice = this.choice!;
    const cell = w.robots.cell;
    const free = this.free;
    const nHolders = this.fileHolders(w, choice);
    if (nHolders === 0) return nFree;
    for (let k = 0; k < nPods; k++) choice.addOpen(k, w.pods.cell[pods[k]], this.length[k]);
    let kept = 0;
    for (let q = 0; q < nFree; q++) {
      const i = free[q];
      if (budget > 0) {
        choice.nearestTask(cell[i]);
        choice.nearestSteal(cell[i], choice.foundCost, cell);
        const victim = choice.found;
        if (victim >= 0) {
          budget--;
          choice.removeHolder(victim);
          this.pairs[2 * this.takeOverCount] = i;
          this.pairs[2 * this.takeOverCount + 1] = victim;
          this.takeOverCount++;
          // The robot that lost the fetch is free and looks in its turn. A fetch changes hands at most once a tick.
          free[nFree++] = victim;
          continue;
        }
      }
      free[kept++] = i;
    }
    for (let k = 0; k < nPods; k++) choice.removeOpen(k);
    for (let h = 0; h < nHolders; h++) if (choice.isHolder(this.holders[h])) choice.removeHolder(this.holders[h]);
    return kept;
  }

  /** Files every robot still on its way to a pick fetch's pod (not yet lifted, not held short by a fault) as a holder; their count. */
  private fileHolders(w: World, choice: TaskChoice): number {
    const r = w.robots;
    let count = 0;
    for (let j = 0; j < r.n; j++) {
      if (r.state[j] !== RobotState.ToPod || r.station[j] < 0) continue;
      const p = r.taskPod[j];
      if (p < 0 || r.goal[j] !== w.pods.cell[p]) continue;
      choice.addHolder(j, w.pods.cell[p], requestLength(w, p, r.station[j]));
      this.holders[count++] = j;
    }
    return count;
  }
}

/** A request's own length: Manhattan from its pod to its station (given, or the station of its first pending line), 0 with none. */
function requestLength(w: World, p: number, station = -1): number {
  let s = station;
  if (s < 0) {
    const line = w.pods.pendHead[p];
    s = line >= 0 ? w.books.lineStation[line] : -1;
  }
  if (s < 0) return 0;
  return manhattan(w.grid.width, w.pods.cell[p], w.grid.stations[s]);
}

/** An empty robot's travel from `from` to `to` in cells (Infinity where faults close every way); grows the field toward `to` only as far as `from`. */
function emptyTravel(w: World, from: number, to: number): number {
  const lazy = w.fields.lazy(to, false);
  lazy.ensure(from, 0);
  const d = lazy.dist[from];
  return d === UNREACHABLE ? Infinity : d;
}
