import { doubleRing, UNREACHABLE } from '../layout/distance.js';
import type { Grid } from '../layout/grid.js';
import { LruCache } from '../layout/lru.js';

/**
 * Steps to reach a goal cell from every (cell, heading) state under MAPF_T:
 * a step moves one cell forward or turns 90 degrees. Index: cell * 4 + heading.
 * Turning is not free, so the best way to a goal depends on where a robot
 * faces; a cell-only distance cannot tell. Grown lazily like LazyField: a
 * breadth-first search backward from the goal, expanded on demand.
 */
export class OrientedField {
  readonly dist: Uint16Array;
  private ring: Int32Array;
  private head = 0;
  private size = 0;
  settled = -1;

  constructor(
    private readonly grid: Grid,
    readonly goal: number,
  ) {
    this.dist = new Uint16Array(grid.width * grid.height * 4).fill(UNREACHABLE);
    this.ring = new Int32Array(4096);
    for (let h = 0; h < 4; h++) {
      this.dist[goal * 4 + h] = 0;
      this.ring[h] = goal * 4 + h;
    }
    this.size = 4;
  }

  /** Expands until every state at distance <= level + 1 has its final label. */
  settle(level: number): void {
    const nbr = this.grid.nbr;
    const dist = this.dist;
    let ring = this.ring;
    let mask = ring.length - 1;
    let head = this.head;
    let size = this.size;
    while (size > 0) {
      const s = ring[head];
      const ds = dist[s];
      if (ds > level) break;
      head = (head + 1) & mask;
      size--;
      const nd = ds + 1 >= UNREACHABLE ? UNREACHABLE - 1 : ds + 1;
      const c = s >> 2;
      const h = s & 3;
      // Predecessors: the cell behind (reached by moving forward with heading h) and the two turns into h.
      const behind = nbr[c * 4 + ((h + 2) & 3)];
      for (let k = 0; k < 3; k++) {
        const p = k === 0 ? (behind < 0 ? -1 : behind * 4 + h) : k === 1 ? c * 4 + ((h + 1) & 3) : c * 4 + ((h + 3) & 3);
        if (p < 0 || dist[p] !== UNREACHABLE) continue;
        dist[p] = nd;
        if (size === ring.length) {
          ring = this.ring = doubleRing(ring, head, size);
          mask = ring.length - 1;
          head = 0;
        }
        ring[(head + size) & mask] = p;
        size++;
      }
    }
    this.head = head;
    this.size = size;
    this.settled = size === 0 ? UNREACHABLE : dist[ring[head]];
  }

  /** Settles the states around `cell` (all headings, and the cell ahead) for a one-step decision. */
  ensure(cell: number): void {
    if (this.size === 0) return;
    let d = Math.min(this.dist[cell * 4], this.dist[cell * 4 + 1], this.dist[cell * 4 + 2], this.dist[cell * 4 + 3]);
    while (d === UNREACHABLE && this.size > 0) {
      this.settle(this.dist[this.ring[this.head]]);
      d = Math.min(this.dist[cell * 4], this.dist[cell * 4 + 1], this.dist[cell * 4 + 2], this.dist[cell * 4 + 3]);
    }
    // Any state one action away is within a few steps of the best state here.
    if (d !== UNREACHABLE && this.settled < d + 5) this.settle(d + 4);
  }
}

/** Oriented fields by goal, in a least-recently-used cache under a byte budget. */
export class OrientedCache {
  private readonly lru: LruCache<OrientedField>;
  constructor(grid: Grid, budgetBytes = 1024 * 1024 * 1024) {
    const capacity = Math.max(16, Math.floor(budgetBytes / (grid.width * grid.height * 8)));
    this.lru = new LruCache(capacity, (goal) => new OrientedField(grid, goal));
  }
  get(goal: number): OrientedField {
    return this.lru.get(goal);
  }
}
