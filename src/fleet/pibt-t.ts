import { UNREACHABLE } from '../layout/distance.js';
import type { Grid } from '../layout/grid.js';
import type { Rng } from '../core/rng.js';

import { OP_C as ACT_C, OP_F as ACT_F, OP_R as ACT_R, OP_W as ACT_W } from './operations.js';

const UNSET = -1;

/** What PIBT-T reads each step (arrays shared with the caller). */
export interface OrientedView {
  n: number;
  step: number;
  cell: Int32Array;
  heading: Uint8Array;
  goalSince: Int32Array;
  /** Oriented distances toward each agent's goal (cell*4+heading), or null without a goal. */
  dist: (Uint16Array | null)[];
}

/**
 * PIBT over MAPF_T actions. Each agent ranks forward / turn right / turn left /
 * wait by the oriented distance of the state each leads to; only a forward
 * move changes cells, so priority inheritance pushes an agent only through
 * the cell it faces. The result is conflict-free by construction.
 */
export class PibtT {
  private readonly order: Int32Array;
  private readonly prio: Float64Array;
  private readonly tiebreak: Float64Array;
  private readonly occNow: Int32Array;
  private readonly occNext: Int32Array;
  private readonly nextCell: Int32Array;
  private readonly cand: Int32Array;
  private readonly candKey: Float64Array;
  private view!: OrientedView;
  private acts!: Uint8Array;
  private readonly byPriority = (a: number, b: number) => this.prio[b] - this.prio[a] || a - b;

  constructor(
    private readonly grid: Grid,
    n: number,
    rng: Rng,
  ) {
    const cells = grid.width * grid.height;
    this.order = new Int32Array(n);
    this.prio = new Float64Array(n);
    this.tiebreak = new Float64Array(n);
    for (let i = 0; i < n; i++) this.tiebreak[i] = rng.next();
    this.occNow = new Int32Array(cells).fill(UNSET);
    this.occNext = new Int32Array(cells).fill(UNSET);
    this.nextCell = new Int32Array(n);
    this.cand = new Int32Array((n + 1) * 4);
    this.candKey = new Float64Array((n + 1) * 4);
  }

  /** Writes one action per agent into `acts` (ACT_F/R/C/W). */
  plan(view: OrientedView, acts: Uint8Array): void {
    this.view = view;
    this.acts = acts;
    const { n, cell, goalSince, dist, step } = view;
    const { order, prio, occNow, nextCell, tiebreak } = this;
    for (let i = 0; i < n; i++) {
      occNow[cell[i]] = i;
      nextCell[i] = UNSET;
      order[i] = i;
      const f = dist[i];
      const atGoal = f === null || f[cell[i] * 4 + view.heading[i]] === 0;
      prio[i] = atGoal ? tiebreak[i] : 1 + (step - goalSince[i]) + tiebreak[i];
    }
    order.sort(this.byPriority);
    for (let k = 0; k < n; k++) {
      const i = order[k];
      if (nextCell[i] === UNSET) this.decide(i, -1, 0);
    }
    for (let i = 0; i < n; i++) {
      occNow[cell[i]] = UNSET;
      this.occNext[nextCell[i]] = UNSET;
    }
  }

  /** Decides agent i's action; `pusher` is the cell of an agent that wants i's cell (i must leave), else -1. */
  private decide(i: number, pusher: number, depth: number): boolean {
    const { cell, heading, dist } = this.view;
    const { occNow, occNext, nextCell, cand, candKey } = this;
    const c = cell[i];
    const h = heading[i];
    const f = dist[i];
    const ahead = this.grid.nbr[c * 4 + h];
    const base = depth * 4;
    let count = 0;
    for (let a = 0; a < 4; a++) {
      let key: number;
      if (a === ACT_F) {
        if (ahead < 0 || ahead === pusher) continue;
        key = f === null ? 1 : keyOf(f[ahead * 4 + h]);
        if (occNow[ahead] !== UNSET) key += 0.5;
      } else {
        if (pusher >= 0) continue; // being pushed: only leaving helps
        const nh = a === ACT_R ? (h + 1) & 3 : a === ACT_C ? (h + 3) & 3 : h;
        key = f === null ? (a === ACT_W ? 0 : 2) : keyOf(f[c * 4 + nh]);
        if (a === ACT_W) key += 0.1; // waiting loses to an equally good turn
      }
      key += a * 0.001;
      let k = count++;
      while (k > 0 && candKey[base + k - 1] > key) {
        cand[base + k] = cand[base + k - 1];
        candKey[base + k] = candKey[base + k - 1];
        k--;
      }
      cand[base + k] = a;
      candKey[base + k] = key;
    }
    for (let k = 0; k < count; k++) {
      const a = cand[base + k];
      if (a !== ACT_F) {
        if (occNext[c] !== UNSET) continue;
        occNext[c] = i;
        nextCell[i] = c;
        this.acts[i] = a;
        return true;
      }
      if (occNext[ahead] !== UNSET) continue;
      const j = occNow[ahead];
      if (j !== UNSET && nextCell[j] === c) continue; // no swaps
      occNext[ahead] = i;
      nextCell[i] = ahead;
      this.acts[i] = ACT_F;
      if (j !== UNSET && nextCell[j] === UNSET && !this.decide(j, c, depth + 1)) continue;
      return true;
    }
    nextCell[i] = c;
    occNext[c] = i;
    this.acts[i] = pusher >= 0 ? this.turnToEscape(i, c, h, pusher) : ACT_W;
    return false;
  }

  /**
   * A pushed agent that cannot move forward turns toward an open neighbour,
   * so that next step it can make way: without this, agents facing walls or
   * each other would block a higher-priority agent forever.
   */
  private turnToEscape(i: number, c: number, h: number, pusher: number): number {
    const nbr = this.grid.nbr;
    const f = this.view.dist[i];
    let best = -1;
    let bestKey = Infinity;
    for (let t = 1; t < 4; t++) {
      const d = (h + t) & 3;
      const v = nbr[c * 4 + d];
      if (v < 0 || v === pusher) continue;
      // Prefer empty cells, then cells toward the agent's own goal, then fewer turns.
      let key = (this.occNow[v] !== UNSET ? 100 : 0) + (t === 2 ? 2 : 1) * 0.01;
      if (f !== null) key += keyOf(f[v * 4 + d]) * 0.001;
      if (key < bestKey) {
        bestKey = key;
        best = t;
      }
    }
    if (best < 0) return ACT_W;
    return best === 3 ? ACT_C : ACT_R;
  }
}

function keyOf(d: number): number {
  return d === UNREACHABLE ? 1e6 : d;
}
