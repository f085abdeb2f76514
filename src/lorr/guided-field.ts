import { UNREACHABLE } from '../layout/distance.js';
import type { Grid } from '../layout/grid.js';
import { againstLane } from '../layout/lanes.js';
import { LruCache } from '../layout/lru.js';

/** Cost of one move along a lane, and against it, in the field's units (two per plain step): against a lane a move counts double. */
export const ALONG = 2;
export const AGAINST = 4;

/**
 * Distance to a goal where moves against the lanes (even rows east, odd rows
 * west, even columns south, odd columns north) count double: a
 * guidance graph that steers crowds into one-way flows, so long aisles carry
 * traffic in one direction instead of head-on. Dial's algorithm (bucket queue
 * over integer costs), grown lazily from the goal outward.
 */
const EMPTY = new Uint16Array(0);
const BUCKETS = 8;

/** Move costs by (cell * 4 + direction), made once per grid: the search's inner loop only looks them up. */
const COSTS = new WeakMap<Grid, Uint8Array>();
function moveCosts(grid: Grid): Uint8Array {
  let costs = COSTS.get(grid);
  if (!costs) {
    const n = grid.width * grid.height;
    costs = new Uint8Array(n * 4);
    for (let c = 0; c < n; c++) for (let d = 0; d < 4; d++) costs[c * 4 + d] = againstLane(c, d, grid.width) ? AGAINST : ALONG;
    COSTS.set(grid, costs);
  }
  return costs;
}

export class GuidedField {
  /**
   * Costs per cell. Allocated on first `ensure`: thousands of goals may be
   * set in one step and their searches run over the next steps. Empty before.
   */
  dist: Uint16Array = EMPTY;
  /** Buckets by cost modulo BUCKETS (a power of two above AGAINST, so wrapping is a mask): each a list of cells. */
  private buckets: Int32Array[] = [];
  private readonly counts = new Int32Array(BUCKETS);
  private current = 0;
  private pending = 0;
  settled = -1;
  /** Cells expanded so far: the work done, for budgets. */
  expanded = 0;

  /** Agents steering by this field right now; its array is recycled only when none is and the cache let it go. */
  users = 0;
  evicted = false;

  constructor(
    private readonly grid: Grid,
    readonly goal: number,
    private readonly spare: Uint16Array[] = [],
  ) {
    this.counts[0] = 1;
    this.pending = 1;
  }

  private allocate(): void {
    this.buckets = Array.from({ length: BUCKETS }, () => new Int32Array(256));
    this.buckets[0][0] = this.goal;
    // Reuse a recycled array when there is one: allocating thousands of them makes garbage-collector pauses.
    const reused = this.spare.pop();
    this.dist = reused !== undefined ? reused.fill(UNREACHABLE) : new Uint16Array(this.grid.width * this.grid.height).fill(UNREACHABLE);
    this.dist[this.goal] = 0;
  }

  /** Gives the array back for reuse once nobody can read it any more. */
  recycleIfFree(): void {
    if (!this.evicted || this.users > 0 || this.dist === EMPTY) return;
    this.spare.push(this.dist);
    this.dist = EMPTY;
  }

  /** Settles every cell whose cost is at most `level`. */
  settle(level: number): void {
    if (this.dist === EMPTY) this.allocate();
    const nbr = this.grid.nbr;
    const costs = moveCosts(this.grid);
    const dist = this.dist;
    const counts = this.counts;
    const buckets = this.buckets;
    // Locals in the loop: this search is most of a LoRR step's planning time.
    let current = this.current;
    let pending = this.pending;
    let expanded = 0;
    while (pending > 0 && current <= level) {
      const b = current & (BUCKETS - 1);
      const list = buckets[b];
      // New entries cost at least current + ALONG, so they never land in the bucket being emptied.
      let count = counts[b];
      pending -= count;
      while (count > 0) {
        const cell = list[--count];
        if (dist[cell] !== current) continue; // a stale entry: settled cheaper already
        expanded++;
        const base = cell * 4;
        for (let k = 0; k < 4; k++) {
          const x = nbr[base + k];
          if (x < 0) continue;
          // The robot moves from x toward cell: direction opposite to k.
          const nd = current + costs[x * 4 + ((k + 2) & 3)];
          if (nd < dist[x]) {
            dist[x] = nd;
            const nb = nd & (BUCKETS - 1);
            let target = buckets[nb];
            if (counts[nb] === target.length) {
              const bigger = new Int32Array(target.length * 2);
              bigger.set(target);
              buckets[nb] = target = bigger;
            }
            target[counts[nb]++] = x;
            pending++;
          }
        }
      }
      counts[b] = 0;
      current++;
    }
    this.current = current;
    this.pending = pending;
    this.expanded += expanded;
    this.settled = pending === 0 ? UNREACHABLE : current - 1;
  }

  /** Makes `cell`'s cost and its neighbours' final. */
  ensure(cell: number): void {
    if (this.dist === EMPTY) this.allocate();
    if (this.pending === 0) return;
    const dist = this.dist;
    if (dist[cell] === UNREACHABLE) {
      // Every move costs at least ALONG: settle up to that lower bound in one go.
      const w = this.grid.width;
      const gr = (this.goal / w) | 0;
      const cr = (cell / w) | 0;
      const bound = (Math.abs(gr - cr) + Math.abs(this.goal - gr * w - (cell - cr * w))) * ALONG;
      if (bound > ALONG) this.settle(bound - ALONG);
    }
    while (this.dist[cell] === UNREACHABLE || this.settled < this.dist[cell]) {
      if (this.pending === 0) return;
      this.settle(Math.max(this.current, this.dist[cell] === UNREACHABLE ? this.current : this.dist[cell]));
    }
    if (this.settled < this.dist[cell] + AGAINST) this.settle(this.dist[cell] + AGAINST);
  }
}

/** Guided fields by goal, least recently used first out. */
export class GuidedCache {
  private readonly spare: Uint16Array[] = [];
  private readonly lru: LruCache<GuidedField>;
  constructor(grid: Grid, budgetBytes = 256 * 1024 * 1024) {
    const capacity = Math.max(16, Math.floor(budgetBytes / (grid.width * grid.height * 2)));
    this.lru = new LruCache(
      capacity,
      (goal) => new GuidedField(grid, goal, this.spare),
      (gone) => {
        gone.evicted = true;
        gone.recycleIfFree();
      },
    );
  }

  get(goal: number): GuidedField {
    return this.lru.get(goal);
  }

  /** An agent starts steering by `f`. */
  use(f: GuidedField): void {
    f.users++;
  }

  /** An agent stops steering by `f`. */
  unuse(f: GuidedField): void {
    f.users--;
    f.recycleIfFree();
  }
}
