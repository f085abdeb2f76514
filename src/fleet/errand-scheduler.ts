import { manhattan, type Grid } from '../layout/grid.js';
import type { LifelongRobots } from './lifelong-control.js';
import { countCrowd } from './crowd.js';
import { TaskChoice } from './task-choice.js';

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
 * greedy scheduler under the fleet's choice rule (TaskChoice, which the
 * warehouse engine's `errands` assignment shares): each free robot takes the
 * revealed task with the least Manhattan travel to finish, its way to the
 * first errand weighed REACH_WEIGHT times against the task's own length, or
 * takes over a task whose first errand its holder has not reached yet when
 * it is clearly closer to it (a task may change hands until it is opened);
 * the robot that lost it chooses again. It knows robots, cells and errands, not what the errands are for:
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
  /** Revealed, unassigned tasks by id, and robots holding a task they have not opened (it may change hands), filed by first errand: the fleet's choice rule. */
  private readonly choice: TaskChoice;
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
  /** The crowd cost of a task id, for the choice (see crowdWeight). */
  private readonly crowdExtra = (id: number): number => this.crowdCost(id % this.tasks.length);
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
    this.choice = new TaskChoice(grid.width, grid.height);
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

  /** Revealed tasks nobody holds. */
  get poolLive(): number {
    return this.choice.openCount;
  }

  /** Adds a revealed task to the pool. */
  poolAdd(id: number): void {
    this.choice.addOpen(id, this.errands(id)[0], this.taskCost[id % this.tasks.length]);
  }

  /** Files robot i's task under its first errand while the robot has not reached it. */
  private fileUnopened(i: number): void {
    const t = this.task[i];
    this.choice.addHolder(i, this.errands(t)[0], this.taskCost[t % this.tasks.length]);
  }

  /** The task a free robot at `here` would take (the choice's `found` and `foundCost`). */
  private nearestTask(here: number): void {
    this.choice.nearestTask(here, (this.options.crowdWeight ?? 0) > 0 ? this.crowdExtra : undefined);
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
        key[i] = this.choice.foundCost;
      }
      free.sort((a, b) => key[a] - key[b] || a - b);
    }
    // Steals per step: bounded, though each one shortens the fleet's travel; none while most robots are free (the start).
    let budget = free.length > n / 4 ? 0 : 2 * n;
    for (let q = 0; q < free.length; q++) {
      const i = free[q];
      if (this.poolLive === 0 && budget <= 0) break;
      this.nearestTask(cell[i]);
      const best = this.choice.found;
      let victim = -1;
      if (budget > 0) {
        this.choice.nearestSteal(cell[i], this.choice.foundCost, cell);
        victim = this.choice.found;
      }
      let t: number;
      if (victim >= 0) {
        budget--;
        t = this.task[victim];
        this.choice.removeHolder(victim);
        this.task[victim] = -1;
        this.assigned--;
        this.noteChange(victim, t);
        this.hooks.setGoal(victim, -1);
        free.push(victim);
      } else if (best >= 0 && this.assigned < this.activeLimit) {
        t = best;
        this.choice.removeOpen(best);
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
      if (done === 1) this.choice.removeHolder(i);
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
      this.choice.removeHolder(i);
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
