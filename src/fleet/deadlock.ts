import { isFixed, RobotState } from '../core/robots.js';
import { rngStream, type Rng } from '../core/rng.js';
import { setGoal, type World } from '../core/world.js';
import { CellKind } from '../layout/grid.js';

/** Ticks without coming closer to its goal after which a robot counts as deadlocked. */
export const DEADLOCK_TICKS = 300;
/** Longest a detour lasts before the robot heads for its task's goal again. */
const DETOUR_TICKS = 60;
/** How far (cells, breadth-first) a detour cell may be. */
const DETOUR_RADIUS = 8;

/** What the detector saw, for the report. */
export interface DeadlockFigures {
  /** Times a robot had made no progress for DEADLOCK_TICKS and was sent on a detour. */
  detected: number;
  /** Of those, how many then reached their goal or came closer to it than ever before. */
  recovered: number;
  /** Robots detected and still without progress a whole window later (at the end of the run: not recovered). */
  unrecovered: number;
  /** Where deadlocks were detected (first 20 cells). */
  cells: number[];
}

/**
 * A deadlock and livelock detector with a recovery action. The priority rule
 * (StuckWatch) resolves most jams within seconds; this is the backstop for the
 * ones it cannot: a robot that has not come closer to its goal for
 * DEADLOCK_TICKS is counted and sent on a detour to a free cell a few cells
 * away (seeded choice), taking it and the robots queued behind it out of the
 * knot; after the detour it heads for its goal again. Robots at a charger,
 * picking, flat or broken down are not moving by design and are not watched;
 * nor is waiting for a busy or closed station, or for a goal cell a broken
 * robot stands on.
 */
export class DeadlockWatch {
  private readonly best: Int32Array;
  private readonly progressAt: Int32Array;
  private readonly epoch: Uint32Array;
  private readonly detourUntil: Int32Array;
  /** Set while a detected robot has not yet recovered. */
  private readonly pending: Uint8Array;
  private readonly detectedAt: Int32Array;
  private readonly rng: Rng;
  private readonly seen: Int32Array;
  private readonly queue: Int32Array;
  private stamp = 0;
  /** Each robot's field replacements (robots.replans) when last measured: a fresh field restarts the measure. */
  private readonly replans: Uint32Array;
  readonly figures: DeadlockFigures;

  constructor(w: World) {
    this.figures = w.metrics.deadlocks;
    const n = w.robots.n;
    this.best = new Int32Array(n).fill(0x7fffffff);
    this.progressAt = new Int32Array(n);
    this.epoch = new Uint32Array(n).fill(0xffffffff);
    this.detourUntil = new Int32Array(n).fill(-1);
    this.pending = new Uint8Array(n);
    this.detectedAt = new Int32Array(n);
    this.rng = rngStream(w.config.seed, 'recovery');
    const cells = w.grid.width * w.grid.height;
    this.seen = new Int32Array(cells);
    this.queue = new Int32Array(Math.min(cells, (2 * DETOUR_RADIUS + 1) ** 2));
    this.replans = new Uint32Array(n);
  }

  update(w: World): void {
    const r = w.robots;
    const tick = w.tick;
    let unrecovered = 0;
    for (let i = 0; i < r.n; i++) {
      // A broken-down robot is stopped by a fault, not jammed; it is watched again once repaired (a new goal epoch).
      if (r.state[i] === RobotState.Broken) continue;
      if (this.pending[i] && tick - this.detectedAt[i] >= DEADLOCK_TICKS) unrecovered++;
      if (r.detourFrom[i] >= 0) {
        // On a detour: back to the task's goal once there, or when the detour has lasted long enough.
        if (r.cell[i] === r.goal[i] || tick >= this.detourUntil[i]) {
          const goal = r.detourFrom[i];
          setGoal(w, i, goal);
          this.epoch[i] = r.goalEpoch[i];
          this.progressAt[i] = tick;
        }
        continue;
      }
      if (this.pending[i] && r.goal[i] >= 0 && r.cell[i] === r.goal[i]) this.recover(i);
      const f = r.field[i];
      if (f === null || r.goal[i] < 0 || isFixed(r.state[i])) continue;
      // The field was replaced by a fresh one because a fault blocked or opened cells it had reached.
      const replanned = r.replans[i] !== this.replans[i];
      this.replans[i] = r.replans[i];
      if (r.goalEpoch[i] !== this.epoch[i]) {
        // A new goal: the previous one was reached (or the task changed), which is progress.
        if (this.pending[i]) this.recover(i);
        this.epoch[i] = r.goalEpoch[i];
        this.best[i] = f[r.cell[i]];
        this.progressAt[i] = tick;
        continue;
      }
      const d = f[r.cell[i]];
      if (replanned) {
        // The same goal re-planned round a closed area or a broken robot: measure progress on the new field afresh.
        this.best[i] = d;
        this.progressAt[i] = tick;
        continue;
      }
      const s = r.state[i] === RobotState.ToStation ? r.station[i] : -1;
      if (s >= 0 && (w.stations.robot[s] >= 0 || w.stations.closed[s] !== 0 || this.podWaitsAt(w, s))) {
        // Queueing for a busy station (picking, or a pod at it waiting: closed, or its outfeed backed up) is waiting by design, not a jam.
        this.progressAt[i] = tick;
      } else if (heldByBroken(w, r.goal[i], i)) {
        // The goal is held by a broken-down robot: waiting for its repair, not a jam.
        this.progressAt[i] = tick;
      } else if (d < this.best[i]) {
        if (this.pending[i]) this.recover(i);
        this.best[i] = d;
        this.progressAt[i] = tick;
      } else if (r.cell[i] !== r.goal[i] && tick - this.progressAt[i] >= DEADLOCK_TICKS) {
        this.detect(w, i);
      }
    }
    this.figures.unrecovered = unrecovered;
  }

  /** Whether a pod stands on station s waiting to be picked (the station is closed, or its outfeed is backed up). */
  private podWaitsAt(w: World, s: number): boolean {
    const o = w.occ[w.stations.cell[s]];
    return o >= 0 && w.robots.state[o] === RobotState.ToStation && w.robots.station[o] === s;
  }

  private recover(i: number): void {
    this.pending[i] = 0;
    this.figures.recovered++;
  }

  private detect(w: World, i: number): void {
    const r = w.robots;
    this.figures.detected++;
    if (this.figures.cells.length < 20) this.figures.cells.push(r.cell[i]);
    if (!this.pending[i]) this.detectedAt[i] = w.tick;
    this.pending[i] = 1;
    this.progressAt[i] = w.tick;
    const cell = this.detourCell(w, i);
    if (cell < 0) return;
    const goal = r.goal[i];
    const best = this.best[i];
    setGoal(w, i, cell);
    r.detourFrom[i] = goal;
    this.best[i] = best;
    this.detourUntil[i] = w.tick + DETOUR_TICKS;
  }

  /**
   * A free cell 2..DETOUR_RADIUS moves away, reachable over free cells, that
   * the robot may stand on (not a storage cell when it carries a pod), drawn
   * from the seeded recovery stream; -1 when there is none.
   */
  private detourCell(w: World, i: number): number {
    const { nbr, kind } = w.grid;
    const r = w.robots;
    const loaded = r.pod[i] >= 0;
    const stamp = ++this.stamp;
    const q = this.queue;
    let head = 0;
    let tail = 0;
    let candidates = 0;
    let pick = -1;
    q[tail++] = r.cell[i];
    this.seen[r.cell[i]] = stamp;
    // Breadth-first by rings; reservoir-sample one candidate so the choice is uniform and seeded.
    let ringEnd = tail;
    let depth = 0;
    while (head < tail && depth < DETOUR_RADIUS) {
      const c = q[head++];
      for (let d = 0; d < 4; d++) {
        const v = nbr[c * 4 + d];
        if (v < 0 || this.seen[v] === stamp) continue;
        if (loaded && kind[v] === CellKind.Storage) continue;
        // Never into a closed area (or a broken robot's cell).
        if (w.fields.blocked[v] !== 0) continue;
        this.seen[v] = stamp;
        // Only through free cells: the robots around are the jam.
        if (w.occ[v] >= 0) continue;
        if (tail < q.length) q[tail++] = v;
        if (depth >= 1 && ++candidates > 0 && this.rng.next() * candidates < 1) pick = v;
      }
      if (head === ringEnd) {
        depth++;
        ringEnd = tail;
      }
    }
    return pick;
  }
}

/** Whether a broken-down robot other than i stands on `cell`; asked only when the station test fails, since reading the occupant of a far cell is a cache miss. */
function heldByBroken(w: World, cell: number, i: number): boolean {
  const j = w.occ[cell];
  return j >= 0 && j !== i && w.robots.state[j] === RobotState.Broken;
}
