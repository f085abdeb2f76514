import { NO_DIR } from '../core/robots.js';
import type { Rng } from '../core/rng.js';
import type { Grid } from '../layout/grid.js';
import { OperationPlanner, type OperationView } from './epibt.js';
import { OP_C, OP_F, OP_R } from './operations.js';
import { mayEnter, type Planner, type PlanView } from './planner.js';

/**
 * The operation planner (`OperationPlanner`, the one `wsim lorr` runs) as a
 * planner of the warehouse engine, for robots that turn in place
 * (`robots.rotationSeconds` of a tick or more; the League of Robot Runners'
 * action model is one tick): it plans over cell and heading, so a turn is
 * weighed as the ticks it takes, where PIBT plans on cells and turns when a
 * move needs it. With turns longer than a tick the operations are built for
 * them (a turn or a wait lasts as long as a quarter turn, see
 * buildOperations), and a turn once begun is finished: the robot stands as
 * it is meanwhile. Two rules of the operation planner make it work in
 * one-wide aisles: the robot ahead in the order goes first (leaderFirst)
 * and a robot moves only to gain (moveOnlyToGain; docs/model.md).
 *
 * Each tick every robot's three-action operations are ranked by its distance
 * field (a turn costs its ticks) and planned in priority order,
 * longest since its goal was set first; the first action is carried out:
 * forward becomes the next cell, a turn becomes the heading the robot turns
 * toward (`wantDir`) while it stays. The engine's rules hold inside the
 * plan: a loaded robot enters storage only at its goal, nobody enters a
 * closed area from outside, and a robot that is serving, charging or broken
 * stands as it is. A robot with nowhere to go stands unless pushed. With
 * `fleet.improve` it runs the operation planner's improvement step too (off
 * by default: on the engine's floors it has lost so far, docs/model.md).
 */
export class EpibtPlanner implements Planner {
  readonly name = 'epibt';
  /**
   * The operations reach three cells out and their ends' neighbours one more:
   * with the fields settled four levels past each robot, every cost read is
   * final.
   */
  readonly lookahead = 4;
  private readonly ops: OperationPlanner;
  private readonly opView: OperationView;
  private readonly goal: Int32Array;
  private readonly order: Int32Array;
  private readonly key: Float64Array;
  private readonly acts: Uint8Array;
  /** Robots that stand as they are this tick: the engine's fixed ones, and those in the middle of a turn. */
  private readonly fixed: Uint8Array;
  private readonly byKey = (a: number, b: number) => this.key[b] - this.key[a] || a - b;
  private view!: PlanView;

  constructor(
    private readonly grid: Grid,
    readonly n: number,
    /**
     * Among operations of equal cost, fewer turns first (default true): on
     * the default site with one-tick turns, an hour's robot wait ticks fell
     * from 2,722 to 1,009 with it.
     */
    fewerTurnsFirst = true,
    /** Ticks a quarter turn takes (robots.rotationSeconds in ticks, at least 1). */
    private readonly turnTicks = 1,
    /** Operations a tick of the improvement step (0: none; see OperationPlannerOptions.improveBudget). */
    improve = 0,
    /** The improvement step's draws (default: a stream of seed 0). */
    rng?: Rng,
  ) {
    this.ops = new OperationPlanner(grid, n, { idleStands: true, fewerTurnsFirst, turnTicks, leaderFirst: true, moveOnlyToGain: true, improveBudget: improve, rng });
    this.fixed = new Uint8Array(n);
    this.goal = new Int32Array(n);
    this.order = new Int32Array(n);
    this.key = new Float64Array(n);
    this.acts = new Uint8Array(n);
    this.opView = {
      n,
      cell: new Int32Array(0),
      heading: new Uint8Array(0),
      goal: this.goal,
      order: this.order,
      power: new Float64Array(n),
      costAt: (i, c) => this.costAt(i, c),
      // Plain fields count a tick per cell, guided ones fieldUnit: a turn costs its ticks.
      unit: () => turnTicks * (this.view.fieldUnit ?? 1),
      mayEnter: (i, from, to) => {
        const v = this.view;
        return mayEnter(v.fields.blocked, v.grid.kind, v.fields.blocked[from] === 0, v.loaded[i] !== 0, v.goal[i], to);
      },
      fixed: this.fixed,
    };
  }

  /** Cost to go from `c`: the robot's distance field; with nowhere to go, 0 where it stands and 1 elsewhere. */
  private costAt(i: number, c: number): number {
    const v = this.view;
    const field = v.field[i];
    if (this.goal[i] < 0 || field === null) return c === v.cell[i] ? 0 : 1;
    if (v.fieldCost !== undefined) return v.fieldCost(i, c);
    return field[v.fieldIndex === undefined ? c : v.fieldIndex[c]];
  }

  plan(view: PlanView, next: Int32Array): void {
    this.view = view;
    const { n, cell, heading, goal, goalSince, tick } = view;
    const ov = this.opView;
    ov.cell = cell;
    ov.heading = heading;
    const want = view.wantDir;
    const progress = view.turnProgress;
    // A turn once begun is finished: a robot part way through one stands as it is until it has turned.
    const turning = (i: number) => want !== undefined && progress !== undefined && want[i] !== NO_DIR && progress[i] > 0;
    for (let i = 0; i < n; i++) this.fixed[i] = view.fixed[i] !== 0 || turning(i) ? 1 : 0;
    for (let i = 0; i < n; i++) {
      // A robot at its goal has nowhere to go this tick: it stands unless pushed.
      const g = goal[i] >= 0 && goal[i] !== cell[i] && view.field[i] !== null ? goal[i] : -1;
      this.goal[i] = g;
      this.key[i] = g < 0 ? -1 : tick - goalSince[i];
      this.order[i] = i;
    }
    this.order.sort(this.byKey);
    for (let k = 0; k < n; k++) ov.power[this.order[k]] = (n - k) / n;
    this.ops.step(ov, this.acts);
    const nbr = this.grid.nbr;
    for (let i = 0; i < n; i++) {
      const a = this.acts[i];
      const h = heading[i];
      next[i] = a === OP_F ? nbr[cell[i] * 4 + h] : cell[i];
      if (want !== undefined && !turning(i)) want[i] = a === OP_R ? (h + 1) & 3 : a === OP_C ? (h + 3) & 3 : NO_DIR;
    }
  }
}
