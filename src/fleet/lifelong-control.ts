import { rngStream } from '../core/rng.js';
import { DistanceCache, type DistanceField } from '../layout/distance.js';
import { floorIndex } from '../layout/floor-index.js';
import { manhattan, moveDir, type Grid } from '../layout/grid.js';
import { countCrowd } from './crowd.js';
import { OperationPlanner, type OperationPlannerOptions, type OperationView } from './epibt.js';
import { GuidedCache, GuidedField } from './guided-field.js';
import { OP_C as ACT_C, OP_F as ACT_F, OP_R as ACT_R, OP_W as ACT_W } from './operations.js';
import { OrientedCache, type OrientedField } from './oriented-field.js';
import { PibtPlanner } from './pibt.js';
import { PibtT, type OrientedView } from './pibt-t.js';
import { TrafficPenalty } from './traffic-penalty.js';
import type { PlanView } from './planner.js';

/**
 * The robots a LifelongControl moves, shared with whoever gives them goals:
 * where each stands and faces (0=E, 1=S, 2=W, 3=N), its goal (-1: none),
 * the step its goal was set (its priority), and the step counter.
 */
export interface LifelongRobots {
  readonly n: number;
  step: number;
  readonly cell: Int32Array;
  readonly heading: Uint8Array;
  readonly goal: Int32Array;
  readonly goalSince: Int32Array;
}

/** Planner and guidance settings (see LifelongControl). */
export interface LifelongControlOptions {
  /** Ignore other robots (each moves as if alone): the congestion-free bound. */
  ghost?: boolean;
  /**
   * `pibt` (default): PIBT on cells, a move that needs a turn becomes the turn.
   * `epibt`: priority inheritance over three-action operations (see OperationPlanner).
   * `pibt-t`: PIBT over MAPF_T actions with oriented distances (experimental).
   */
  planner?: 'pibt-t' | 'pibt' | 'epibt';
  /**
   * Operation planner settings (see OperationPlanner); how robots' gains are
   * weighed: by priority rank (default), its square, or alike; and who leads:
   * the robot that has waited longest for its goal (`waiting`, default) or
   * the one with the least of its errands left (`remaining`, see planOperations).
   */
  epibt?: OperationPlannerOptions & { power?: 'flat' | 'rank' | 'rank2'; priority?: 'waiting' | 'remaining' };
  /**
   * With `epibt`: robots without a goal keep clear of robots on errands,
   * ranking their operations by how many robots with a goal stand within
   * this many rows and columns of where they end (see steerClear; default:
   * off, every operation costs them the same and they take the first that
   * fits).
   */
  idleClear?: number;
  /** Tie-break toward alternating one-way lanes (see PibtPlanner); default 0.3 without guidance, 0 with. */
  laneBias?: number;
  /**
   * `lanes` (default): distances where moves against the one-way lanes cost
   * more. `traffic`: lanes, plus a cost for entering cells where robots
   * have lately been held up, learned as the run goes (see learnTraffic).
   * `none`: plain distances.
   */
  guidance?: 'lanes' | 'traffic' | 'none';
  seed?: number;
}

/**
 * Moves robots that turn in place (each step: forward, a quarter turn, or a
 * wait; the League of Robot Runners' MAPF_T model) toward their goals, with
 * no two in one cell and no two swapping. It keeps each robot's distance
 * field toward its goal (guided by one-way lanes and learned traffic costs,
 * see GuidedField), grows those fields under a per-step work budget, and
 * plans each step's actions with the planner chosen by name. It knows
 * robots, goals and the floor; what the goals are for is its caller's
 * business (see ErrandScheduler).
 */
export class LifelongControl {
  readonly n: number;
  readonly field: (DistanceField | null)[];
  readonly lazy: ({ readonly dist: Uint16Array; readonly expanded: number; ensure(cell: number, margin?: number): void } | null)[];
  readonly fields: DistanceCache;
  /** The cell each robot ends this step's plan in. */
  readonly next: Int32Array;
  /**
   * Where a cell's cost is in `field`'s arrays: guided fields keep costs per
   * free cell (see FloorIndex), plain ones per cell (null).
   */
  readonly fieldSlot: Int32Array | null;
  /** Step each robot last gave up its priority (yieldWhenStuck). */
  readonly yieldedAt: Int32Array;
  private readonly cell: Int32Array;
  private readonly heading: Uint8Array;
  private readonly goal: Int32Array;
  private readonly goalSince: Int32Array;
  private readonly planner: PibtPlanner;
  private readonly view: PlanView & { tick: number };
  private readonly claim: Int32Array;
  private readonly oriented: OrientedCache;
  private readonly guided: GuidedCache;
  private readonly ofield: (OrientedField | null)[];
  private readonly oview: OrientedView;
  private readonly pibtT: PibtT;
  private fieldCursor = 0;
  private readonly startCost: number;
  /** Closest the robot has been to its current goal, and when it got there. */
  private readonly bestDist: Float64Array;
  private readonly progressAt: Int32Array;
  /** Cell each robot's field was last made exact around (-1: not since its goal changed). */
  private readonly ensuredAt: Int32Array;

  constructor(
    private readonly grid: Grid,
    private readonly robots: LifelongRobots,
    readonly options: LifelongControlOptions = {},
    /** Cells (Manhattan) over robot i's errands after its current goal, for the `remaining` priority (default 0). */
    private readonly leftAfterGoal: (i: number) => number = () => 0,
  ) {
    const n = robots.n;
    this.n = n;
    this.cell = robots.cell;
    this.heading = robots.heading;
    this.goal = robots.goal;
    this.goalSince = robots.goalSince;
    this.fieldSlot = options.guidance === 'none' || options.planner === 'pibt-t' ? null : floorIndex(grid).slot;
    this.field = new Array(n).fill(null);
    this.lazy = new Array(n).fill(null);
    this.fields = new DistanceCache(grid, 1024 * 1024 * 1024);
    const cells = grid.width * grid.height;
    this.next = new Int32Array(n);
    this.claim = new Int32Array(cells).fill(-1);
    this.planner = new PibtPlanner(grid, n, { rng: rngStream(options.seed ?? 0, 'planner'), window: 1, replanEvery: 1 });
    this.view = {
      grid,
      n,
      tick: 0,
      cell: this.cell,
      goal: this.goal,
      goalSince: this.goalSince,
      field: this.field,
      loaded: new Uint8Array(n),
      fixed: new Uint8Array(n),
      heading: this.heading,
      // With lanes, going straight on is going with the flow: prefer it among equal cells.
      turnBias: options.guidance === 'none' ? 0 : 0.2,
      laneBias: options.laneBias ?? (options.guidance === 'none' ? 0.3 : 0),
      fields: this.fields,
      fieldIndex: this.fieldSlot ?? undefined,
    };
    this.oriented = new OrientedCache(grid);
    this.guided = new GuidedCache(grid);
    this.ofield = new Array(n).fill(null);
    this.oview = { n, step: 0, cell: this.cell, heading: this.heading, goalSince: this.goalSince, dist: new Array(n).fill(null) };
    this.pibtT = new PibtT(grid, n, rngStream(options.seed ?? 0, 'planner'));
    this.startCost = (grid.width * grid.height) >> 3;
    this.bestDist = new Float64Array(n).fill(Infinity);
    this.progressAt = new Int32Array(n);
    this.ensuredAt = new Int32Array(n).fill(-1);
    this.yieldedAt = new Int32Array(n).fill(-STUCK_STEPS - 1);
  }

  private get step(): number {
    return this.robots.step;
  }

  /** Whether robot i gave up its priority in the last step. */
  yieldedLastStep(i: number): boolean {
    return this.yieldedAt[i] === this.step - 1;
  }

  /**
   * Plans one step: each robot's action into `acts` (forward, turn right,
   * turn left, wait: OP_F, OP_R, OP_C, OP_W) and the cell it ends in into
   * `next`. Robots that have not come closer to their goals for a while give
   * up their priority first (yieldWhenStuck).
   */
  plan(acts: Uint8Array): void {
    this.yieldWhenStuck();
    if (this.options.planner === 'epibt') {
      this.growFields();
      this.planOperations(acts);
      this.fillNext(acts);
    } else if (this.usesOriented) {
      for (let i = 0; i < this.n; i++) this.ofield[i]?.ensure(this.cell[i]);
      if (this.options.ghost) this.ghostActions(acts);
      else {
        this.oview.step = this.step;
        this.pibtT.plan(this.oview, acts);
      }
      this.fillNext(acts);
    } else {
      this.growFields();
      if (this.options.ghost) this.ghostMoves();
      else {
        this.view.tick = this.step;
        this.planner.plan(this.view, this.next);
      }
      this.toActions(acts);
    }
  }

  /** After the step's actions: learns the traffic costs (guidance `traffic`). */
  observe(acts: Uint8Array): void {
    if (this.options.guidance === 'traffic' && !this.options.ghost) this.learnTraffic(acts);
  }

  private ops: OperationPlanner | null = null;
  private opView: OperationView | null = null;
  private opOrder = new Int32Array(0);
  private opKey = new Float64Array(0);

  /**
   * Priority by what is left of the errands (`remaining`): the robot nearest to
   * finishing leads, so a task nearly done is not held up by one just begun
   * (on a packed floor, waiting longest says little: everyone waits). Counted
   * in Manhattan cells over the errands left. A robot that has just given up
   * its priority for getting nowhere (yieldWhenStuck) goes last meanwhile.
   */
  private remainingKey(i: number): number {
    const left = manhattan(this.grid.width, this.cell[i], this.goal[i]) + this.leftAfterGoal(i);
    return this.step - this.yieldedAt[i] <= STUCK_STEPS ? -left - YIELDED : -left;
  }

  /** Robots with a goal within idleClear rows and columns of each cell (empty: idleClear off; see steerClear). */
  private crowdCost = new Uint16Array(0);

  /**
   * idleClear: counts, per cell, the robots with a goal round it (see
   * countCrowd), the cost a robot without one reads there. On a packed floor
   * the robots on errands gather where their ways cross, and the gaps they
   * need stay among the standing-by robots, which drift at random: on RANDOM-04 at step 2,500,
   * a quarter of the floor held 139 robots on errands, 48 standing by and 6
   * gaps (3% of its cells, against 18% elsewhere), and its robots on errands
   * turned in place in 86% of their steps. Standing-by robots that move away
   * from robots on errands leave their gaps where those robots are.
   */
  private steerClear(reach: number): void {
    if (this.crowdCost.length === 0) this.crowdCost = new Uint16Array(this.grid.width * this.grid.height);
    countCrowd(this.grid, this.n, this.cell, this.goal, reach, this.crowdCost);
  }

  /** The traffic costs learned so far (guidance `traffic`; made on the first step observed). */
  private traffic: TrafficPenalty | null = null;

  /** The cost at `cell` in one of `field`'s arrays. */
  costIn(f: Uint16Array, cell: number): number {
    return f[this.fieldSlot === null ? cell : this.fieldSlot[cell]];
  }

  /** Plans with multi-action operations (see OperationPlanner): priority by time since the goal was set. */
  private planOperations(acts: Uint8Array): void {
    const n = this.n;
    if (this.ops === null) {
      this.ops = new OperationPlanner(this.grid, n, this.options.epibt ?? {});
      this.opOrder = new Int32Array(n);
      this.opKey = new Float64Array(n);
      const lazy = this.lazy;
      const field = this.field;
      this.opView = {
        n,
        cell: this.cell,
        heading: this.heading,
        goal: this.goal,
        order: this.opOrder,
        power: new Float64Array(n),
        costAt: (i, c) => {
          if (this.goal[i] < 0 && this.crowdCost.length > 0) return this.crowdCost[c];
          const l = lazy[i];
          if (l === null || field[i] === null) return -1;
          if (l instanceof GuidedField) return l.exact(c);
          l.ensure(c);
          return this.costIn(l.dist, c);
        },
        unit: (i) => (lazy[i] instanceof GuidedField ? 2 : 1),
      };
    }
    const view = this.opView!;
    if (this.options.idleClear !== undefined) this.steerClear(this.options.idleClear);
    view.idleCostsMove = this.crowdCost.length > 0;
    const remaining = this.options.epibt?.priority === 'remaining';
    for (let i = 0; i < n; i++) {
      this.opKey[i] = this.goal[i] < 0 ? -Infinity : remaining ? this.remainingKey(i) : this.step - this.goalSince[i];
      this.opOrder[i] = i;
    }
    const key = this.opKey;
    this.opOrder.sort((a, b) => key[b] - key[a] || a - b);
    const mode = this.options.epibt?.power ?? 'rank';
    for (let k = 0; k < n; k++) {
      const i = this.opOrder[k];
      const p = (n - k) / n;
      view.power[i] = mode === 'flat' ? 1 : mode === 'rank2' ? p * p : p;
    }
    this.ops.step(view, acts);
  }

  /** Congestion-aware guidance (see TrafficPenalty): every window, the learned costs go to the fields made from then on. */
  private learnTraffic(acts: Uint8Array): void {
    this.traffic ??= new TrafficPenalty(this.grid.width * this.grid.height, this.n);
    const penalty = this.traffic.observe(this.step, acts, this.cell, this.goal);
    if (penalty !== null) this.guided.setPenalty(penalty);
  }

  /**
   * PIBT lets the longest-waiting robot win, which is complete only where
   * every aisle has a way round. Among dead ends a robot can win forever and
   * still not get through; one that has not come closer to its goal for a
   * while drops back to the lowest priority, so that another robot leads.
   */
  private yieldWhenStuck(): void {
    for (let i = 0; i < this.n; i++) {
      const f = this.field[i] ?? this.oview.dist[i];
      if (f === null) continue;
      const d = this.usesOriented ? f[this.cell[i] * 4 + this.heading[i]] : this.costIn(f, this.cell[i]);
      if (d < this.bestDist[i]) {
        this.bestDist[i] = d;
        this.progressAt[i] = this.step;
      } else if (this.step - this.progressAt[i] > STUCK_STEPS) {
        this.goalSince[i] = this.step;
        this.yieldedAt[i] = this.step;
        this.progressAt[i] = this.step;
      }
    }
  }

  /**
   * Grows each robot's distance search as far as the robot needs, under a
   * per-step budget of expanded cells (deterministic, unlike a clock): when
   * thousands of robots get new goals at once, as at the start, the searches
   * spread over a few steps and the robots still waiting for theirs hold still
   * (or yield when pushed) meanwhile.
   */
  private growFields(): void {
    let budget = this.options.ghost ? Infinity : FIELD_BUDGET;
    for (let k = 0; k < this.n; k++) {
      // Start where the last step's budget ran out, so no robot waits for ever.
      const i = (this.fieldCursor + k) % this.n;
      const lazy = this.lazy[i];
      if (lazy === null) continue;
      const here = this.cell[i];
      if (this.field[i] === null) {
        if (budget <= 0) continue;
        const before = lazy.expanded;
        lazy.ensure(here, 2);
        // A search toward a new goal also costs its start: a plain one fills a whole-floor array (count it as an
        // eighth of the cells); a guided one says what its start cost.
        if (before === 0) budget -= lazy instanceof GuidedField ? lazy.startCost : this.startCost;
        budget -= lazy.expanded - before;
        this.field[i] = lazy.dist;
        if (budget <= 0) this.fieldCursor = (i + 1) % this.n;
      } else if (this.ensuredAt[i] !== here) lazy.ensure(here, 2); // costs once final stay final: a waiting robot needs nothing
      this.ensuredAt[i] = here;
    }
  }

  private get usesOriented(): boolean {
    return this.options.planner === 'pibt-t';
  }

  /** Ghost robots under MAPF_T: the best action by oriented distance, nobody else considered. */
  private ghostActions(acts: Uint8Array): void {
    const nbr = this.grid.nbr;
    for (let i = 0; i < this.n; i++) {
      const f = this.oview.dist[i];
      const c = this.cell[i];
      const h = this.heading[i];
      acts[i] = ACT_W;
      if (f === null) continue;
      const here = f[c * 4 + h];
      const ahead = nbr[c * 4 + h];
      if (ahead >= 0 && f[ahead * 4 + h] < here) acts[i] = ACT_F;
      else if (f[c * 4 + ((h + 1) & 3)] < here) acts[i] = ACT_R;
      else if (f[c * 4 + ((h + 3) & 3)] < here) acts[i] = ACT_C;
    }
  }

  /** The cell each robot ends the step in, from its action. */
  private fillNext(acts: Uint8Array): void {
    const nbr = this.grid.nbr;
    for (let i = 0; i < this.n; i++) this.next[i] = acts[i] === ACT_F ? nbr[this.cell[i] * 4 + this.heading[i]] : this.cell[i];
  }

  /** Sets robot i's goal (-1: none) and the field toward it; the step counts as when the goal was set. */
  setGoal(i: number, goal: number): void {
    this.goal[i] = goal;
    this.goalSince[i] = this.step;
    this.bestDist[i] = Infinity;
    this.progressAt[i] = this.step;
    if (this.usesOriented) {
      const of = goal < 0 ? null : this.oriented.get(goal);
      this.ofield[i] = of;
      this.oview.dist[i] = of === null ? null : of.dist;
      of?.ensure(this.cell[i]);
      return;
    }
    const old = this.lazy[i];
    if (old instanceof GuidedField) this.guided.unuse(old);
    const lazy = goal < 0 ? null : this.options.guidance === 'none' ? this.fields.lazy(goal, false) : this.guided.get(goal);
    if (lazy instanceof GuidedField) this.guided.use(lazy);
    this.lazy[i] = lazy;
    // Not readable until its search has reached the robot (growFields, within the step's budget).
    this.field[i] = null;
    this.ensuredAt[i] = -1;
  }

  /** Without others: every robot steps to its best neighbour. */
  private ghostMoves(): void {
    const { nbr } = this.grid;
    for (let i = 0; i < this.n; i++) {
      const c = this.cell[i];
      const f = this.field[i];
      let best = c;
      if (f !== null) {
        let bestKey = this.costIn(f, c);
        for (let d = 0; d < 4; d++) {
          const v = nbr[c * 4 + d];
          if (v < 0) continue;
          const key = this.costIn(f, v) + (d === this.heading[i] ? 0 : 0.5);
          if (key < bestKey) {
            bestKey = key;
            best = v;
          }
        }
      }
      this.next[i] = best;
    }
  }

  /** Turns planned cells into MAPF_T actions; robots that would run into a turning or waiting robot wait. */
  private toActions(acts: Uint8Array): void {
    const { width, nbr } = this.grid;
    const n = this.n;
    const { next, cell, heading, claim } = this;
    for (let i = 0; i < n; i++) {
      const c = cell[i];
      const to = next[i];
      if (to === c) {
        acts[i] = ACT_W;
        // Waiting with somewhere to go: face the best way out meanwhile.
        const f = this.field[i];
        if (f !== null && this.goal[i] !== c) {
          let bestD = -1;
          let bestKey = this.costIn(f, c);
          for (let d = 0; d < 4; d++) {
            const v = nbr[c * 4 + d];
            if (v < 0) continue;
            const cv = this.costIn(f, v);
            if (cv < bestKey) {
              bestKey = cv;
              bestD = d;
            }
          }
          if (bestD >= 0 && bestD !== heading[i]) acts[i] = ((bestD - heading[i]) & 3) === 3 ? ACT_C : ACT_R;
        }
        continue;
      }
      const d = moveDir(width, c, to);
      if (d === heading[i]) acts[i] = ACT_F;
      else {
        acts[i] = ((d - heading[i]) & 3) === 3 ? ACT_C : ACT_R;
        next[i] = c;
      }
    }
    if (this.options.ghost) return;
    // Staying robots own their cells; a mover into an owned cell waits, and so does whoever followed it.
    for (let i = 0; i < n; i++) if (next[i] === cell[i]) claim[cell[i]] = i;
    for (let i = 0; i < n; i++) {
      if (next[i] === cell[i]) continue;
      const to = next[i];
      if (claim[to] < 0) {
        claim[to] = i;
        continue;
      }
      let k = i;
      while (k >= 0) {
        next[k] = cell[k];
        acts[k] = ACT_W;
        const other = claim[cell[k]];
        claim[cell[k]] = k;
        k = other >= 0 && other !== k ? other : -1;
      }
    }
    for (let i = 0; i < n; i++) {
      claim[cell[i]] = -1;
      claim[next[i]] = -1;
    }
  }
}

/** Cells of new distance searches expanded per step at most (some 50 ms of work on a 2-core machine of this project's kind). */
const FIELD_BUDGET = 1_200_000;

/** Steps without getting closer to its goal after which a robot gives up its priority (for as many steps again, with `remaining`). */
const STUCK_STEPS = 40;
/** Below any robot's remaining cells: a robot that has yielded ranks after every other with a goal. */
const YIELDED = 1 << 24;
