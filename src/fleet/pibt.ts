import { UNREACHABLE } from '../layout/distance.js';
import { againstLane } from '../layout/lanes.js';
import type { Grid } from '../layout/grid.js';
import { moveTable, STORAGE_BIT, type MoveTable } from '../layout/moves.js';
import type { PlanView, Planner, PlannerOptions } from './planner.js';

const UNSET = -1;
/** Ages up to which the priority order is a counting sort (beyond, a robot has waited some 18 hours of one-second ticks: sort by comparison). */
const MAX_COUNTED_AGE = 1 << 16;

/**
 * PIBT (priority inheritance with backtracking, Okumura et al.): every tick,
 * robots in priority order take the free neighbour closest to their goal by
 * the precomputed distance field; a robot that wants an occupied cell pushes
 * its occupant (which inherits the priority) and backtracks if the push fails.
 * Priority grows with the time since the goal was set, so a waiting robot
 * eventually wins, which is what keeps the fleet from deadlocking.
 *
 * One pass costs O(robots) and allocates nothing after construction.
 */
export class PibtPlanner implements Planner {
  readonly name = 'pibt';
  private readonly order: Int32Array;
  private readonly prio: Float64Array;
  private readonly tiebreak: Float64Array;
  /** Ticks since each robot's goal was set, plus one (0: no goal to go to); the whole part of its priority. */
  private readonly age: Int32Array;
  /** Robots by tiebreak, highest first (then by index): the order within one age. */
  private readonly byTiebreak: Int32Array;
  private counts = new Int32Array(64);
  /**
   * Per cell, the robot on it now (at cell * 2) and the robot that will be
   * on it next (cell * 2 + 1), or UNSET: side by side because a step reads
   * both for the same cells, and these reads at random cells are what a
   * tick waits on.
   */
  private readonly occ: Int32Array;
  private readonly moves: MoveTable;
  /** Five candidate cells per recursion depth. */
  private readonly cand: Int32Array;
  private readonly candKey: Float64Array;
  private view!: PlanView;
  private next!: Int32Array;
  private readonly byPriority = (a: number, b: number) => this.prio[b] - this.prio[a] || a - b;

  constructor(grid: Grid, n: number, options: PlannerOptions) {
    const cells = grid.width * grid.height;
    this.order = new Int32Array(n);
    this.prio = new Float64Array(n);
    this.tiebreak = new Float64Array(n);
    for (let i = 0; i < n; i++) this.tiebreak[i] = options.rng.next();
    this.age = new Int32Array(n);
    const tb = this.tiebreak;
    this.byTiebreak = Int32Array.from({ length: n }, (_, i) => i).sort((a, b) => tb[b] - tb[a] || a - b);
    this.occ = new Int32Array(cells * 2).fill(UNSET);
    this.moves = moveTable(grid);
    this.cand = new Int32Array((n + 1) * 5);
    this.candKey = new Float64Array((n + 1) * 5);
  }

  plan(view: PlanView, next: Int32Array): void {
    this.view = view;
    this.next = next;
    const { n, cell, goal, goalSince, fixed, tick } = view;
    const { order, prio, occ, tiebreak } = this;
    const age = this.age;
    let oldest = 0;
    for (let i = 0; i < n; i++) {
      const c = cell[i];
      occ[c * 2] = i;
      if (fixed[i]) {
        next[i] = c;
        occ[c * 2 + 1] = i;
      } else next[i] = UNSET;
      // Robots with somewhere to be outrank idle ones; among them the longest waiting goes first.
      const a = goal[i] >= 0 && goal[i] !== c ? 1 + (tick - goalSince[i]) : 0;
      age[i] = a;
      if (a > oldest) oldest = a;
    }
    if (oldest <= MAX_COUNTED_AGE) this.orderByAge(oldest);
    else {
      for (let i = 0; i < n; i++) {
        order[i] = i;
        prio[i] = age[i] + tiebreak[i];
      }
      order.sort(this.byPriority);
    }
    for (let k = 0; k < n; k++) {
      const i = order[k];
      if (next[i] === UNSET) this.step(i, -1, 0);
    }
    for (let i = 0; i < n; i++) {
      occ[cell[i] * 2] = UNSET;
      occ[next[i] * 2 + 1] = UNSET;
    }
  }

  /**
   * The priority order (age descending, then tiebreak descending, then index)
   * by a counting sort over ages, placing robots in their fixed tiebreak
   * order: linear in robots, where a comparison sort with a comparator was a
   * tenth of a 5,000-robot tick. The same order as sorting by age + tiebreak,
   * since a tiebreak lies in [0, 1) and ages are whole.
   */
  private orderByAge(oldest: number): void {
    if (this.counts.length < oldest + 1) this.counts = new Int32Array(Math.max(oldest + 1, this.counts.length * 2));
    const { counts, age, order, byTiebreak } = this;
    counts.fill(0, 0, oldest + 1);
    for (let i = 0; i < age.length; i++) counts[age[i]]++;
    // Start of each age's run, oldest first.
    let at = 0;
    for (let a = oldest; a >= 0; a--) {
      const c = counts[a];
      counts[a] = at;
      at += c;
    }
    for (let k = 0; k < byTiebreak.length; k++) {
      const i = byTiebreak[k];
      order[counts[age[i]]++] = i;
    }
  }

  /** Tries to move robot i; `forbidden` is the cell of the robot pushing it (no swap back into it). */
  private step(i: number, forbidden: number, depth: number): boolean {
    const view = this.view;
    const next = this.next;
    const { occ, cand, candKey } = this;
    const { bits, step } = this.moves;
    const here = view.cell[i];
    const field = view.field[i];
    // A robot without a goal that nobody is pushing stays put (staying scores 0, every move 1 or more):
    // most of a large fleet is idle, and this spares reading the cells around it.
    if (field === null && here !== forbidden && occ[here * 2] === i && occ[here * 2 + 1] === UNSET) {
      next[i] = here;
      occ[here * 2 + 1] = i;
      return true;
    }
    const fieldIndex = view.fieldIndex;
    const turnBias = view.turnBias;
    const laneBias = view.laneBias;
    const heading = view.heading[i];
    const base = depth * 5;
    // The robot's side of canEnter, worked out once for its five candidates (see mayEnter).
    // With no cell blocked, counting the robot as inside a closed area changes nothing and spares reading the mask.
    const fields = view.fields;
    const blocked = fields.blocked;
    const outside = fields.blockedCells > 0 && blocked[here] === 0;
    // A loaded robot enters storage only at its goal: the storage bit of the move table stands in for the cell kind.
    const storageBit = view.loaded[i] !== 0 ? STORAGE_BIT : 0;
    const goal = view.goal[i];
    const moves = bits[here];
    let count = 0;
    // Candidates: the four neighbours and staying put, best (closest to goal) first.
    for (let d = -1; d < 4; d++) {
      if (d >= 0 && (moves & (1 << d)) === 0) continue;
      const c = d < 0 ? here : here + step[d];
      if (c === forbidden) continue;
      // mayEnter, written out: the call was not inlined here.
      if (d >= 0 && ((outside && blocked[c] !== 0) || ((bits[c] & storageBit) !== 0 && goal !== c))) continue;
      let key: number;
      if (field !== null) {
        const dc = field[fieldIndex === undefined ? c : fieldIndex[c]];
        key = dc === UNREACHABLE ? 1e6 : dc;
        // Among equally good cells, prefer the one ahead: a robot that must turn first loses time.
        if (d >= 0 && turnBias > 0 && d !== heading) key += ((d - heading) & 3) === 2 ? 2 * turnBias : turnBias;
      } else key = d < 0 ? 0 : 1; // no goal: prefer staying, but yield when pushed
      if (laneBias > 0 && d >= 0 && againstLane(here, d, view.grid.width)) key += laneBias;
      // Prefer cells nobody stands on, then a fixed per-direction order for determinism.
      const now = occ[c * 2];
      if (now !== UNSET && now !== i) key += 0.5;
      key += (d + 1) * 0.01;
      // Insertion sort into this depth's slots.
      let k = count++;
      while (k > 0 && candKey[base + k - 1] > key) {
        cand[base + k] = cand[base + k - 1];
        candKey[base + k] = candKey[base + k - 1];
        k--;
      }
      cand[base + k] = c;
      candKey[base + k] = key;
    }
    for (let k = 0; k < count; k++) {
      const c = cand[base + k];
      if (occ[c * 2 + 1] !== UNSET) continue;
      const j = occ[c * 2];
      // Never swap with a robot that already decided to move into our cell.
      if (j !== UNSET && j !== i && next[j] === here) continue;
      next[i] = c;
      occ[c * 2 + 1] = i;
      if (j !== UNSET && j !== i && next[j] === UNSET) {
        if (!this.step(j, here, depth + 1)) {
          // j holds its cell; the claim on c now belongs to j. Try the next candidate.
          continue;
        }
      }
      return true;
    }
    next[i] = here;
    occ[here * 2 + 1] = i;
    return false;
  }
}
