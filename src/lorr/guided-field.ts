import { UNREACHABLE } from '../layout/distance.js';
import type { Grid } from '../layout/grid.js';

/** Cost of one move along a lane, and against it, in the field's units (two per plain step): against a lane a move counts double. */
export const ALONG = 2;
export const AGAINST = 4;

/** True when moving from `cell` in `dir` goes against the alternating one-way lanes. */
export function againstLane(cell: number, dir: number, width: number): boolean {
  const row = (cell / width) | 0;
  const col = cell - row * width;
  switch (dir) {
    case 0:
      return (row & 1) === 1;
    case 2:
      return (row & 1) === 0;
    case 1:
      return (col & 1) === 1;
    default:
      return (col & 1) === 0;
  }
}

/**
 * Distance to a goal where moves against the lanes (even rows east, odd rows
 * west, even columns south, odd columns north) count double: a
 * guidance graph that steers crowds into one-way flows, so long aisles carry
 * traffic in one direction instead of head-on. Dial's algorithm (bucket queue
 * over integer costs), grown lazily from the goal outward.
 */
export class GuidedField {
  readonly dist: Uint16Array;
  /** Buckets by cost modulo (AGAINST + 1): each a list of cells. */
  private readonly buckets: Int32Array[];
  private readonly counts: Int32Array;
  private current = 0;
  private pending = 0;
  settled = -1;

  constructor(
    private readonly grid: Grid,
    readonly goal: number,
  ) {
    this.dist = new Uint16Array(grid.width * grid.height).fill(UNREACHABLE);
    this.buckets = Array.from({ length: AGAINST + 1 }, () => new Int32Array(256));
    this.counts = new Int32Array(AGAINST + 1);
    this.dist[goal] = 0;
    this.buckets[0][0] = goal;
    this.counts[0] = 1;
    this.pending = 1;
  }

  private add(cell: number, d: number): void {
    const b = d % (AGAINST + 1);
    let list = this.buckets[b];
    if (this.counts[b] === list.length) {
      const bigger = new Int32Array(list.length * 2);
      bigger.set(list);
      this.buckets[b] = list = bigger;
    }
    list[this.counts[b]++] = cell;
    this.pending++;
  }

  /** Settles every cell whose cost is at most `level`. */
  settle(level: number): void {
    const { nbr, width } = this.grid;
    const dist = this.dist;
    while (this.pending > 0 && this.current <= level) {
      const b = this.current % (AGAINST + 1);
      // Pop the current bucket (it may grow while we work through it: no, new entries are >= current + ALONG).
      while (this.counts[b] > 0) {
        const cell = this.buckets[b][--this.counts[b]];
        this.pending--;
        if (dist[cell] !== this.current) continue; // a stale entry: settled cheaper already
        for (let k = 0; k < 4; k++) {
          const x = nbr[cell * 4 + k];
          if (x < 0) continue;
          // The robot moves from x toward cell: direction opposite to k.
          const w = againstLane(x, (k + 2) & 3, width) ? AGAINST : ALONG;
          const nd = this.current + w;
          if (nd < dist[x]) {
            dist[x] = nd;
            this.add(x, nd);
          }
        }
      }
      this.current++;
    }
    this.settled = this.pending === 0 ? UNREACHABLE : this.current - 1;
  }

  /** Makes `cell`'s cost and its neighbours' final. */
  ensure(cell: number): void {
    if (this.pending === 0) return;
    while (this.dist[cell] === UNREACHABLE || this.settled < this.dist[cell]) {
      if (this.pending === 0) return;
      this.settle(Math.max(this.current, this.dist[cell] === UNREACHABLE ? this.current : this.dist[cell]));
    }
    if (this.settled < this.dist[cell] + AGAINST) this.settle(this.dist[cell] + AGAINST);
  }
}

/** Guided fields by goal, least recently used first out. */
export class GuidedCache {
  private readonly map = new Map<number, GuidedField>();
  private readonly capacity: number;
  constructor(
    private readonly grid: Grid,
    budgetBytes = 1024 * 1024 * 1024,
  ) {
    this.capacity = Math.max(16, Math.floor(budgetBytes / (grid.width * grid.height * 2)));
  }
  get(goal: number): GuidedField {
    const hit = this.map.get(goal);
    if (hit) {
      this.map.delete(goal);
      this.map.set(goal, hit);
      return hit;
    }
    if (this.map.size >= this.capacity) this.map.delete(this.map.keys().next().value as number);
    const f = new GuidedField(this.grid, goal);
    this.map.set(goal, f);
    return f;
  }
}
