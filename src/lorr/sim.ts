import { rngStream } from '../core/rng.js';
import { DistanceCache, type DistanceField } from '../layout/distance.js';
import { manhattan, moveDir, type Grid } from '../layout/grid.js';
import { PibtPlanner } from '../fleet/pibt.js';
import type { PlanView } from '../fleet/planner.js';
import { floorIndex } from '../layout/floor-index.js';
import { GuidedCache, GuidedField, MAX_PENALTY } from './guided-field.js';
import { TileBuckets, tileReach } from './tile-buckets.js';
import { countHeldUp } from './held-up.js';
import { OrientedCache, type OrientedField } from './oriented-field.js';
import { PibtT, type OrientedView } from './pibt-t.js';
import { ACTION_C as ACT_C, ACTION_F as ACT_F, ACTION_R as ACT_R, ACTION_W as ACT_W } from './output.js';
import { OperationPlanner, type OperationPlannerOptions, type OperationView } from '../fleet/epibt.js';

export interface LorrInput {
  grid: Grid;
  /** Start cell per agent; every agent starts facing east. */
  starts: Int32Array;
  /** Errand cells per task, in file order. */
  tasks: Int32Array[];
  /** Tasks revealed at once (numTasksReveal x teamSize). */
  revealCount: number;
}

export interface LorrOptions {
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
   * the agent that has waited longest for its goal (`waiting`, default) or
   * the one with the least of its task left (`remaining`, see planOperations).
   */
  epibt?: OperationPlannerOptions & { power?: 'flat' | 'rank' | 'rank2'; priority?: 'waiting' | 'remaining' };
  /**
   * Most agents holding a task at once, as a share of the map's free cells,
   * rounded up (default: no limit). Past what a floor carries, more robots on errands
   * only jam it: the rest stand by (see holdSurplus).
   */
  activeShare?: number;
  /**
   * Weight, in the scheduler's cost, of the robots on errands round each of a
   * task's errands (see crowdAround; default 0): a task into a jam ranks
   * behind tasks elsewhere, so fewer agents join the jam while it clears.
   */
  crowdWeight?: number;
  /** Tie-break toward alternating one-way lanes (see PibtPlanner); default 0.3 without guidance, 0 with. */
  laneBias?: number;
  /**
   * `lanes` (default): distances where moves against the one-way lanes cost
   * double. `traffic`: lanes, plus a cost for entering cells where robots
   * have lately stood waiting, learned as the run goes (see learnTraffic).
   * `none`: plain distances.
   */
  guidance?: 'lanes' | 'traffic' | 'none';
  seed?: number;
}

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
 * The planner is the simulator's PIBT on cells, guided by exact (lazily grown)
 * distance fields and preferring the cell ahead; a move that needs a turn
 * becomes the turn, and robots that would run into a turning robot wait.
 */
export class LorrSim {
  readonly n: number;
  step = 0;
  finished = 0;
  readonly cell: Int32Array;
  readonly heading: Uint8Array;
  readonly goal: Int32Array;
  readonly goalSince: Int32Array;
  readonly task: Int32Array;
  readonly errand: Int32Array;
  readonly field: (DistanceField | null)[];
  readonly lazy: ({ readonly dist: Uint16Array; readonly expanded: number; ensure(cell: number, margin?: number): void } | null)[];
  /** Actions taken, one Uint8Array per step (agent-indexed). */
  readonly actions: Uint8Array[] = [];
  readonly records: LorrRecords = { assignments: [], events: [], revealed: [] };
  /** Errands reached so far (a finer progress count than tasks). */
  errandsReached = 0;
  /** Tasks handed back to the pool by agents stuck before their first errand (see holdSurplus). */
  handedBack = 0;
  /** Milliseconds spent planning (scheduler + planner) per step. */
  readonly planMs: number[] = [];
  readonly fields: DistanceCache;
  /** Revealed, unassigned tasks by id, filed by where their first errand is, shortest first in each tile (see poolAdd). */
  private readonly pool: TileBuckets;
  /** Tasks in `pool`. */
  private poolLive = 0;
  /** Agents holding a task whose first errand they have not reached (it may change hands), filed by that errand. */
  private readonly unopened: TileBuckets;
  private nextReveal = 0;
  private readonly planner: PibtPlanner;
  private readonly view: PlanView & { tick: number };
  private readonly next: Int32Array;
  private readonly claim: Int32Array;
  private readonly occ: Int32Array;
  private readonly taskCost: Float64Array;
  private readonly oriented: OrientedCache;
  private readonly guided: GuidedCache;
  private readonly ofield: (OrientedField | null)[];
  private readonly oview: OrientedView;
  private readonly pibtT: PibtT;
  /**
   * Where a cell's cost is in `field`'s arrays: guided fields keep costs per
   * free cell (see FloorIndex), plain ones per cell (null).
   */
  readonly fieldSlot: Int32Array | null;

  /** The cost at `cell` in one of `field`'s arrays. */
  costIn(f: Uint16Array, cell: number): number {
    return f[this.fieldSlot === null ? cell : this.fieldSlot[cell]];
  }

  constructor(
    readonly input: LorrInput,
    readonly options: LorrOptions = {},
  ) {
    const { grid, starts } = input;
    const n = starts.length;
    this.n = n;
    this.pool = new TileBuckets(grid.width, grid.height);
    this.unopened = new TileBuckets(grid.width, grid.height);
    this.fieldSlot = options.guidance === 'none' || options.planner === 'pibt-t' ? null : floorIndex(grid).slot;
    this.cell = Int32Array.from(starts);
    this.heading = new Uint8Array(n);
    this.goal = new Int32Array(n).fill(-1);
    this.goalSince = new Int32Array(n);
    this.task = new Int32Array(n).fill(-1);
    this.errand = new Int32Array(n);
    this.field = new Array(n).fill(null);
    this.lazy = new Array(n).fill(null);
    this.fields = new DistanceCache(grid, 1024 * 1024 * 1024);
    const cells = grid.width * grid.height;
    this.next = new Int32Array(n);
    this.claim = new Int32Array(cells).fill(-1);
    this.occ = new Int32Array(cells).fill(-1);
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
    // Length of each task along its errands (Manhattan), for the scheduler.
    this.taskCost = new Float64Array(input.tasks.length);
    const w = grid.width;
    for (let t = 0; t < input.tasks.length; t++) {
      const e = input.tasks[t];
      let c = 0;
      for (let k = 1; k < e.length; k++) c += manhattan(w, e[k - 1], e[k]);
      this.taskCost[t] = c;
    }
    this.startCost = (grid.width * grid.height) >> 3;
    this.changedMark = new Uint8Array(n);
    this.bestDist = new Float64Array(n).fill(Infinity);
    this.progressAt = new Int32Array(n);
    this.taskBefore = new Int32Array(n);
    this.ensuredAt = new Int32Array(n).fill(-1);
    this.yieldedAt = new Int32Array(n).fill(-STUCK_STEPS - 1);
    this.handedBackAt = new Int32Array(n).fill(-STUCK_STEPS - 1);
    this.freeKey = new Float64Array(n);
    this.activeLimit = options.activeShare === undefined ? n : Math.max(1, Math.ceil(options.activeShare * grid.free.length));
    this.reveal(0);
  }

  /** Errand cells of task `id`: the tasks file is cycled, as the start-kit does. */
  errands(id: number): Int32Array {
    return this.input.tasks[id % this.input.tasks.length];
  }

  /** Tops the pool of revealed, unfinished tasks back up to `revealCount`. */
  private reveal(timestep: number): void {
    const open = this.poolLive + this.assigned;
    for (let k = open; k < this.input.revealCount; k++) {
      const id = this.nextReveal++;
      this.poolAdd(id);
      this.records.revealed.push({ id, revealedAt: timestep });
    }
  }

  private poolAdd(id: number): void {
    const e0 = this.errands(id)[0];
    const w = this.input.grid.width;
    // Shortest first in each tile: a search stops in a tile at the first task too long to beat what it has.
    this.pool.add(id, (e0 / w) | 0, e0 % w, this.taskCost[id % this.input.tasks.length]);
    this.poolLive++;
  }

  /** Files agent i's task under its first errand while the agent has not reached it. */
  private fileUnopened(i: number): void {
    const e0 = this.errands(this.task[i])[0];
    const w = this.input.grid.width;
    // Shortest task first in each tile, as in the pool (see nearestSteal).
    this.unopened.add(i, (e0 / w) | 0, e0 % w, this.taskCost[this.task[i] % this.input.tasks.length]);
  }

  /** Agents holding a task. */
  private assigned = 0;
  private readonly freeList: number[] = [];
  private fieldCursor = 0;
  private readonly startCost: number;
  /** Closest the agent has been to its current goal, and when it got there. */
  private bestDist = new Float64Array(0);
  private progressAt = new Int32Array(0);
  private readonly changed: number[] = [];
  /** Cell each agent's field was last made exact around (-1: not since its goal changed). */
  private ensuredAt = new Int32Array(0);
  private changedMark = new Uint8Array(0);
  private taskBefore = new Int32Array(0);
  /** Most agents holding a task at once (see activeShare; the number of agents without it). */
  readonly activeLimit: number;
  /** Step each agent last gave up its priority (yieldWhenStuck), and last handed a task back (holdSurplus). */
  private yieldedAt = new Int32Array(0);
  private handedBackAt = new Int32Array(0);
  /** Cost of the cheapest task to hand, per free agent (see schedule). */
  private freeKey = new Float64Array(0);

  /** Advances one step: schedule, plan, act, count errands. */
  advance(): void {
    const t0 = performance.now();
    this.schedule();
    const n = this.n;
    this.yieldWhenStuck();
    const acts = new Uint8Array(n);
    if (this.options.planner === 'epibt') {
      this.growFields();
      this.planOperations(acts);
      this.fillNext(acts);
    } else if (this.usesOriented) {
      for (let i = 0; i < n; i++) this.ofield[i]?.ensure(this.cell[i]);
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
    this.planMs.push(performance.now() - t0);
    this.apply(acts);
    if (this.options.guidance === 'traffic' && !this.options.ghost) this.learnTraffic(acts);
    this.actions.push(acts);
    this.step++;
    this.checkErrands();
  }

  /**
   * Greedy scheduler: each free agent takes the revealed task with the least
   * Manhattan travel to finish, its way to the first errand weighed
   * REACH_WEIGHT times the task's own length, or takes over a task whose first errand its
   * holder has not reached yet when it is clearly closer to it (LoRR lets a
   * task change hands until it is opened); the agent that lost it chooses again.
   */
  private schedule(): void {
    const free = this.freeList;
    free.length = 0;
    if ((this.options.crowdWeight ?? 0) > 0) this.crowdAround();
    this.holdSurplus();
    for (let i = 0; i < this.n; i++) if (this.task[i] < 0 && this.step - this.handedBackAt[i] > STUCK_STEPS) free.push(i);
    const slots = this.activeLimit - this.assigned;
    if (free.length > slots) {
      // More free agents than tasks may be held: the ones with the cheapest tasks to hand choose first.
      const key = this.freeKey;
      for (const i of free) {
        this.nearestTask(this.cell[i]);
        key[i] = this.foundCost;
      }
      free.sort((a, b) => key[a] - key[b] || a - b);
    }
    // Steals per step: bounded, though each one shortens the fleet's travel; none while most agents are free (the start).
    let budget = free.length > this.n / 4 ? 0 : 2 * this.n;
    for (let q = 0; q < free.length; q++) {
      const i = free[q];
      if (this.poolLive === 0 && budget <= 0) break;
      this.nearestTask(this.cell[i]);
      const best = this.found;
      let victim = -1;
      if (budget > 0) {
        this.nearestSteal(this.cell[i], this.foundCost);
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
        this.setGoal(victim, -1);
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
      this.setGoal(i, this.errands(t)[0]);
    }
    // The schedule is one task per agent per step: record each agent's final change only.
    for (const i of this.changed) {
      if (this.task[i] !== this.taskBefore[i]) this.records.assignments.push({ timestep: this.step + 1, agent: i, task: this.task[i] });
      this.changedMark[i] = 0;
    }
    this.changed.length = 0;
  }

  /** What the last search found (-1: nothing) and its cost. */
  private found = -1;
  private foundCost = Infinity;

  /**
   * The revealed task an agent at `here` would take: the least weighed cost
   * (REACH_WEIGHT times the way to its first errand, plus its own length),
   * ties to the shorter task, then the earlier revealed. Looks at the tiles
   * round `here`, nearest first, until no tile can hold one as cheap.
   */
  private nearestTask(here: number): void {
    const w = this.input.grid.width;
    const hr = (here / w) | 0;
    const hc = here - hr * w;
    const pool = this.pool;
    const lines = this.input.tasks.length;
    let best = -1;
    let bestCost = Infinity;
    let bestLength = Infinity;
    const tr = (hr / TileBuckets.SIZE) | 0;
    const tc = (hc / TileBuckets.SIZE) | 0;
    const rings = Math.max(tr, pool.rows - 1 - tr, tc, pool.cols - 1 - tc);
    for (let r = 0; r <= rings; r++) {
      // Every tile of ring r lies at least this far (cells) from `here`.
      if (r > 0 && REACH_WEIGHT * ((r - 1) * TileBuckets.SIZE + 1) > bestCost) break;
      for (let dr = -r; dr <= r; dr++) {
        const y = tr + dr;
        if (y < 0 || y >= pool.rows) continue;
        const stride = dr === -r || dr === r ? 1 : 2 * r;
        for (let dc = -r; dc <= r; dc += stride) {
          const x = tc + dc;
          if (x < 0 || x >= pool.cols) continue;
          const reach = REACH_WEIGHT * tileReach(hr, hc, y, x);
          if (reach > bestCost) continue;
          for (let id = pool.first(y, x); id >= 0; id = pool.after(id)) {
            const line = id % lines;
            const length = this.taskCost[line];
            // The tile's tasks come shortest first: from here on none can cost less than the best so far.
            if (reach + length > bestCost) break;
            const cost = REACH_WEIGHT * manhattan(w, here, this.input.tasks[line][0]) + length + this.crowdCost(line);
            if (cost < bestCost || (cost === bestCost && (length < bestLength || (length === bestLength && id < best)))) {
              best = id;
              bestCost = cost;
              bestLength = length;
            }
          }
        }
      }
    }
    this.found = best;
    this.foundCost = bestCost;
  }

  /**
   * The agent an agent at `here` would take a task over from: one holding a
   * task it has not opened, whose first errand `here` reaches for less than
   * `limit` (weighed as in nearestTask, less the crowd term, which is the
   * task's whoever holds it) and clearly sooner than its holder
   * (STEAL_MARGIN); the cheapest, ties to the lowest agent index.
   */
  private nearestSteal(here: number, limit: number): void {
    const w = this.input.grid.width;
    const hr = (here / w) | 0;
    const hc = here - hr * w;
    const tiles = this.unopened;
    const lines = this.input.tasks.length;
    let victim = -1;
    let bestCost = limit;
    const tr = (hr / TileBuckets.SIZE) | 0;
    const tc = (hc / TileBuckets.SIZE) | 0;
    const rings = Math.max(tr, tiles.rows - 1 - tr, tc, tiles.cols - 1 - tc);
    for (let r = 0; r <= rings; r++) {
      if (r > 0 && REACH_WEIGHT * ((r - 1) * TileBuckets.SIZE + 1) > bestCost) break;
      for (let dr = -r; dr <= r; dr++) {
        const y = tr + dr;
        if (y < 0 || y >= tiles.rows) continue;
        const stride = dr === -r || dr === r ? 1 : 2 * r;
        for (let dc = -r; dc <= r; dc += stride) {
          const x = tc + dc;
          if (x < 0 || x >= tiles.cols) continue;
          const reach = REACH_WEIGHT * tileReach(hr, hc, y, x);
          if (reach > bestCost) continue;
          for (let j = tiles.first(y, x); j >= 0; j = tiles.after(j)) {
            const line = this.task[j] % lines;
            // Shortest tasks first: from here on none can cost less than the best so far.
            if (reach + this.taskCost[line] > bestCost) break;
            const e0 = this.input.tasks[line][0];
            const mine = manhattan(w, here, e0);
            const cost = REACH_WEIGHT * mine + this.taskCost[line];
            if (victim < 0 ? cost >= bestCost : cost > bestCost || (cost === bestCost && j > victim)) continue;
            if (REACH_WEIGHT * (manhattan(w, this.cell[j], e0) - mine) < STEAL_MARGIN) continue;
            victim = j;
            bestCost = cost;
          }
        }
      }
    }
    this.found = victim;
    this.foundCost = bestCost;
  }

  /** Robots on errands within CROWD_REACH rows and columns of each cell (see crowdWeight), counted at the start of the step. */
  private crowd = new Uint16Array(0);

  private crowdAround(): void {
    const { width, height } = this.input.grid;
    if (this.crowd.length === 0) this.crowd = new Uint16Array(width * height);
    const crowd = this.crowd;
    crowd.fill(0);
    for (let i = 0; i < this.n; i++) {
      if (this.goal[i] < 0) continue;
      const c = this.cell[i];
      const r0 = (c / width) | 0;
      const c0 = c - r0 * width;
      const r1 = Math.min(height - 1, r0 + CROWD_REACH);
      const c1 = Math.min(width - 1, c0 + CROWD_REACH);
      for (let r = Math.max(0, r0 - CROWD_REACH); r <= r1; r++) {
        for (let q = Math.max(0, c0 - CROWD_REACH); q <= c1; q++) crowd[r * width + q]++;
      }
    }
  }

  /** The crowd a task's errands lie in, weighed for the scheduler (0 without crowdWeight). */
  private crowdCost(line: number): number {
    const weight = this.options.crowdWeight ?? 0;
    if (weight === 0) return 0;
    const e = this.input.tasks[line];
    let sum = 0;
    for (let k = 0; k < e.length; k++) sum += this.crowd[e[k]];
    return weight * sum;
  }

  /**
   * With more agents than may hold tasks (activeShare), an agent that has
   * just given up its priority for getting nowhere (yieldWhenStuck) and has
   * not opened its task hands it back to the pool (LoRR lets a task change
   * hands until it is opened) and stands by for a while: a jam sheds the
   * robots heading into it, and a free agent elsewhere takes the task on.
   */
  private holdSurplus(): void {
    if (this.n <= this.activeLimit) return;
    for (let i = 0; i < this.n; i++) {
      const t = this.task[i];
      if (t < 0 || this.errand[i] !== 0 || this.yieldedAt[i] !== this.step - 1) continue;
      this.unopened.remove(i);
      this.noteChange(i, t);
      this.task[i] = -1;
      this.assigned--;
      this.setGoal(i, -1);
      this.poolAdd(t);
      this.handedBackAt[i] = this.step;
      this.handedBack++;
    }
  }

  /** Remembers agent i's task as it was before this step's first change to it. */
  private noteChange(i: number, before: number): void {
    if (this.changedMark[i]) return;
    this.changedMark[i] = 1;
    this.taskBefore[i] = before;
    this.changed.push(i);
  }

  /**
   * PIBT lets the longest-waiting agent win, which is complete only where
   * every aisle has a way round. Among dead ends an agent can win forever and
   * still not get through; one that has not come closer to its goal for a
   * while drops back to the lowest priority, so that another agent leads.
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
   * Grows each agent's distance search as far as the agent needs, under a
   * per-step budget of expanded cells (deterministic, unlike a clock): when
   * thousands of agents get new goals at once, as at the start, the searches
   * spread over a few steps and the agents still waiting for theirs hold still
   * (or yield when pushed) meanwhile.
   */
  private growFields(): void {
    let budget = this.options.ghost ? Infinity : FIELD_BUDGET;
    for (let k = 0; k < this.n; k++) {
      // Start where the last step's budget ran out, so no agent waits for ever.
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
      } else if (this.ensuredAt[i] !== here) lazy.ensure(here, 2); // costs once final stay final: a waiting agent needs nothing
      this.ensuredAt[i] = here;
    }
  }

  private get usesOriented(): boolean {
    return this.options.planner === 'pibt-t';
  }

  /** Ghost agents under MAPF_T: the best action by oriented distance, nobody else considered. */
  private ghostActions(acts: Uint8Array): void {
    const nbr = this.input.grid.nbr;
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

  /** The cell each agent ends the step in, from its action. */
  private fillNext(acts: Uint8Array): void {
    const nbr = this.input.grid.nbr;
    for (let i = 0; i < this.n; i++) this.next[i] = acts[i] === ACT_F ? nbr[this.cell[i] * 4 + this.heading[i]] : this.cell[i];
  }

  private setGoal(i: number, goal: number): void {
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
    // Not readable until its search has reached the agent (growFields, within the step's budget).
    this.field[i] = null;
    this.ensuredAt[i] = -1;
  }

  /** Without others: every agent steps to its best neighbour. */
  private ghostMoves(): void {
    const { nbr } = this.input.grid;
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
    const { width, nbr } = this.input.grid;
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

  private ops: OperationPlanner | null = null;
  private opView: OperationView | null = null;
  private opOrder = new Int32Array(0);
  private opKey = new Float64Array(0);

  /** Plans with multi-action operations (see OperationPlanner): priority by time since the goal was set. */
  private planOperations(acts: Uint8Array): void {
    const n = this.n;
    if (this.ops === null) {
      this.ops = new OperationPlanner(this.input.grid, n, this.options.epibt ?? {});
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

  /**
   * Priority by what is left of the task (`remaining`): the agent nearest to
   * finishing leads, so a task nearly done is not held up by one just begun
   * (on a packed floor, waiting longest says little: everyone waits). Counted
   * in Manhattan cells over the errands left. An agent that has just given up
   * its priority for getting nowhere (yieldWhenStuck) goes last meanwhile.
   */
  private remainingKey(i: number): number {
    const w = this.input.grid.width;
    const e = this.errands(this.task[i]);
    let left = manhattan(w, this.cell[i], this.goal[i]);
    for (let k = this.errand[i] + 1; k < e.length; k++) left += manhattan(w, e[k - 1], e[k]);
    return this.step - this.yieldedAt[i] <= STUCK_STEPS ? -left - YIELDED : -left;
  }

  /** Steps held up per cell (see learnTraffic), in the current traffic window. */
  private waits = new Uint16Array(0);
  /** Steps each robot has gone without moving forward, toward a goal. */
  private held = new Uint32Array(0);
  /** Smoothed share of steps a robot stood waiting in each cell. */
  private jam = new Float32Array(0);
  private penalty = new Uint8Array(0);

  /**
   * Congestion-aware guidance: counts, per cell, the steps robots with a goal
   * were held up there (see countHeldUp: no forward move for three steps, waiting
   * or turning in place: counting waits alone, a block of robots packed tight
   * and turning every way looked like free flow, and grew until the whole
   * floor crawled); every TRAFFIC_WINDOW steps it turns the smoothed
   * share into a cost of entering the cell for the distance fields made from
   * then on. Robots passing by then route round a jam instead of joining it,
   * and the jam drains instead of growing. Counted in steps, so a run stays
   * deterministic.
   */
  private learnTraffic(acts: Uint8Array): void {
    const cells = this.input.grid.width * this.input.grid.height;
    if (this.waits.length === 0) {
      this.held = new Uint32Array(this.n);
      this.waits = new Uint16Array(cells);
      this.jam = new Float32Array(cells);
      this.penalty = new Uint8Array(cells);
    }
    countHeldUp(acts, this.cell, this.goal, this.held, this.waits);
    if ((this.step + 1) % TRAFFIC_WINDOW !== 0) return;
    const { waits, jam, penalty } = this;
    for (let c = 0; c < cells; c++) {
      jam[c] = jam[c] * (1 - TRAFFIC_NEW) + (waits[c] / TRAFFIC_WINDOW) * TRAFFIC_NEW;
      waits[c] = 0;
      penalty[c] = Math.min(MAX_PENALTY, Math.round(jam[c] * TRAFFIC_SCALE));
    }
    this.guided.setPenalty(penalty);
  }

  private apply(acts: Uint8Array): void {
    for (let i = 0; i < this.n; i++) {
      const a = acts[i];
      if (a === ACT_F) this.cell[i] = this.next[i];
      else if (a === ACT_R) this.heading[i] = (this.heading[i] + 1) & 3;
      else if (a === ACT_C) this.heading[i] = (this.heading[i] + 3) & 3;
    }
  }

  /** After the move: an agent on its task's next errand advances it (one errand per step); the last finishes it. */
  private checkErrands(): void {
    const timestep = this.step; // already advanced: the timestep after this step's move
    for (let i = 0; i < this.n; i++) {
      const t = this.task[i];
      if (t < 0 || this.cell[i] !== this.goal[i]) continue;
      const errands = this.errands(t);
      const done = ++this.errand[i];
      if (done === 1) this.unopened.remove(i);
      this.errandsReached++;
      this.records.events.push({ timestep, agent: i, task: t, errandsDone: done });
      if (done < errands.length) {
        this.setGoal(i, errands[done]);
        continue;
      }
      this.finished++;
      this.assigned--;
      this.task[i] = -1;
      this.setGoal(i, -1);
    }
    this.reveal(timestep);
  }
}

/** Cells of new distance searches expanded per step at most (some 50 ms of work on a 2-core machine of this project's kind). */
const FIELD_BUDGET = 1_200_000;

/** Steps between updates of the learned traffic costs. */
const TRAFFIC_WINDOW = 50;
/** Weight of the latest window in the smoothed jam share. */
const TRAFFIC_NEW = 0.5;
/** Penalty of a cell where robots waited every step (capped at MAX_PENALTY). */
const TRAFFIC_SCALE = 2 * MAX_PENALTY;

/** Steps without getting closer to its goal after which an agent gives up its priority (for as many steps again, with `remaining`). */
const STUCK_STEPS = 40;
/** Below any agent's remaining cells: an agent that has yielded ranks after every other with a goal. */
const YIELDED = 1 << 24;
/** Rows and columns round a robot on an errand that count it in their crowd (a 5 x 5 square). */
const CROWD_REACH = 2;

/**
 * Weight of an agent's way to a task's first errand against the task's own
 * length when the scheduler ranks tasks. Both are travel, but the way there
 * is the part the choice of agent decides: weighed alike, an agent takes a
 * short task far off that a nearer agent would have reached sooner, and the
 * fleet crosses the floor for its work. Measured over the whole runs (tasks
 * finished at weights 1, 3, 5 and 8): RANDOM-02 972, 1,004, 1,026, 1,013;
 * random_32_32_20_100 994, 1,099, 1,118, 1,133; RANDOM-04 607, 653, 654, 668.
 */
const REACH_WEIGHT = 5;

/** How much cheaper (in the scheduler's weighed cost: REACH_WEIGHT per cell) an agent must reach a task's first errand to take it over from its holder. */
const STEAL_MARGIN = 8;



