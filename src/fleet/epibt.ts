import { rngStream, type Rng } from '../core/rng.js';
import type { Grid } from '../layout/grid.js';
import { buildOperations, OP_DEPTH, OP_F, OP_R, OP_C, OP_W, type OperationTable } from './operations.js';

/** What the operation planner reads each step (arrays shared with the caller). */
export interface OperationView {
  n: number;
  cell: Int32Array;
  heading: Uint8Array;
  /** Goal cell per robot (-1: none). */
  goal: Int32Array;
  /** Processing order, highest priority first (a permutation of 0..n-1). */
  order: Int32Array;
  /** Weight of each robot's gain in the plan's score: who may push whom aside. */
  power: Float64Array;
  /**
   * Cost to go from `cell` to robot i's goal in the robot's field units, made
   * exact at `cell` and its neighbours first; -1 when the robot has no field
   * yet (it then takes whatever keeps others moving).
   */
  costAt(i: number, cell: number): number;
  /** Field units per step of robot i (the cost of one turn). */
  unit(i: number): number;
  /**
   * Whether robot i may drive from `from` into the neighbouring cell `to`
   * (walls are excluded already); absent: every floor cell. An operation
   * through a cell it may not enter is not possible.
   */
  mayEnter?(i: number, from: number, to: number): boolean;
  /** 1 for a robot that must stay where it is this step, facing as it faces (absent: none). */
  fixed?: Uint8Array;
  /** Whether the costs of robots without a goal change from step to step (they are then ranked afresh every step). */
  idleCostsMove?: boolean;
}

export interface OperationPlannerOptions {
  /** Operations tried per step, over all robots, before the remaining attempts are skipped (default: no limit). */
  budget?: number;
  /** Operations tried per attempt before it stops starting chains (default 1000). */
  chain?: number;
  /** Passes over the robots: the first plans, the rest improve (default 2). */
  passes?: number;
  /** A robot without a goal stands unless a chain pushes it (default: it takes whatever fits, as one with a goal does). */
  idleStands?: boolean;
  /**
   * Among operations of equal cost, fewer turns first (default: the table's
   * order, where a turn comes before a wait).
   */
  fewerTurnsFirst?: boolean;
  /**
   * In the first pass, a robot may push aside one whose plan gains nothing
   * over standing (a turn in place that leads nowhere, as robots in a pack
   * take rather than stand), not only one still standing (default: only
   * standing robots). In a pack most robots turn in place, and a robot busy
   * turning could not be moved for a stronger one: RANDOM-04's sixteen
   * variants (docs/lorr.md) 10,049 and 10,369 tasks with it against 8,963
   * and 9,805.
   */
  pushIdleTurns?: boolean;
  /**
   * Ticks a quarter turn takes (default 1, the League of Robot Runners'
   * model). With longer turns a turn or a wait in an operation lasts that
   * long (see buildOperations), and the caller's `unit` should be the field
   * units a turn costs.
   */
  turnTicks?: number;
  /**
   * In the first pass, a chain is kept whenever the robot that starts it
   * gains, whatever the robots it pushes aside lose: PIBT's rule, the robot
   * ahead in the order goes first (default: only when the plan's score does
   * not fall, so a strong robot may push weaker ones aside and not the
   * reverse). In one-wide aisles the score rule can hold two streams
   * head-on for good: turning round costs the robot pushed more than the one
   * cell the pusher gains within an operation.
   */
  leaderFirst?: boolean;
  /**
   * A robot starting a chain takes only an operation better than standing
   * as it is for good (its cost to go plus every turn it needs; default: any
   * that keeps the score, a turn in place that leads nowhere included, which
   * on a packed League of Robot Runners floor keeps the pack moving). With
   * leaderFirst it keeps a robot from pushing others aside for nothing.
   */
  moveOnlyToGain?: boolean;
  /**
   * Operations tried per step in an anytime improvement step after the
   * passes (default 0: none; at most 2,000 per root, see improve): attempts
   * from robots drawn at random (seeded by `seed`) among those the passes
   * left off their best operation and the robots in their way, each free to
   * take any operation, a worse one for itself included, when the robots it
   * moves aside gain more, and kept only if the plan's score does not fall;
   * each push is skipped at random one time in five, so attempts from the
   * same robot explore. Counted in work (an operation tried, or an attempt),
   * not time, so a seed gives the same run.
   */
  improveBudget?: number;
  /** Seed of the improvement step's draws (default 0). */
  seed?: number;
  /** The improvement step's draws (default: a stream seeded by `seed`). */
  rng?: Rng;
  /** Actions per operation, one to five (default 3: 31 distinct operations; 4: 88; 5: 249). */
  depth?: number;
}

const NONE = -1;
/** Marks a cell whose best neighbours are not worked out yet. */
const UNKNOWN_BEST = 16;
const MANY = -2;
/**
 * Share of pushes the improvement step skips at random. Without skips an
 * attempt from a robot retraces the same chain each time it is drawn: over
 * RANDOM-04's sixteen variants with 300,000 operations a step (docs/lorr.md),
 * 23,643 tasks without skips, 24,832 skipping one in five, 25,023 two in five.
 */
const PUSH_SKIP = 0.2;
/**
 * Operations the improvement step tries at most per root (see improve): a
 * floor with few conflicts gets a small step whatever its budget (CITY-01's
 * 1,500 robots: 15 ms a step with the step, against 12 without).
 */
const PER_ROOT = 2000;
/** Turns needed to face one of the directions in a mask (bit d: direction d), by mask*4 + heading; none when no way is known. */
const TURNS_NEEDED = new Uint8Array(64);
for (let mask = 0; mask < 16; mask++) {
  for (let h = 0; h < 4; h++) {
    TURNS_NEEDED[mask * 4 + h] = mask === 0 || mask & (1 << h) ? 0 : mask & ((1 << ((h + 1) & 3)) | (1 << ((h + 3) & 3))) ? 1 : 2;
  }
}
/** Outcomes of one attempt. */
const FOUND = 1;
const REFUSED = 2;
const FAILED = 0;

/**
 * Priority inheritance over multi-action operations (after EPIBT, Yukhnevich
 * et al., "Enhancing PIBT via Multi-Action Operations"). Each robot ranks the
 * 31 distinct three-action operations (or those of `depth` actions) by
 * where they leave it: its cost to go from there plus the turns it would
 * still need, or, for an operation through its goal, how soon. Every robot
 * starts the step holding "stay", and the plans in the tables are always
 * conflict-free (no shared cell after any action, no swap).
 *
 * First pass, in priority order: a robot still standing takes its best
 * operation that fits; one that collides with a single robot still standing
 * takes its place, and that robot plans again around it, down the chain. A
 * chain is kept only if the plan's score (each robot's gain over standing,
 * weighted by its power) does not fall, so a strong robot may push weaker
 * ones aside and not the reverse. Later passes (one by default) improve: a
 * robot not on its best operation may move any robot the attempt has not
 * moved yet, under the same rule. Only the first action of each plan is carried out.
 *
 * An optional anytime improvement step (`improveBudget`) goes on improving
 * after the passes, from robots drawn at random.
 *
 * Deterministic: no clock, and no randomness but the improvement step's
 * seeded draws; the work is counted in operations tried, per attempt
 * (`chain`), per step (`budget`) and in the improvement step
 * (`improveBudget`).
 */
export class OperationPlanner {
  readonly ops: OperationTable;
  /** Operation planned per robot. */
  readonly plan: Int32Array;
  /**
   * Robot occupying cell c at time s of its plan, at c*span + s (-1: none):
   * s = 0 where it starts, s = t + 1 after its tick t. A swap needs no table
   * of its own: the robot in the cell one leaves, just after, was the one in
   * the cell one enters, just before.
   */
  private readonly occ: Int32Array;
  /** Times per cell in the occupancy table: the start and after each tick of an operation. */
  private readonly span: number;
  /** Cell of each place (see placeParent) of robot i, at i*places + k (-1: off the map or a wall). */
  private readonly placeCells: Int32Array;
  private readonly places: number;
  /** Whether each operation is possible for the robot last walked (see walkAll), by operation. */
  private readonly possible: Uint8Array;
  /**
   * The cells operations may reach, relative to the robot (0: where it
   * starts), each reached from its parent by a forward move in direction
   * `placeTurn` relative to the robot's heading; parents come first.
   */
  private readonly placeParent: Int32Array;
  private readonly placeTurn: Uint8Array;
  /** Place of operation op after its tick t, at op*ticks + t. */
  private readonly opPlace: Uint8Array;
  /** Place where each operation ends. */
  private readonly lastPlace: Uint8Array;
  /** Spot of each place (see spotNbr). */
  private readonly placeSpot: Uint8Array;
  /** Spots next to each spot, by direction relative to the robot (spot*4 + d; -1: none). */
  private readonly spotNbr: Int16Array;
  /** Operations of each robot, best first, at i*count + k (-1 after the last possible one). */
  private readonly ranked: Int32Array;
  /** Cost of each robot's operations by operation index, at i*count + op (NaN: not possible). */
  private readonly costOf: Float64Array;
  /**
   * Each robot's cost of standing as it is: its cost to go plus every turn it
   * needs to face a best way on (standing's rank counts its waits as those
   * turns, see opCost; moveOnlyToGain asks for better than standing for good).
   */
  private readonly stillCost: Float64Array;
  /** Room for the operation's index under its cost in a sort key (a power of two above the operations' count). */
  private readonly keySpan: number;
  private score = 0;
  private work = 0;
  private view!: OperationView;
  /** In passes after the first, robots with a plan may be moved too (each once per attempt). */
  private improving = false;
  /** In the improvement step: the robot starting a chain may take any operation, and pushes are skipped at random. */
  private free = false;
  private root = -1;
  private stamp = 0;
  private readonly visited: Int32Array;
  /** The improvement step's roots (robots off their best operation, and the robots in their way), in its first entries. */
  private readonly roots: Int32Array;
  /** Each robot's place in the step's order (0: first), for the improvement step under leaderFirst. */
  private readonly rankOf: Int32Array;
  /** The improvement step's random stream. */
  private readonly rng: Rng;
  /** Operations tried in this step (the work counted against the budget). */
  tried = 0;

  /** The score of the last step's plan: each robot's gain over standing, weighted by its power. */
  get planScore(): number {
    return this.score;
  }

  constructor(
    private readonly grid: Grid,
    readonly n: number,
    private readonly options: OperationPlannerOptions = {},
  ) {
    this.ops = buildOperations(options.turnTicks ?? 1, options.depth ?? OP_DEPTH);
    this.keySpan = this.ops.count <= 64 ? 64 : 256;
    const cells = grid.width * grid.height;
    const count = this.ops.count;
    this.plan = new Int32Array(n).fill(this.ops.stay);
    this.span = this.ops.ticks + 1;
    this.occ = new Int32Array(cells * this.span).fill(NONE);
    this.possible = new Uint8Array(count);
    this.ranked = new Int32Array(n * count);
    this.costOf = new Float64Array(n * count);
    this.stillCost = new Float64Array(n);
    this.visited = new Int32Array(n);
    this.rankOf = new Int32Array(n);
    this.roots = new Int32Array(n);
    this.rng = options.rng ?? rngStream(options.seed ?? 0, 'operation-improve');
    this.keys = new Float64Array(count);
    this.order = new Int32Array(count);
    this.rankedCell = new Int32Array(n).fill(-1);
    this.rankedHeading = new Uint8Array(n);
    this.rankedGoal = new Int32Array(n);
    this.endTurn = new Uint8Array(count);
    const ticks = this.ops.ticks;
    // Preference among equal costs: the table's order, or fewer turns first and then the table's order.
    const turnsOf = (op: number) => {
      let t = 0;
      for (let k = 0; k < ticks; k++) if (this.ops.actions[op * ticks + k] === OP_R || this.ops.actions[op * ticks + k] === OP_C) t++;
      return t;
    };
    this.byPreference = Int32Array.from({ length: count }, (_, op) => op);
    if (options.fewerTurnsFirst) this.byPreference.sort((a, b) => turnsOf(a) - turnsOf(b) || a - b);
    this.preference = new Int32Array(count);
    for (let p = 0; p < count; p++) this.preference[this.byPreference[p]] = p;
    this.spareTurns = new Uint8Array(count);
    const turnTicks = this.ops.turnTicks;
    for (let op = 0; op < count; op++) {
      let h = 0;
      // Ticks still owed to the turn under way, and the waits since the last tick of a turn.
      let owed = 0;
      let free = 0;
      for (let t = 0; t < ticks; t++) {
        const a = this.ops.actions[op * ticks + t];
        if (a === OP_R || a === OP_C) {
          h = (h + (a === OP_R ? 1 : 3)) & 3;
          owed = turnTicks - 1;
          free = 0;
        } else if (a === OP_W && owed > 0) owed--;
        else free = a === OP_W ? free + 1 : 0;
      }
      this.endTurn[op] = h;
      // Waits at the end could have been turns.
      this.spareTurns[op] = Math.floor(free / turnTicks);
    }
    // Places: the ways forward moves take within an operation (the headings of its moves so far), each reached
    // from its parent by one move; places on different ways may share a cell (from four actions on).
    const index = new Map<string, number>();
    const parent: number[] = [-1];
    const turn: number[] = [0];
    const placeAt: [number, number][] = [[0, 0]];
    index.set('', 0);
    this.opPlace = new Uint8Array(count * ticks);
    for (let op = 0; op < count; op++) {
      let f = 0;
      let r = 0;
      let h = 0;
      let at = 0;
      let way = '';
      for (let t = 0; t < ticks; t++) {
        const a = this.ops.actions[op * ticks + t];
        if (a === OP_F) {
          f += h === 0 ? 1 : h === 2 ? -1 : 0;
          r += h === 1 ? 1 : h === 3 ? -1 : 0;
          way += h;
          let k = index.get(way);
          if (k === undefined) {
            k = parent.length;
            index.set(way, k);
            parent.push(at);
            turn.push(h);
            placeAt.push([f, r]);
          }
          at = k;
        } else if (a === OP_R) h = (h + 1) & 3;
        else if (a === OP_C) h = (h + 3) & 3;
        this.opPlace[op * ticks + t] = at;
      }
    }
    this.placeParent = Int32Array.from(parent);
    this.placeTurn = Uint8Array.from(turn);
    this.places = parent.length;
    this.lastPlace = new Uint8Array(count);
    for (let op = 0; op < count; op++) this.lastPlace[op] = this.opPlace[op * ticks + ticks - 1];
    this.placeCells = new Int32Array(n * parent.length);
    if (parent.length > 255) throw new Error('operation table: more places than a byte holds');
    // Spots: every relative position within one move of a place, where ranking asks for costs.
    const spotIndex = new Map<string, number>();
    const spotAt: [number, number][] = [];
    const spotOf = (f: number, r: number) => {
      const key = `${f},${r}`;
      let k = spotIndex.get(key);
      if (k === undefined) {
        k = spotAt.length;
        spotIndex.set(key, k);
        spotAt.push([f, r]);
      }
      return k;
    };
    this.placeSpot = Uint8Array.from(placeAt, ([f, r]) => spotOf(f, r));
    for (const [f, r] of placeAt) for (let d = 0; d < 4; d++) spotOf(f + (d === 0 ? 1 : d === 2 ? -1 : 0), r + (d === 1 ? 1 : d === 3 ? -1 : 0));
    const spots = spotAt.length;
    // Neighbour spot of a place's spot by direction relative to the robot's heading (-1: not a spot; never asked).
    this.spotNbr = new Int16Array(spots * 4).fill(-1);
    for (let k = 0; k < spots; k++) {
      const [f, r] = spotAt[k];
      for (let d = 0; d < 4; d++) {
        const m = spotIndex.get(`${f + (d === 0 ? 1 : d === 2 ? -1 : 0)},${r + (d === 1 ? 1 : d === 3 ? -1 : 0)}`);
        if (m !== undefined) this.spotNbr[k * 4 + d] = m;
      }
    }
    this.spotStamp = new Int32Array(spots);
    this.spotCost = new Float64Array(spots);
    this.spotBest = new Uint8Array(spots);
  }

  /**
   * Walks robot i's places (see placeParent) into `placeCells` and marks the
   * operations it may take in `possible`: not one that runs into a wall or
   * off the map (or into a cell it may not enter, or, fixed, any but standing).
   * The cell of operation op after action t is the cell of its place there.
   */
  private walkAll(i: number): void {
    const nbr = this.grid.nbr;
    const count = this.ops.count;
    const c0 = this.view.cell[i];
    const h0 = this.view.heading[i];
    const enter = this.view.mayEnter;
    const fixed = this.view.fixed !== undefined && this.view.fixed[i] !== 0;
    const cellOf = this.placeCells;
    const parent = this.placeParent;
    const turn = this.placeTurn;
    const places = this.places;
    const possible = this.possible;
    const base = i * places;
    // Each cell an operation may reach has one way there: walk the places once, not each operation. The last
    // place lies past every other on an operation's way: reached only if they are, and then the operation is possible.
    cellOf[base] = c0;
    for (let k = 1; k < places; k++) {
      const p = cellOf[base + parent[k]];
      cellOf[base + k] = p < 0 ? -1 : nbr[p * 4 + ((h0 + turn[k]) & 3)];
    }
    if (enter === undefined && !fixed) {
      const last = this.lastPlace;
      for (let op = 0; op < count; op++) possible[op] = cellOf[base + last[op]] >= 0 ? 1 : 0;
      return;
    }
    const acts = this.ops.actions;
    const ticks = this.ops.ticks;
    for (let op = 0; op < count; op++) {
      let c = c0;
      let h = h0;
      let ok = 1;
      for (let t = 0; t < ticks; t++) {
        const a = acts[op * ticks + t];
        if (a === OP_F) {
          const to = nbr[c * 4 + h];
          if (to < 0 || (enter !== undefined && !enter(i, c, to))) {
            ok = 0;
            break;
          }
          c = to;
        } else if (a === OP_R) h = (h + 1) & 3;
        else if (a === OP_C) h = (h + 3) & 3;
        // A fixed robot may only stand as it is.
        if (fixed && a !== OP_W) {
          ok = 0;
          break;
        }
      }
      possible[op] = ok;
    }
  }

  /**
   * Per spot (a position relative to the robot, see spotNbr), for the robot
   * being ranked (`spotStamp` equal to `rankStamp`): its cost to go from
   * there and the directions of its cheapest neighbours (bit 4: the
   * neighbours are not known yet). Operations share their cells; a spot is one
   * cell, as the cells ranking asks about lie within a few moves of the robot.
   */
  private readonly spotStamp: Int32Array;
  private readonly spotCost: Float64Array;
  private readonly spotBest: Uint8Array;
  private rankStamp = 0;
  /** Sort keys of one robot's operations (cost, then preference). */
  private readonly keys: Float64Array;
  /** The operation of each key. */
  private readonly order: Int32Array;
  /** State each robot's ranking was made for (-1: to be made). */
  private readonly rankedCell: Int32Array;
  private readonly rankedHeading: Uint8Array;
  private readonly rankedGoal: Int32Array;
  /** Rank of each operation among equal costs, and the operation of each rank. */
  private readonly preference: Int32Array;
  private readonly byPreference: Int32Array;
  /** Heading of the robot after each operation, relative to where it started (0..3). */
  private readonly endTurn: Uint8Array;
  /** Waits at the end of each operation. */
  private readonly spareTurns: Uint8Array;

  /** Robot i's cost to go from `cell` (-1: none yet), asked of the caller once per cell and ranking. */
  private costFrom(i: number, spot: number, cell: number): number {
    if (this.spotStamp[spot] === this.rankStamp) return this.spotCost[spot];
    const cost = this.view.costAt(i, cell);
    this.spotStamp[spot] = this.rankStamp;
    this.spotCost[spot] = cost;
    this.spotBest[spot] = UNKNOWN_BEST;
    return cost;
  }

  /** Directions from `end` whose neighbour is cheapest for robot i, as a bit mask. */
  private bestWays(i: number, spot: number, end: number, heading: number): number {
    const known = this.spotBest[spot];
    if (known !== UNKNOWN_BEST) return known;
    const nbr = this.grid.nbr;
    let best = Infinity;
    let mask = 0;
    for (let d = 0; d < 4; d++) {
      const v = nbr[end * 4 + d];
      if (v < 0) continue;
      const cv = this.costFrom(i, this.spotNbr[spot * 4 + ((d - heading) & 3)], v);
      if (cv < 0) continue;
      if (cv < best) {
        best = cv;
        mask = 1 << d;
      } else if (cv === best) mask |= 1 << d;
    }
    this.spotBest[spot] = mask;
    return mask;
  }

  /**
   * Cost of robot i ending operation `op`: its cost to go from where it ends
   * plus the turns it still needs there to face a best way on (waits at the
   * end could have been turns, so they count against them); an operation
   * that reaches the goal ranks by how soon, ahead of every other.
   */
  private opCost(i: number, op: number, base: number, goal: number, heading: number, unit: number): number {
    const cells = this.placeCells;
    const place = this.opPlace;
    const ticks = this.ops.ticks;
    const q = op * ticks;
    // Reaching the goal beats any other outcome, and sooner beats later.
    for (let t = 0; t < ticks; t++) if (cells[base + place[q + t]] === goal) return t - ticks - 1;
    const last = place[q + ticks - 1];
    const end = cells[base + last];
    const spot = this.placeSpot[last];
    const here = this.costFrom(i, spot, end);
    if (here < 0) return 0;
    const spare = this.spareTurns[op];
    if (spare >= 2) return here;
    const turns = TURNS_NEEDED[this.bestWays(i, spot, end, heading) * 4 + ((heading + this.endTurn[op]) & 3)];
    return here + (turns > spare ? turns - spare : 0) * unit;
  }

  /** Ranks every robot's operations by cost (insertion sort: 31 entries at the default depth, mostly in order already). */
  private rankAll(): void {
    const count = this.ops.count;
    const view = this.view;
    const preference = this.preference;
    const order = this.order;
    const cacheable = view.mayEnter === undefined && view.fixed === undefined;
    for (let i = 0; i < this.n; i++) {
      // A robot that stands as it stood, toward the same goal, ranks as it did: most of a jam.
      const c = view.cell[i];
      const h = view.heading[i];
      const g = view.goal[i];
      if (this.rankedCell[i] === c && this.rankedHeading[i] === h && this.rankedGoal[i] === g) continue;
      this.rankedCell[i] = c;
      this.rankedHeading[i] = h;
      this.rankedGoal[i] = g;
      const base = i * count;
      let m = 0;
      this.rankStamp++;
      const unit = this.view.unit(i);
      const keys = this.keys;
      this.walkAll(i);
      const possible = this.possible;
      const at = i * this.places;
      for (let op = 0; op < count; op++) {
        if (possible[op] === 0) {
          this.costOf[base + op] = NaN;
          continue;
        }
        const cost = this.opCost(i, op, at, g, h, unit);
        this.costOf[base + op] = cost;
        // Cost first, then the table's order of preference, inserted in order: for 31 keys a few shifts each
        // beat a call into the native sort (ranking 10,000 robots of the 10,000-robot warehouse took 4 to 6% less time).
        // The operations move with their keys, so the ranking needs no decoding.
        const key = cost * this.keySpan + preference[op];
        let k = m++;
        while (k > 0 && keys[k - 1] > key) {
          keys[k] = keys[k - 1];
          order[k] = order[k - 1];
          k--;
        }
        keys[k] = key;
        order[k] = op;
      }
      for (let k = 0; k < m; k++) this.ranked[base + k] = order[k];
      if (m < count) this.ranked[base + m] = -1;
      const here = this.costFrom(i, 0, c);
      const known = here >= 0;
      if (this.options.moveOnlyToGain === true) this.stillCost[i] = known ? here + TURNS_NEEDED[this.bestWays(i, 0, c, h) * 4 + h] * unit : 0;
      // Without a cost to go yet (its search has not reached it), rank again next step; and every step where
      // what a robot may do changes besides its state (fixed robots, cells it may not enter).
      if (!known || !cacheable || (g < 0 && view.idleCostsMove === true)) this.rankedCell[i] = -1;
    }
  }

  /**
   * With pushIdleTurns: robot i's plan gains nothing over standing, and this
   * attempt has not planned it yet (so a chain never loops back, and a robot
   * whose push failed once is not tried again in the same attempt: letting
   * the chain retry it while it is not in the chain did worse, 9,590 and
   * 9,999 over RANDOM-04's two sets of variants against 10,049 and 10,369).
   */
  private pushable(i: number): boolean {
    if (this.options.pushIdleTurns !== true || this.visited[i] === this.stamp) return false;
    const base = i * this.ops.count;
    return this.costOf[base + this.plan[i]] >= this.costOf[base + this.ops.stay];
  }

  private gain(i: number, op: number): number {
    const base = i * this.ops.count;
    return (this.costOf[base + this.ops.stay] - this.costOf[base + op]) * this.view.power[i];
  }

  private add(i: number): void {
    this.mark(i, i);
    this.score += this.gain(i, this.plan[i]);
  }

  private remove(i: number): void {
    this.mark(i, NONE);
    this.score -= this.gain(i, this.plan[i]);
  }

  /** Writes `who` into the tables over the cells and edges of robot i's plan. */
  private mark(i: number, who: number): void {
    const base = i * this.places;
    const ticks = this.ops.ticks;
    const span = this.span;
    const q = this.plan[i] * ticks;
    const occ = this.occ;
    const cells = this.placeCells;
    const place = this.opPlace;
    occ[cells[base] * span] = who;
    for (let t = 0; t < ticks; t++) occ[cells[base + place[q + t]] * span + t + 1] = who;
  }

  /** The one robot operation `op` of robot i collides with (NONE, or MANY). */
  private blocker(i: number, op: number): number {
    const base = i * this.places;
    const ticks = this.ops.ticks;
    const span = this.span;
    const q = op * ticks;
    const occ = this.occ;
    const cells = this.placeCells;
    const place = this.opPlace;
    let who = NONE;
    let from = cells[base];
    for (let t = 0; t < ticks; t++) {
      const c = cells[base + place[q + t]];
      const a = occ[c * span + t + 1];
      if (a >= 0) {
        if (who === NONE) who = a;
        else if (who !== a) return MANY;
      }
      if (c === from) continue;
      // A swap: the robot in the cell left, after this action, stood in the cell entered before it.
      const b = occ[from * span + t + 1];
      if (b >= 0 && occ[c * span + t] === b) {
        if (who === NONE) who = b;
        else if (who !== b) return MANY;
      }
      from = c;
    }
    return who;
  }

  /**
   * Plans robot i around the others. An operation that collides with one
   * robot still standing (planned to stay) takes its place, and that robot
   * plans again around it; robots with a plan of their own are not moved
   * (with pushIdleTurns, one whose plan gains nothing is, once per attempt),
   * so a chain never loops back on itself. With a score to keep, a chain whose
   * total gain falls is refused outright.
   */
  private build(i: number, before: number): number {
    const count = this.ops.count;
    const stay = this.ops.stay;
    const chain = this.options.chain ?? 1000;
    const old = this.plan[i];
    this.visited[i] = this.stamp;
    for (let k = 0; k < count; k++) {
      const op = this.ranked[i * count + k];
      if (op < 0) break;
      if (op === stay) continue;
      // Improving, the robot that starts the chain looks only for better than it has; in the improvement step it
      // may take worse, when the robots it pushes aside gain more (the score decides).
      if (this.improving && i === this.root && op === old) {
        if (this.free) continue;
        break;
      }
      // Ranked best first: from here on nothing gains over standing.
      if (i === this.root && this.options.moveOnlyToGain === true && this.costOf[i * count + op] >= this.stillCost[i]) break;
      this.work++;
      this.tried++;
      const who = this.blocker(i, op);
      if (who === MANY) continue;
      // Past the attempt's budget no more chains: only operations free as they are.
      if (who !== NONE && this.work > chain) continue;
      if (who === NONE) {
        this.plan[i] = op;
        this.add(i);
        if (this.score >= before - 1e-9 || (this.options.leaderFirst === true && !this.improving && this.gain(this.root, this.plan[this.root]) > 0)) return FOUND;
        this.remove(i);
        this.plan[i] = old;
        return REFUSED;
      }
      if (this.improving ? this.visited[who] === this.stamp : this.plan[who] !== stay && !this.pushable(who)) continue;
      if (this.free && this.rng.next() < PUSH_SKIP) continue;
      // Under leaderFirst the improvement step may not push back a robot ahead of the one that starts the chain:
      // the score would undo what the first pass let the robot ahead do (a packed warehouse of one-wide aisles,
      // 756 tasks in 500 steps against 1,104 without the step).
      if (this.free && this.options.leaderFirst === true && this.rankOf[who] < this.rankOf[this.root]) continue;
      this.remove(who);
      this.plan[i] = op;
      this.add(i);
      const res = this.build(who, before);
      if (res === FOUND) return FOUND;
      this.remove(i);
      this.plan[i] = old;
      this.add(who);
      if (res === REFUSED) return REFUSED;
    }
    this.plan[i] = old;
    return FAILED;
  }

  /** One attempt to move robot i off its plan; kept only if the total gain does not fall. */
  private attempt(i: number): void {
    this.work = 0;
    this.stamp++;
    this.root = i;
    const before = this.score;
    this.remove(i);
    const res = this.build(i, before);
    if (res !== FOUND) this.add(i);
  }

  /**
   * The anytime improvement step (after large-neighbourhood search over the
   * step's plan): attempts from roots drawn at random until `budget` more
   * operations have been tried (at most PER_ROOT per root), each attempt
   * counting one more. A root may give up its own operation for a worse one
   * when the chain it starts lets the robots it pushes aside gain more, so,
   * unlike the improving pass, it finds a robot stepping aside for a stronger
   * one; an attempt is kept only if the plan's score does not fall, so the
   * plan only gets better.
   */
  private improve(view: OperationView, budget: number): void {
    const n = this.n;
    const count = this.ops.count;
    const idleStands = this.options.idleStands === true;
    // Roots: the robots the passes left off their best operation, and the robot in the way of each one's best
    // (it may step aside). Elsewhere an attempt finds nothing: a robot on its best operation, clear of the
    // others, has nothing to gain or give.
    const roots = this.roots;
    const mark = ++this.stamp;
    let m = 0;
    for (let i = 0; i < n; i++) {
      const best = this.ranked[i * count];
      if (best < 0 || best === this.plan[i] || (idleStands && view.goal[i] < 0)) continue;
      if (this.visited[i] !== mark) {
        this.visited[i] = mark;
        roots[m++] = i;
      }
      this.mark(i, NONE);
      const who = this.blocker(i, best);
      this.mark(i, i);
      if (who >= 0 && this.visited[who] !== mark && !(idleStands && view.goal[who] < 0)) {
        this.visited[who] = mark;
        roots[m++] = who;
      }
    }
    if (m === 0) return;
    const end = this.tried + Math.min(budget, PER_ROOT * m);
    this.improving = true;
    this.free = true;
    for (let k = 0; k < n; k++) this.rankOf[view.order[k]] = k;
    while (this.tried < end) {
      const i = roots[Math.floor(this.rng.next() * m)];
      this.tried++;
      this.attempt(i);
    }
    this.free = false;
  }

  /**
   * Plans one step: writes each robot's first action into `acts`. The plans
   * left from the last call seed this one (`plan`, relative to the state the
   * caller has moved to since, which is the state those plans led to).
   */
  step(view: OperationView, acts: Uint8Array): void {
    this.view = view;
    this.tried = 0;
    const n = this.n;
    const count = this.ops.count;
    this.rankAll();
    // Every robot starts the step standing, which always fits: robots stand in distinct cells. Standing gains nothing.
    this.score = 0;
    this.plan.fill(this.ops.stay);
    for (let i = 0; i < n; i++) this.mark(i, i);
    const budget = this.options.budget ?? Infinity;
    const passes = this.options.passes ?? 2;
    const idleStands = this.options.idleStands === true;
    for (let p = 0; p < passes; p++) {
      this.improving = p > 0;
      for (let k = 0; k < n; k++) {
        if (this.tried > budget) break;
        const i = view.order[k];
        if (idleStands && view.goal[i] < 0) continue;
        if (this.improving) {
          if (this.ranked[i * count] === this.plan[i]) continue; // on its best operation already
        } else if (this.plan[i] !== this.ops.stay) continue; // pushed aside by a stronger robot: keeps that plan
        this.attempt(i);
      }
    }
    if ((this.options.improveBudget ?? 0) > 0) this.improve(view, this.options.improveBudget!);
    const a = this.ops.actions;
    for (let i = 0; i < n; i++) acts[i] = a[this.plan[i] * this.ops.ticks];
    // Clear the tables for the next step (the score starts afresh).
    for (let i = 0; i < n; i++) this.mark(i, NONE);
  }
}
