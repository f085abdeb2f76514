import { CellKind, type Grid } from './grid.js';

/** Distance (in moves) from every cell to one goal; UNREACHABLE where there is no way. */
export type DistanceField = Uint16Array;

/** Marks cells a robot cannot reach the goal from. Distances saturate one below it. */
export const UNREACHABLE = 0xffff;

/**
 * Breadth-first distances to `goal`. With `loaded`, storage cells other than the
 * goal are impassable (a robot carrying a pod cannot drive under stored pods).
 * Moves are symmetric, so the search runs outward from the goal.
 */
export function computeField(grid: Grid, goal: number, loaded: boolean, queue: Int32Array, out?: DistanceField): DistanceField {
  const n = grid.width * grid.height;
  const dist = out ?? new Uint16Array(n);
  dist.fill(UNREACHABLE);
  const { nbr, kind } = grid;
  if (kind[goal] === CellKind.Wall) return dist;
  let head = 0;
  let tail = 0;
  dist[goal] = 0;
  queue[tail++] = goal;
  while (head < tail) {
    const cell = queue[head++];
    const next = dist[cell] + 1;
    const d = next >= UNREACHABLE ? UNREACHABLE - 1 : next;
    const base = cell * 4;
    for (let k = 0; k < 4; k++) {
      const v = nbr[base + k];
      if (v < 0 || dist[v] !== UNREACHABLE) continue;
      if (loaded && kind[v] === CellKind.Storage) continue;
      dist[v] = d;
      queue[tail++] = v;
    }
  }
  return dist;
}

/**
 * Distance fields by (goal, loaded), computed on first use and kept in a
 * least-recently-used cache under a byte budget. Fields are immutable once made,
 * so a robot may keep a reference to one after the cache has let it go.
 */
export class DistanceCache {
  private readonly map = new Map<number, DistanceField>();
  private readonly queue: Int32Array;
  private readonly capacity: number;
  /** Fields computed so far (a cost figure for reports and benches). */
  computed = 0;

  constructor(
    readonly grid: Grid,
    budgetBytes = 256 * 1024 * 1024,
  ) {
    const cells = grid.width * grid.height;
    this.queue = new Int32Array(cells);
    this.capacity = Math.max(16, Math.floor(budgetBytes / (cells * 2)));
  }

  /** The field toward `goal`, for an empty (`loaded=false`) or pod-carrying robot. */
  get(goal: number, loaded: boolean): DistanceField {
    const key = goal * 2 + (loaded ? 1 : 0);
    const hit = this.map.get(key);
    if (hit !== undefined) {
      // Refresh recency: Map iteration order is insertion order.
      this.map.delete(key);
      this.map.set(key, hit);
      return hit;
    }
    if (this.map.size >= this.capacity) {
      const oldest = this.map.keys().next().value as number;
      this.map.delete(oldest);
    }
    const field = computeField(this.grid, goal, loaded, this.queue);
    this.computed++;
    this.map.set(key, field);
    return field;
  }

  get size(): number {
    return this.map.size;
  }
}
