import { manhattan, type Grid } from '../layout/grid.js';
import type { LifelongRobots } from './lifelong-control.js';
import { countCrowd } from './crowd.js';
import { TileBuckets, tileReach } from './tile-buckets.js';

/** Scheduler settings (see ErrandScheduler). */
export interface ErrandSchedulerOptions {
  /**
   * Most robots holding a task at once, as a share of the map's free cells,
   * rounded up (default: no limit). Past what a floor carries, more robots on
   * errands only jam it: the rest stand by (see holdSurplus).
   */
  activeShare?: number;
  /**
   * Weight, in the scheduler's cost, of the robots on errands round each of a
   * task's errands (see crowdAround; default 0): a task into a jam ranks
   * behind tasks elsewhere, so fewer robots join the jam while it clears.
   */
  crowdWeight?: number;
}

/** What the scheduler asks of the robots' controller. */
export interface ErrandSchedulerHooks {
  /** Sets robot i's goal (-1: none). */
  setGoal(i: number, goal: number): void;
  /** Whether robot i gave up its priority last step for getting nowhere (see LifelongControl.yieldWhenStuck). */
  yieldedLastStep(i: number): boolean;
  /** The robot's task (-1: none) changed in this step's schedule; called once per robot, after the schedule is made, with its final task. */
  assigned(step: number, robot: number, task: number): void;
  /** The robot reached errand `done` (1-based) of its task, in the step counted already. */
  errandDone(step: number, robot: number, task: number, done: number): void;
}

/**
 * Hands chains of errands (tasks: cells to visit in order) to robots. A
 * greedy scheduler: each free robot takes the revealed task with the least
 * Manhattan travel to finish, its way to the first errand weighed
 * REACH_WEIGHT times the task's own length, or takes over a task whose first
 * errand its holder has not reached yet when it is clearly closer to it (a
 * task may change hands until it is opened); the robot that lost it chooses
 * again. It knows robots, cells and errands, not what the errands are for:
 * the League of Robot Runners adapter feeds it the problem's tasks.
 *
 * Task ids past the list cycle it, as the League's start-kit does.
 */
export class ErrandScheduler {
  /** Task held per robot (-1: none). */
  readonly task: Int32Array;
  /** Errands of its task each robot has reached. */
  readonly errand: Int32Array;
  /** Tasks finished, and errands reached (a finer progress count). */
  finished = 0;
  errandsReached = 0;
  /** Tasks handed back to the pool by robots stuck before their first errand (see holdSurplus). */
  handedBack = 0;
  /** Most robots holding a task at once (see activeShare; the rest stand by). */
  readonly activeLimit: number;
  /** Robots holding a task. */
  assigned = 0;
  /** Revealed tasks nobody holds. */
  poolLive = 0;
  /** Revealed, unassigned tasks by id, filed by where their first errand is, shortest first in each tile (see poolAdd). */
  private readonly pool: TileBuckets;
  /** Robots holding a task whose first errand they have not reached (it may change hands), filed by that errand. */
  private readonly unopened: TileBuckets;
  /** Length of each task along its errands (Manhattan). */
  private readonly taskCost: Float64Array;
  private readonly freeList: number[] = [];
  private readonly changed: number[] = [];
  private readonly changedMark: Uint8Array;
  private readonly taskBefore: Int32Array;
  /** Step each robot last handed a task back (holdSurplus). */
  private readonly handedBackAt: Int32Array;
  /** Cost of the cheapest task to hand, per free robot (see schedule). */
  private readonly freeKey: Float64Array;
  /** What the last search found (-1: nothing) and its cost. */
  private found = -1;
  private foundCost = Infinity;
  /** Tiles of one ring round a robot (see ringTiles), as row, column pairs; grown as rings widen. */
  private ring = new Int32Array(64);
  /** Robots on errands within CROWD_REACH rows and columns of each cell (see crowdWeight), counted at the start of the step. */
  private crowd = new Uint16Array(0);

  constructor(
    private readonly grid: Grid,
    /** Errand cells per task. */
    private readonly tasks: readonly Int32Array[],
    private readonly robots: LifelongRobots,
    private readonly hooks: ErrandSchedulerHooks,
    private readonly options: ErrandSchedulerOptions = {},
  ) {
    const n = robots.n;
    this.pool = new TileBuckets(grid.width, grid.height);
    this.unopened = new TileBuckets(grid.width, grid.height);
    this.task = new Int32Array(n).fill(-1);
    this.errand = new Int32Array(n);
    this.changedMark = new Uint8Array(n);
    this.taskBefore = new Int32Array(n);
    this.handedBackAt = new Int32Array(n).fill(-STAND_BY_STEPS - 1);
    this.freeKey = new Float64Array(n);
    this.taskCost = new Float64Array(tasks.length);
    const w = grid.width;
    for (let t = 0; t < tasks.length; t++) {
      const e = tasks[t];
      let c = 0;
      for (let k = 1; k < e.length; k++) c += manhattan(w, e[k - 1], e[k]);
      this.taskCost[t] = c;
    }
    this.activeLimit = options.activeShare === undefined ? n : Math.max(1, Math.ceil(options.activeShare * grid.free.length));
  }

  /** Errand cells of task `id`: the list is cycled. */
  errands(id: number): Int32Array {
    return this.tasks[id % this.tasks.length];
  }

  /** Adds a revealed task to the pool. */
  poolAdd(id: number): void {
    const e0 = this.errands(id)[0];
    const w = this.grid.width;
    // Shortest first in each tile: a search stops in a tile at the first task too long to beat what it has.
    this.pool.add(id, (e0 / w) | 0, e0 % w, this.taskCost[id % this.tasks.length]);
    this.poolLive++;
  }

  /** Files robot i's task under its first errand while the robot has not reached it. */
  private fileUnopened(i: number): void {
    const e0 = this.errands(this.task[i])[0];
    const w = this.grid.width;
    // Shortest task first in each tile, as in the pool (see nearestSteal).
    this.unopened.add(i, (e0 / w) | 0, e0 % w, this.taskCost[this.task[i] % this.tasks.length]);
  }

  /** Assigns this step's free robots (see the class). */
  schedule(): void {
    const { n, cell, step } = this.robots;
    const free = this.freeList;
    free.length = 0;
    if ((this.options.crowdWeight ?? 0) > 0) this.crowdAround();
    this.holdSurplus();
    for (let i = 0; i < n; i++) if (this.task[i] < 0 && step - this.handedBackAt[i] > STAND_BY_STEPS) free.push(i);
    const slots = this.activeLimit - this.assigned;
    if (free.length > slots) {
      // More free robots than tasks may be held: the ones with the cheapest tasks to hand choose first.
      const key = this.freeKey;
      for (const i of free) {
        this.nearestTask(cell[i]);
        key[i] = this.foundCost;
      }
      free.sort((a, b) => key[a] - key[b] || a - b);
    }
    // Steals per step: bounded, though each one shortens the fleet's travel; none while most robots are free (the start).
    let budget = free.length > n / 4 ? 0 : 2 * n;
    for (let q = 0; q < free.length; q++) {
      const i = free[q];
      if (this.poolLive === 0 && budget <= 0) break;
      this.nearestTask(cell[i]);
      const best = this.found;
      let victim = -1;
      if (budget > 0) {
        this.nearestSteal(cell[i], this.foundCost);
        victim = this.found;
      }
      let t: number;
      if (victim >= 0) {
        budget--;
        t = this.task[victim];
        this.unopened.remove(victim);
        this.task[victim] = -1;
        this.assigned--;
        this.noteChange(victim, t);
        this.hooks.setGoal(victim, -1);
        free.push(victim);
      } else if (best >= 0 && this.assigned < this.activeLimit) {
        t = best;
        this.pool.remove(best);
        this.poolLive--;
      } else continue;
      this.noteChange(i, -1);
      this.task[i] = t;
      this.errand[i] = 0;
      this.fileUnopened(i);
      this.assigned++;
      this.hooks.setGoal(i, this.errands(t)[0]);
    }
    // The schedule is one task per robot per step: record each robot's final change only.
    for (const i of this.changed) {
      if (this.task[i] !== this.taskBefore[i]) this.hooks.assigned(step, i, this.task[i]);
      this.changedMark[i] = 0;
    }
    this.changed.length = 0;
  }

  /**
   * After the move (the step counted already): a robot on its task's next
   * errand advances it (one errand per step); the last finishes the task.
   */
  checkErrands(): void {
    const { n, cell, goal, step } = this.robots;
    for (let i = 0; i < n; i++) {
      const t = this.task[i];
      if (t < 0 || cell[i] !== goal[i]) continue;
      const errands = this.errands(t);
      const done = ++this.errand[i];
      if (done === 1) this.unopened.remove(i);
      this.errandsReached++;
      this.hooks.errandDone(step, i, t, done);
      if (done < errands.length) {
        this.hooks.setGoal(i, errands[done]);
        continue;
      }
      this.finished++;
      this.assigned--;
      this.task[i] = -1;
      this.hooks.setGoal(i, -1);
    }
  }

  /** Cells (Manhattan) over robot i's errands after its current goal. */
  leftAfterGoal(i: number): number {
    const w = this.grid.width;
    const e = this.errands(this.task[i]);
    let left = 0;
    for (let k = this.errand[i] + 1; k < e.length; k++) left += manhattan(w, e[k - 1], e[k]);
    return left;
  }

  /**
   * The revealed task a robot at `here` would take: the least weighed cost
   * (REACH_WEIGHT times the way to its first errand, plus its own length),
   * ties to the shorter task, then the earlier revealed. Looks at the tiles
   * round `here`, nearest first, until no tile can hold one as cheap.
   */
  private nearestTask(here: number): void {
    const w = this.grid.width;
    const hr = (here / w) | 0;
    const hc = here - hr * w;
    const pool = this.pool;
    const lines = this.tasks.length;
    let best = -1;
    let bestCost = Infinity;
    let bestLength = Infinity;
    const tr = (hr / TileBuckets.SIZE) | 0;
    const tc = (hc / TileBuckets.SIZE) | 0;
    const rings = Math.max(tr, pool.rows - 1 - tr, tc, pool.cols - 1 - tc);
    for (let r = 0; r <= rings; r++) {
      // Every tile of ring r lies at least this far (cells) from `here`.
      if (r > 0 && REACH_WEIGHT * ((r - 1) * TileBuckets.SIZE + 1) > bestCost) break;
      const tiles = this.ringTiles(pool, tr, tc, r);
      // Read after the call: it may have grown the array.
      const ring = this.ring;
      for (let q = 0; q < tiles; q++) {
        const y = ring[2 * q];
        const x = ring[2 * q + 1];
        const reach = REACH_WEIGHT * tileReach(hr, hc, y, x);
        if (reach > bestCost) continue;
        for (let id = pool.first(y, x); id >= 0; id = pool.after(id)) {
          const line = id % lines;
          const length = this.taskCost[line];
          // The tile's tasks come shortest first: from here on none can cost less than the best so far.
          if (reach + length > bestCost) break;
          const cost = REACH_WEIGHT * manhattan(w, here, this.tasks[line][0]) + length + this.crowdCost(line);
          if (cost < bestCost || (cost === bestCost && (length < bestLength || (length === bestLength && id < best)))) {
            best = id;
            bestCost = cost;
            bestLength = length;
          }
        }
      }
    }
    this.found = best;
    this.foundCost = bestCost;
  }

  /**
   * The robot a robot at `here` would take a task over from: one holding a
   * task it has not opened, whose first errand `here` reaches for less than
   * `limit` (weighed as in nearestTask, less the crowd term, which is the
   * task's whoever holds it) and clearly sooner than its holder
   * (STEAL_MARGIN); the cheapest, ties to the lowest robot index.
   */
  private nearestSteal(here: number, limit: number): void {
    const w = this.grid.width;
    const hr = (here / w) | 0;
    const hc = here - hr * w;
    const tiles = this.unopened;
    const lines = this.tasks.length;
    const cell = this.robots.cell;
    let victim = -1;
    let bestCost = limit;
    const tr = (hr / TileBuckets.SIZE) | 0;
    const tc = (hc / TileBuckets.SIZE) | 0;
    const rings = Math.max(tr, tiles.rows - 1 - tr, tc, tiles.cols - 1 - tc);
    for (let r = 0; r <= rings; r++) {
      if (r > 0 && REACH_WEIGHT * ((r - 1) * TileBuckets.SIZE + 1) > bestCost) break;
      const count = this.ringTiles(tiles, tr, tc, r);
      const ring = this.ring;
      for (let q = 0; q < count; q++) {
        const y = ring[2 * q];
        const x = ring[2 * q + 1];
        const reach = REACH_WEIGHT * tileReach(hr, hc, y, x);
        if (reach > bestCost) continue;
        for (let j = tiles.first(y, x); j >= 0; j = tiles.after(j)) {
          const line = this.task[j] % lines;
          // Shortest tasks first: from here on none can cost less than the best so far.
          if (reach + this.taskCost[line] > bestCost) break;
          const e0 = this.tasks[line][0];
          const mine = manhattan(w, here, e0);
          const cost = REACH_WEIGHT * mine + this.taskCost[line];
          if (victim < 0 ? cost >= bestCost : cost > bestCost || (cost === bestCost && j > victim)) continue;
          if (REACH_WEIGHT * (manhattan(w, cell[j], e0) - mine) < STEAL_MARGIN) continue;
          victim = j;
          bestCost = cost;
        }
      }
    }
    this.found = victim;
    this.foundCost = bestCost;
  }

  /** Row and column of each tile in the ring r tiles round tile (tr, tc), on the map, into `ring` (row-major order); their count. */
  private ringTiles(tiles: TileBuckets, tr: number, tc: number, r: number): number {
    if (this.ring.length < 16 * (r + 1)) this.ring = new Int32Array(32 * (r + 1));
    const ring = this.ring;
    let count = 0;
    for (let dr = -r; dr <= r; dr++) {
      const y = tr + dr;
      if (y < 0 || y >= tiles.rows) continue;
      const stride = dr === -r || dr === r ? 1 : 2 * r;
      for (let dc = -r; dc <= r; dc += stride) {
        const x = tc + dc;
        if (x < 0 || x >= tiles.cols) continue;
        ring[2 * count] = y;
        ring[2 * count + 1] = x;
        count++;
      }
    }
    return count;
  }

  private crowdAround(): void {
    const { n, cell, goal } = this.robots;
    if (this.crowd.length === 0) this.crowd = new Uint16Array(this.grid.width * this.grid.height);
    countCrowd(this.grid, n, cell, goal, CROWD_REACH, this.crowd);
  }

  /** The crowd a task's errands lie in, weighed for the scheduler (0 without crowdWeight). */
  private crowdCost(line: number): number {
    const weight = this.options.crowdWeight ?? 0;
    if (weight === 0) return 0;
    const e = this.tasks[line];
    let sum = 0;
    for (let k = 0; k < e.length; k++) sum += this.crowd[e[k]];
    return weight * sum;
  }

  /**
   * With more robots than may hold tasks (activeShare), a robot that has
   * just given up its priority for getting nowhere (yieldWhenStuck) and has
   * not opened its task hands it back to the pool (a task may change hands
   * until it is opened) and stands by for a while: a jam sheds the robots
   * heading into it, and a free robot elsewhere takes the task on.
   */
  private holdSurplus(): void {
    const { n, step } = this.robots;
    if (n <= this.activeLimit) return;
    for (let i = 0; i < n; i++) {
      const t = this.task[i];
      if (t < 0 || this.errand[i] !== 0 || !this.hooks.yieldedLastStep(i)) continue;
      this.unopened.remove(i);
      this.noteChange(i, t);
      this.task[i] = -1;
      this.assigned--;
      this.hooks.setGoal(i, -1);
      this.poolAdd(t);
      this.handedBackAt[i] = step;
      this.handedBack++;
    }
  }

  /** Remembers robot i's task as it was before this step's first change to it. */
  private noteChange(i: number, before: number): void {
    if (this.changedMark[i]) return;
    this.changedMark[i] = 1;
    this.taskBefore[i] = before;
    this.changed.push(i);
  }
}

/** Steps a robot that handed its task back stands by before it takes another. */
const STAND_BY_STEPS = 40;
/** Rows and columns round a robot on an errand that count it in their crowd (a 5 x 5 square). */
const CROWD_REACH = 2;

/**
 * Weight of a robot's way to a task's first errand against the task's own
 * length when the scheduler ranks tasks. Both are travel, but the way there
 * is the part the choice of robot decides: weighed alike, a robot takes a
 * short task far off that a nearer robot would have reached sooner, and the
 * fleet crosses the floor for its work. Measured on League of Robot Runners
 * problems over whole runs (tasks finished at weights 1, 3, 5 and 8):
 * RANDOM-02 972, 1,004, 1,026, 1,013; random_32_32_20_100 994, 1,099, 1,118,
 * 1,133; RANDOM-04 607, 653, 654, 668.
 */
const REACH_WEIGHT = 5;

/** How much cheaper (in the scheduler's weighed cost: REACH_WEIGHT per cell) a robot must reach a task's first errand to take it over from its holder. */
const STEAL_MARGIN = 8;
