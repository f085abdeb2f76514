import type { DistanceCache, DistanceField } from '../layout/distance.js';
import type { Grid } from '../layout/grid.js';
import { ErrandScheduler, type ErrandSchedulerOptions } from '../fleet/errand-scheduler.js';
import { LifelongControl, type LifelongControlOptions, type LifelongRobots } from '../fleet/lifelong-control.js';
import { ACTION_C as ACT_C, ACTION_F as ACT_F, ACTION_R as ACT_R } from './output.js';

export interface LorrInput {
  grid: Grid;
  /** Start cell per agent; every agent starts facing east. */
  starts: Int32Array;
  /** Errand cells per task, in file order. */
  tasks: Int32Array[];
  /** Tasks revealed at once (numTasksReveal x teamSize). */
  revealCount: number;
}

/** The fleet controller's settings: the planner and guidance (LifelongControl) and the scheduler (ErrandScheduler). */
export type LorrOptions = LifelongControlOptions & ErrandSchedulerOptions;

/** Assignment and errand records, in the start-kit's timesteps (the step's number + 1: after its move). */
export interface LorrRecords {
  assignments: { timestep: number; agent: number; task: number }[];
  events: { timestep: number; agent: number; task: number; errandsDone: number }[];
  revealed: { id: number; revealedAt: number }[];
}

/**
 * Lifelong MAPF under LoRR 2024's rules: agents face one of four directions and
 * per step move forward, turn 90 degrees or wait; no two agents in one cell,
 * no two swapping; a pool of revealed tasks refilled as tasks finish; an
 * agent finishes a task by visiting its errands in order.
 *
 * An adapter: the fleet controller in src/fleet plans (ErrandScheduler
 * hands tasks to agents, LifelongControl moves them); this class holds the
 * problem's state, reveals tasks as the start-kit does, carries out the
 * actions and keeps the records the output file needs.
 */
export class LorrSim {
  readonly n: number;
  readonly cell: Int32Array;
  readonly heading: Uint8Array;
  readonly goal: Int32Array;
  readonly goalSince: Int32Array;
  /** Actions taken, one Uint8Array per step (agent-indexed). */
  readonly actions: Uint8Array[] = [];
  readonly records: LorrRecords = { assignments: [], events: [], revealed: [] };
  /** Milliseconds spent planning (scheduler + planner) per step. */
  readonly planMs: number[] = [];
  /**
   * Robot-steps by action (indexed F, R, C, W), over the run so far, of
   * robots that held a goal when the step was planned (`onErrands`) and of
   * those that did not (`standingBy`): on a packed floor the two kinds
   * behave apart, and the fleet's shares mix them.
   */
  readonly onErrands = new Float64Array(4);
  readonly standingBy = new Float64Array(4);
  readonly scheduler: ErrandScheduler;
  readonly control: LifelongControl;
  private readonly robots: LifelongRobots;
  private nextReveal = 0;

  constructor(
    readonly input: LorrInput,
    readonly options: LorrOptions = {},
  ) {
    const { grid, starts } = input;
    const n = starts.length;
    this.n = n;
    this.cell = Int32Array.from(starts);
    this.heading = new Uint8Array(n);
    this.goal = new Int32Array(n).fill(-1);
    this.goalSince = new Int32Array(n);
    this.robots = { n, step: 0, cell: this.cell, heading: this.heading, goal: this.goal, goalSince: this.goalSince };
    const control = new LifelongControl(grid, this.robots, options, (i) => this.scheduler.leftAfterGoal(i));
    this.control = control;
    const records = this.records;
    this.scheduler = new ErrandScheduler(grid, input.tasks, this.robots, {
      setGoal: (i, goal) => control.setGoal(i, goal),
      yieldedLastStep: (i) => control.yieldedLastStep(i),
      // In the start-kit's timesteps: the step's number + 1, after its move.
      assigned: (step, agent, task) => records.assignments.push({ timestep: step + 1, agent, task }),
      // Counted after the move, so the step has advanced already.
      errandDone: (step, agent, task, errandsDone) => records.events.push({ timestep: step, agent, task, errandsDone }),
    }, options);
    this.reveal(0);
  }

  /** Steps taken. */
  get step(): number {
    return this.robots.step;
  }

  /** Tasks finished. */
  get finished(): number {
    return this.scheduler.finished;
  }

  /** Errands reached so far (a finer progress count than tasks). */
  get errandsReached(): number {
    return this.scheduler.errandsReached;
  }

  /** Tasks handed back to the pool by agents stuck before their first errand. */
  get handedBack(): number {
    return this.scheduler.handedBack;
  }

  /** Most agents holding a task at once (see activeShare; the rest stand by). */
  get activeLimit(): number {
    return this.scheduler.activeLimit;
  }

  /** Task held per agent (-1: none), and errands of it reached. */
  get task(): Int32Array {
    return this.scheduler.task;
  }

  get errand(): Int32Array {
    return this.scheduler.errand;
  }

  /** Each agent's distance field toward its goal (null until its search reaches it), and its search. */
  get field(): (DistanceField | null)[] {
    return this.control.field;
  }

  get lazy(): LifelongControl['lazy'] {
    return this.control.lazy;
  }

  get fields(): DistanceCache {
    return this.control.fields;
  }

  /** Where a cell's cost is in `field`'s arrays (null: by cell). */
  get fieldSlot(): Int32Array | null {
    return this.control.fieldSlot;
  }

  /** The cost at `cell` in one of `field`'s arrays. */
  costIn(f: Uint16Array, cell: number): number {
    return this.control.costIn(f, cell);
  }

  /** Errand cells of task `id`: the tasks file is cycled, as the start-kit does. */
  errands(id: number): Int32Array {
    return this.scheduler.errands(id);
  }

  /** Tops the pool of revealed, unfinished tasks back up to `revealCount`. */
  private reveal(timestep: number): void {
    const open = this.scheduler.poolLive + this.scheduler.assigned;
    for (let k = open; k < this.input.revealCount; k++) {
      const id = this.nextReveal++;
      this.scheduler.poolAdd(id);
      this.records.revealed.push({ id, revealedAt: timestep });
    }
  }

  /** Advances one step: schedule, plan, act, count errands. */
  advance(): void {
    const t0 = performance.now();
    this.scheduler.schedule();
    const acts = new Uint8Array(this.n);
    this.control.plan(acts);
    this.planMs.push(performance.now() - t0);
    this.countActions(acts);
    this.apply(acts);
    this.control.observe(acts);
    this.actions.push(acts);
    this.robots.step++;
    this.scheduler.checkErrands();
    this.reveal(this.robots.step);
  }

  private countActions(acts: Uint8Array): void {
    const { goal, onErrands, standingBy } = this;
    for (let i = 0; i < this.n; i++) {
      if (goal[i] >= 0) onErrands[acts[i]]++;
      else standingBy[acts[i]]++;
    }
  }

  private apply(acts: Uint8Array): void {
    const next = this.control.next;
    for (let i = 0; i < this.n; i++) {
      const a = acts[i];
      if (a === ACT_F) this.cell[i] = next[i];
      else if (a === ACT_R) this.heading[i] = (this.heading[i] + 1) & 3;
      else if (a === ACT_C) this.heading[i] = (this.heading[i] + 3) & 3;
    }
  }
}
