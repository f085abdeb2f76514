import { EventKind } from '../core/events.js';
import { RobotState } from '../core/robots.js';
import { setGoal, type World } from '../core/world.js';
import { UNREACHABLE } from '../layout/distance.js';
import { manhattan } from '../layout/grid.js';
import { PodState } from './pods.js';

/**
 * Tuning of the re-slotting of a `reslots` slotting strategy (dynamic):
 * - `slack`: a pod is out of place when its location's distance rank is more
 *   than this share of all locations behind the rank its picks deserve;
 * - `maxCandidates`: at most this share of the pods is brought nearer per look;
 * - `robotShare`: at most this share of the robots (at least one) moves pods at once;
 * - `colderBy`: a pod is evicted from a near location for a hot one only if it
 *   had at most this share of the hot pod's picks;
 * - `evictions`: evictions tried per hot pod before it is skipped.
 */
export const RESLOT = { slack: 0.1, maxCandidates: 0.05, robotShare: 0.1, colderBy: 0.5, evictions: 2 } as const;

/**
 * Re-slotting during the run. Every `everyTicks` it looks at the lines picked
 * from each pod since the last look: ranked by those picks, the k-th hottest
 * pod deserves the location at the same fraction of all locations ordered by
 * distance to the nearest station. Pods sitting well behind that rank
 * (RESLOT.slack) become candidates, hottest first. Then, in quiet moments (an
 * idle, charged robot left after the assignment stage, no pod request a
 * station has room for, fewer than RESLOT.robotShare of the robots already
 * moving pods) it starts one move per tick:
 * - the candidate goes to the free location nearest the stations, if that is
 *   nearer than where it is; otherwise
 * - a colder pod (RESLOT.colderBy) in a nearer location is evicted to the free
 *   location furthest out, and the candidate takes a near location at a later
 *   tick (a swap via a free location).
 * Robots do the moves as ordinary tasks (to the pod, lift, carry to the new
 * location), so the traffic guard and the planners treat them like any
 * other. A move only takes a free location when one stays free for every pod
 * away at a station without a reserved location (Storage.canSpare): so
 * re-slotting needs empty locations (`storage.podFill` below 1).
 */
export class Reslotter {
  private candidates: number[] = [];
  private cursor = 0;
  private tries = 0;
  /** After an eviction: the location being vacated for the current candidate, and the pod leaving it. */
  private vacating = -1;
  private evicted = -1;
  /** Picks per pod in the window that ended at the last look. */
  private heat: Float64Array;
  private readonly maxInFlight: number;

  constructor(
    w: World,
    readonly everyTicks: number,
  ) {
    this.heat = new Float64Array(w.pods.n);
    this.maxInFlight = Math.max(1, Math.floor(w.robots.n * RESLOT.robotShare));
  }

  /** Runs after the assignment stage, once per tick. */
  step(w: World): void {
    if (w.tick > 0 && this.everyTicks > 0 && w.tick % this.everyTicks === 0) this.look(w);
    if (this.cursor >= this.candidates.length) return;
    const st = w.storage;
    // After an eviction, wait until the evicted pod has left its location.
    // (A move cancelled by a fault leaves the pod where it was: then stop waiting.)
    if (this.vacating >= 0 && st.owner[this.vacating] === this.evicted && st.moving[this.evicted]) return;
    this.vacating = -1;
    if (st.reslotStarted - st.reslotMoves >= this.maxInFlight || !st.canSpare() || !this.quiet(w)) return;
    while (this.cursor < this.candidates.length) {
      const h = this.candidates[this.cursor];
      if (!this.movable(w, h)) {
        this.next();
        continue;
      }
      const r = this.tryMove(w, h, this.tries < RESLOT.evictions);
      if (r === 'moved') this.next();
      else if (r === 'evicted') this.tries++;
      else if (r === 'none') {
        this.next();
        continue;
      }
      return;
    }
  }

  private next(): void {
    this.cursor++;
    this.tries = 0;
  }

  /** Ranks pods by their picks since the last look and lists the hot ones sitting too far out. */
  look(w: World): void {
    const st = w.storage;
    const pods = w.pods;
    const n = pods.n;
    const locations = st.cells.length;
    this.heat = st.windowPicks.slice();
    st.windowPicks.fill(0);
    const heat = this.heat;
    const hot: number[] = [];
    for (let p = 0; p < n; p++) if (heat[p] > 0) hot.push(p);
    hot.sort((a, b) => heat[b] - heat[a] || a - b);
    const slack = Math.max(1, Math.floor(locations * RESLOT.slack));
    const cap = Math.max(1, Math.ceil(n * RESLOT.maxCandidates));
    const out: number[] = [];
    for (let k = 0; k < hot.length && out.length < cap; k++) {
      const p = hot[k];
      const deserved = Math.floor((k * locations) / n);
      const at = st.rank[st.locOf[pods.cell[p]]];
      if (at > deserved + slack) out.push(p);
    }
    this.candidates = out;
    this.cursor = 0;
    this.tries = 0;
    this.vacating = -1;
  }

  /** Stored, not waiting for a robot, no lines waiting, not already moving. */
  private movable(w: World, p: number): boolean {
    const pods = w.pods;
    return pods.state[p] === PodState.Stored && !pods.queued[p] && pods.pendHead[p] < 0 && !w.storage.moving[p] && w.fields.blocked[pods.cell[p]] === 0;
  }

  private quiet(w: World): boolean {
    const { pods, books, stations, requests } = w;
    const cap = w.config.stations.queueCapacity;
    for (let k = 0; k < requests.length; k++) {
      const p = requests.items[k];
      if (stations.load[books.lineStation[pods.pendHead[p]]] < cap) return false;
    }
    return this.idleRobot(w, -1) >= 0;
  }

  /** The idle, charged robot nearest `cell` (empty travel; any idle one when `cell` < 0), or -1. */
  private idleRobot(w: World, cell: number): number {
    const r = w.robots;
    const b = w.config.robots.battery;
    const below = b.chargeBelow * b.capacityWh;
    let best = -1;
    let bestD = Infinity;
    const lazy = cell >= 0 ? w.fields.lazy(cell, false) : null;
    for (let i = 0; i < r.n; i++) {
      if (r.state[i] !== RobotState.Idle || r.batteryWh[i] < below || r.onDuty[i] === 0) continue;
      if (lazy === null) return i;
      // Manhattan distance is a lower bound: skip the search when it cannot win.
      if (manhattan(w.grid.width, r.cell[i], cell) >= bestD) continue;
      lazy.ensure(r.cell[i], 0);
      const d = lazy.dist[r.cell[i]];
      if (d !== UNREACHABLE && d < bestD) {
        bestD = d;
        best = i;
      }
    }
    return best;
  }

  private tryMove(w: World, h: number, mayEvict: boolean): 'moved' | 'evicted' | 'none' | 'wait' {
    const st = w.storage;
    const pods = w.pods;
    const at = st.locOf[pods.cell[h]];
    // The free location nearest the stations, if nearer than the candidate's.
    const blocked = w.fields.blocked;
    for (let k = 0; k < st.rank[at]; k++) {
      const loc = st.byDistance[k];
      if (!st.isFree(loc) || blocked[st.cells[loc]] !== 0) continue;
      if (st.distance[loc] >= st.distance[at]) break;
      return this.start(w, h, loc) ? 'moved' : 'wait';
    }
    // Otherwise make room: evict a colder pod from a nearer location to the free location furthest out.
    if (!mayEvict) return 'none';
    for (let k = 0; k < st.rank[at]; k++) {
      const loc = st.byDistance[k];
      const c = st.owner[loc];
      if (c < 0 || pods.cell[c] !== st.cells[loc] || !this.movable(w, c)) continue;
      if (this.heat[c] > this.heat[h] * RESLOT.colderBy || st.distance[loc] >= st.distance[at]) continue;
      for (let j = st.byDistance.length - 1; j > k; j--) {
        const to = st.byDistance[j];
        if (!st.isFree(to) || blocked[st.cells[to]] !== 0) continue;
        if (!this.start(w, c, to)) return 'wait';
        this.vacating = loc;
        this.evicted = c;
        return 'evicted';
      }
      return 'none';
    }
    return 'none';
  }

  /** Sends the nearest idle robot to move pod p to free location `loc`. */
  private start(w: World, p: number, loc: number): boolean {
    const st = w.storage;
    const pods = w.pods;
    const r = w.robots;
    const i = this.idleRobot(w, pods.cell[p]);
    if (i < 0) return false;
    st.reserve(loc, p);
    st.dest[p] = loc;
    st.moving[p] = 1;
    st.moveStart[i] = r.moves[i];
    st.reslotStarted++;
    pods.state[p] = PodState.Assigned;
    pods.robot[p] = i;
    pods.station[p] = -1;
    r.state[i] = RobotState.ToPod;
    r.taskPod[i] = p;
    r.station[i] = -1;
    setGoal(w, i, pods.cell[p]);
    w.events.push(EventKind.TaskAssigned, i, p);
    return true;
  }
}
