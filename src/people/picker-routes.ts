import PF from 'pathfinding';
import { DC, DR, personWalkable, type Grid } from '../layout/grid.js';
import { LruCache } from '../layout/lru.js';

/** The search fields PathFinding.js writes onto its nodes (absent from its type declarations). */
interface SearchNode extends PF.Node {
  g?: number;
  h?: number;
  f?: number;
  opened?: boolean;
  closed?: boolean;
  parent?: PF.Node | null;
}

/** Cached marker for "no route": compared by identity, so it never collides with a real empty leg. */
const UNREACHABLE = new Int32Array(0);
/** The leg from a cell to itself. */
const STAY = new Int32Array(0);

/** Default number of legs kept; a leg costs 4 bytes per cell walked. */
export const DEFAULT_LEG_CACHE = 16_384;

/**
 * Walking routes for people: shortest 4-connected paths over the cells people
 * may walk on (`personWalkable`), found by PathFinding.js's A* and cached per
 * (from, to) in a bounded LRU, so the per-tick path only reads cached legs.
 *
 * A leg is always searched from the lower cell id to the higher and read
 * backwards for the other direction, so which of several equally short paths a
 * leg takes does not depend on the order legs were asked for or on evictions.
 */
export class PickerRoutes {
  /** A* runs so far (a cost figure; a cache hit adds nothing). */
  searches = 0;
  private readonly pf: PF.Grid;
  private readonly finder: PF.AStarFinder;
  private readonly touched: SearchNode[] = [];
  private readonly legs: LruCache<Int32Array>;
  private readonly cells: number;

  constructor(
    private readonly grid: Grid,
    cacheLegs = DEFAULT_LEG_CACHE,
  ) {
    const { width, height, kind } = grid;
    this.cells = width * height;
    const matrix: number[][] = [];
    for (let r = 0; r < height; r++) {
      const row = new Array<number>(width);
      for (let c = 0; c < width; c++) row[c] = personWalkable(kind[r * width + c]) ? 0 : 1;
      matrix.push(row);
    }
    this.pf = new PF.Grid(matrix);
    // A* leaves g/h/f/opened/closed/parent on every node it reaches, and reads
    // a stale `h` as if it were current. Cloning the grid per search costs a
    // node allocation per cell, so instead record the nodes a search reaches
    // (every node it reaches is some expanded node's neighbour) and reset
    // just those afterwards.
    const pf = this.pf;
    const neighbours = pf.getNeighbors;
    const touched = this.touched;
    pf.getNeighbors = (node, diagonal) => {
      const found = neighbours.call(pf, node, diagonal);
      for (let i = 0; i < found.length; i++) touched.push(found[i]);
      return found;
    };
    this.finder = new PF.AStarFinder({ diagonalMovement: PF.DiagonalMovement.Never });
    this.legs = new LruCache(Math.max(1, cacheLegs), (key) => this.makeLeg(key));
  }

  /** The cells walked from `from` to `to`, excluding `from` and including `to`. Throws if `to` cannot be reached. Cached: do not modify the array. */
  legCells(from: number, to: number): Int32Array {
    const leg = this.leg(from, to);
    if (leg === UNREACHABLE) throw new Error(`no walking route from cell ${this.where(from)} to cell ${this.where(to)}`);
    return leg;
  }

  /** Cells walked from `from` to `to`, or Infinity when no walking route joins them. */
  legLength(from: number, to: number): number {
    const leg = this.leg(from, to);
    return leg === UNREACHABLE ? Infinity : leg.length;
  }

  /**
   * Visiting order of the distinct `faces` for a walk that starts and ends at
   * `depot` (the depot itself is not listed): greedy, each next face the one
   * with the shortest leg from the current cell, ties to the lower cell id.
   * Throws if a face cannot be reached.
   */
  nearestNeighbourTour(depot: number, faces: ArrayLike<number>): number[] {
    const left = Array.from(new Set(Array.from(faces))).sort((a, b) => a - b);
    const order: number[] = [];
    let at = depot;
    while (left.length > 0) {
      let best = 0;
      let bestLength = Infinity;
      for (let i = 0; i < left.length; i++) {
        const length = this.legLength(at, left[i]);
        if (length < bestLength) {
          bestLength = length;
          best = i;
        }
      }
      if (bestLength === Infinity) throw new Error(`no walking route from cell ${this.where(at)} to face ${this.where(left[0])}`);
      at = left[best];
      order.push(at);
      left.splice(best, 1);
    }
    return order;
  }

  /** Cells reachable on foot from `from` (1 = reachable), by breadth-first search over person-walkable cells. */
  reachableFrom(from: number): Uint8Array {
    const { width, height, kind } = this.grid;
    const seen = new Uint8Array(this.cells);
    if (!this.inside(from) || !personWalkable(kind[from])) return seen;
    const queue = new Int32Array(this.cells);
    let head = 0;
    let tail = 0;
    queue[tail++] = from;
    seen[from] = 1;
    while (head < tail) {
      const cell = queue[head++];
      const r = (cell / width) | 0;
      const c = cell - r * width;
      for (let d = 0; d < 4; d++) {
        const rr = r + DR[d];
        const cc = c + DC[d];
        if (rr < 0 || rr >= height || cc < 0 || cc >= width) continue;
        const next = rr * width + cc;
        if (seen[next] === 0 && personWalkable(kind[next])) {
          seen[next] = 1;
          queue[tail++] = next;
        }
      }
    }
    return seen;
  }

  /** Legs held in the cache now. */
  get cachedLegs(): number {
    return this.legs.size;
  }

  private leg(from: number, to: number): Int32Array {
    if (!this.inside(from) || !this.inside(to)) return UNREACHABLE;
    return this.legs.get(from * this.cells + to);
  }

  private makeLeg(key: number): Int32Array {
    const from = Math.floor(key / this.cells);
    const to = key - from * this.cells;
    if (from === to) return personWalkable(this.grid.kind[from]) ? STAY : UNREACHABLE;
    const lo = Math.min(from, to);
    const hi = Math.max(from, to);
    const path = this.search(lo, hi);
    if (path.length === 0) return UNREACHABLE;
    const n = path.length - 1;
    const leg = new Int32Array(n);
    const { width } = this.grid;
    for (let i = 0; i < n; i++) {
      // Forward: path[1..n]; backward: path[n-1..0].
      const [x, y] = from === lo ? path[i + 1] : path[n - 1 - i];
      leg[i] = y * width + x;
    }
    return leg;
  }

  /** A* from `from` to `to` as [x, y] pairs including both ends, [] if none; leaves the grid clean for the next search. */
  private search(from: number, to: number): number[][] {
    const { width, kind } = this.grid;
    if (!personWalkable(kind[from]) || !personWalkable(kind[to])) return [];
    this.searches++;
    const fr = (from / width) | 0;
    const tr = (to / width) | 0;
    const path = this.finder.findPath(from - fr * width, fr, to - tr * width, tr, this.pf);
    const touched = this.touched;
    touched.push(this.pf.getNodeAt(from - fr * width, fr));
    for (let i = 0; i < touched.length; i++) {
      const node = touched[i];
      node.g = 0;
      node.h = 0;
      node.f = 0;
      node.opened = false;
      node.closed = false;
      node.parent = null;
    }
    touched.length = 0;
    return path;
  }

  private inside(cell: number): boolean {
    return Number.isInteger(cell) && cell >= 0 && cell < this.cells;
  }

  private where(cell: number): string {
    if (!this.inside(cell)) return String(cell);
    const r = Math.floor(cell / this.grid.width);
    return `${cell} (row ${r}, column ${cell - r * this.grid.width})`;
  }
}
