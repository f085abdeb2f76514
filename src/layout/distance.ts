import { chargersArePassages } from './charger-passage.js';
import { robotWalkable, type Grid } from './grid.js';
import { LruCache } from './lru.js';
import { CHARGER_BIT, moveTable, STORAGE_BIT, type MoveTable } from './moves.js';
import { RecyclePool } from './recycle.js';

/** Distance (in moves) from every cell to one goal; UNREACHABLE where there is no way (or not searched yet). */
export type DistanceField = Uint16Array;

/** Marks cells a robot cannot reach the goal from. Distances saturate one below it. */
export const UNREACHABLE = 0xffff;

/**
 * A full ring buffer (length a power of two, so wrapping is a mask) copied
 * into one twice its size, its `size` items starting at index 0.
 */
export function doubleRing(ring: Int32Array, head: number, size: number): Int32Array {
  const mask = ring.length - 1;
  const bigger = new Int32Array(ring.length * 2);
  for (let q = 0; q < size; q++) bigger[q] = ring[(head + q) & mask];
  return bigger;
}

/** Work counters shared by the fields of one cache (cost figures for reports and benches). */
export interface FieldStats {
  /** Cells expanded by every search of the cache. */
  expanded: number;
}

/** The cells closed to robots, as a DistanceCache keeps them (see `block`). */
export interface BlockMask {
  /** Per cell, how many faults block it (0 = open). */
  readonly blocked: Uint16Array;
  /** Cells with a count above 0: when 0, the mask need not be read. */
  readonly blockedCells: number;
}

/**
 * A breadth-first distance field toward one goal, grown on demand. Most
 * robots only ever need the cells between themselves and their goal, so the
 * search stops as soon as those are settled and resumes when asked for more.
 * With `loaded`, storage cells other than the goal are impassable (a robot
 * carrying a pod cannot drive under stored pods). Moves are symmetric, so the
 * search runs outward from the goal.
 *
 * With a `blocked` mask (cells closed by a fault, or held by a robot broken
 * down for long), a robot may leave blocked cells and move among them but
 * never enter one from an open cell: the search, running backwards from the
 * goal, expands a blocked cell (other than the goal itself) only into blocked
 * neighbours. Robots outside a closed area are routed round it, robots inside
 * are routed out. The mask is read as the search grows, so the cache drops
 * (marks `stale`) every field whose search has reached a cell whose mask
 * changes; a field that has not reached the cell stays exact.
 *
 * Chargers other than the goal are dead ends (labelled, so a robot on one can
 * leave, but never passed through) unless the layout needs them as passages:
 * see `chargersArePassages`.
 */
export class LazyField {
  readonly dist: DistanceField;
  /** BFS frontier as a ring buffer (it stays small: about a ring around the goal). */
  private ring: Int32Array;
  private head = 0;
  private size = 0;
  /** Every cell at distance <= `settled` has its final label. */
  settled = -1;
  /** The largest label given so far (-1: none): every labelled cell lies within this many rows and columns of the goal. */
  private reach = -1;
  /** Cells expanded so far: the work done, for budgets. */
  expanded = 0;
  /** Set when the cache dropped this field because a blocked cell it had reached changed: fetch a new one. */
  stale = false;
  /** Bookkeeping of the cache's RecyclePool: the last pass that found a robot holding this field. */
  heldMark = 0;
  private readonly chargerDeadEnds: boolean;
  private readonly moves: MoveTable;

  constructor(
    private readonly grid: Grid,
    readonly goal: number,
    readonly loaded: boolean,
    private readonly mask: BlockMask | null = null,
    private readonly stats: FieldStats | null = null,
    /** A field nobody holds any more, whose arrays this one takes over. */
    reuse: LazyField | null = null,
  ) {
    this.moves = moveTable(grid);
    this.dist = reuse !== null ? reuse.wiped() : new Uint16Array(grid.width * grid.height).fill(UNREACHABLE);
    this.ring = reuse !== null ? reuse.ring : new Int32Array(1024);
    this.chargerDeadEnds = grid.chargers.length > 0 && !chargersArePassages(grid);
    if (robotWalkable(grid.kind[goal])) {
      this.dist[goal] = 0;
      this.ring[0] = goal;
      this.size = 1;
      this.reach = 0;
    }
  }

  /**
   * This field's array with every label wiped, for a new field to take over.
   * A move changes row or column by one, so a cell labelled d is within d
   * rows and columns of the goal: only that box is wiped, a small part of
   * the floor for the many searches that stopped near their goal.
   */
  private wiped(): Uint16Array {
    const { dist, reach, goal } = this;
    if (reach < 0) return dist;
    const width = this.grid.width;
    const row = (goal / width) | 0;
    const col = goal - row * width;
    const c0 = Math.max(0, col - reach);
    const c1 = Math.min(width, col + reach + 1);
    const r0 = Math.max(0, row - reach);
    const r1 = Math.min(this.grid.height, row + reach + 1);
    if (c1 - c0 === width) dist.fill(UNREACHABLE, r0 * width, r1 * width);
    else for (let r = r0; r < r1; r++) dist.fill(UNREACHABLE, r * width + c0, r * width + c1);
    return dist;
  }

  get complete(): boolean {
    return this.size === 0;
  }

  /** Expands the search until every cell at distance <= level + 1 has its final label. */
  settle(level: number): void {
    // The ring grows between passes, never inside one: a ring that may change under the loop made it twice as slow.
    while (this.pass(level)) {
      this.ring = doubleRing(this.ring, this.head, this.size);
      this.head = 0;
    }
    // The queue is in distance order: everything up to the front's distance is labelled.
    this.settled = this.size === 0 ? UNREACHABLE : this.dist[this.ring[this.head]];
  }

  /** Expands cells up to `level` while the ring has room for a cell's four neighbours; true when it stopped for room. */
  private pass(level: number): boolean {
    const { bits, step } = this.moves;
    const east = step[0];
    const south = step[1];
    const west = step[2];
    const north = step[3];
    const dist = this.dist;
    // A loaded search skips storage cells; chargers (not the goal) are dead ends unless they are passages.
    const storageBit = this.loaded ? STORAGE_BIT : 0;
    const chargerBit = this.chargerDeadEnds ? CHARGER_BIT : 0;
    // With no cell blocked the mask is all zeros: leave it unread.
    const blocked = this.mask !== null && this.mask.blockedCells > 0 ? this.mask.blocked : null;
    const goal = this.goal;
    // Locals in the loop: this is the simulator's hottest code after the planner.
    const ring = this.ring;
    const mask = ring.length - 1;
    const room = ring.length - 4;
    let head = this.head;
    let size = this.size;
    let consumed = 0;
    let full = false;
    while (size > 0) {
      if (size > room) {
        full = true;
        break;
      }
      const cell = ring[head];
      const dc = dist[cell];
      if (dc > level) break;
      head = (head + 1) & mask;
      size--;
      consumed++;
      const b = bits[cell];
      // A charger (not the goal) is labelled but routes no one through it: charging robots hold it for long.
      if ((b & chargerBit) !== 0 && cell !== goal) continue;
      const next = dc + 1 >= UNREACHABLE ? UNREACHABLE - 1 : dc + 1;
      // From a blocked cell the search goes on only through blocked cells: a robot may leave them, not enter.
      const inside = blocked !== null && blocked[cell] !== 0 && cell !== goal;
      // The four moves written out (east, south, west, north, the order of `nbr`): as a loop they cost three times as much.
      let v = cell + east;
      if ((b & 1) !== 0 && dist[v] === UNREACHABLE && (bits[v] & storageBit) === 0 && !(inside && blocked![v] === 0)) {
        dist[v] = next;
        ring[(head + size++) & mask] = v;
      }
      v = cell + south;
      if ((b & 2) !== 0 && dist[v] === UNREACHABLE && (bits[v] & storageBit) === 0 && !(inside && blocked![v] === 0)) {
        dist[v] = next;
        ring[(head + size++) & mask] = v;
      }
      v = cell + west;
      if ((b & 4) !== 0 && dist[v] === UNREACHABLE && (bits[v] & storageBit) === 0 && !(inside && blocked![v] === 0)) {
        dist[v] = next;
        ring[(head + size++) & mask] = v;
      }
      v = cell + north;
      if ((b & 8) !== 0 && dist[v] === UNREACHABLE && (bits[v] & storageBit) === 0 && !(inside && blocked![v] === 0)) {
        dist[v] = next;
        ring[(head + size++) & mask] = v;
      }
    }
    this.expanded += consumed;
    if (this.stats !== null) this.stats.expanded += consumed;
    this.head = head;
    this.size = size;
    // The queue is in distance order: its last cell holds the largest label (a finished search may have labelled anything).
    this.reach = size > 0 ? dist[ring[(head + size - 1) & mask]] : UNREACHABLE;
    return full;
  }

  /**
   * Makes `cell`'s distance final and its neighbours' too, plus `margin - 1`
   * more levels (look-ahead for windowed planners). Cheap when already done.
   */
  ensure(cell: number, margin = 1): void {
    if (this.size === 0) return;
    let d = this.dist[cell];
    while (d === UNREACHABLE && this.size > 0) {
      // Not reached yet: grow a level at a time until it is (or the search ends: unreachable).
      this.settle(this.dist[this.ring[this.head]]);
      d = this.dist[cell];
    }
    if (d !== UNREACHABLE && this.settled < d + margin) this.settle(d + margin - 1);
  }

  /** Finishes the whole search (for consumers that read arbitrary cells). */
  finish(): DistanceField {
    if (this.size > 0) this.settle(UNREACHABLE);
    return this.dist;
  }
}

/** Full breadth-first distances to `goal` in one go. */
export function computeField(grid: Grid, goal: number, loaded: boolean): DistanceField {
  return new LazyField(grid, goal, loaded).finish();
}

/**
 * Distance fields by (goal, loaded), made on first use and kept in a
 * least-recently-used cache under a byte budget. A field is never changed
 * except by growing its search, so a robot may keep a reference to one after
 * the cache has let it go; but when the blocked mask changes under a field
 * that has reached the changed cells, the cache drops it and marks it
 * `stale`, and its holders fetch a fresh one (see `block`).
 */
export class DistanceCache {
  private readonly lru: LruCache<LazyField>;
  /**
   * Per cell, how many faults block it (0 = open): closed areas and robots
   * broken down for long. Change it only through `block`, which keeps the
   * cached fields exact.
   */
  readonly blocked: Uint16Array;
  /** Cells currently blocked (any count above 0). */
  blockedCells = 0;
  /** Calls to `block` that changed some cell between open and blocked. */
  maskChanges = 0;
  /** Fields dropped because the mask changed under them. */
  invalidated = 0;
  /** Bumped whenever a field is dropped for a mask change: holders compare it to know when to look for stale fields. */
  version = 0;
  readonly stats: FieldStats = { expanded: 0 };
  /** Evicted fields waiting for reuse, once `recycle` has been called. */
  private pool: RecyclePool<LazyField> | null = null;

  constructor(
    readonly grid: Grid,
    budgetBytes = 256 * 1024 * 1024,
  ) {
    const capacity = Math.max(16, Math.floor(budgetBytes / (grid.width * grid.height * 2)));
    this.blocked = new Uint16Array(grid.width * grid.height);
    // Key: goal * 2 + loaded.
    this.lru = new LruCache(
      capacity,
      (key) => new LazyField(grid, key >> 1, (key & 1) === 1, this, this.stats, this.pool?.take() ?? null),
      (gone) => this.pool?.retire(gone),
    );
  }

  /**
   * Lets new fields reuse the arrays of evicted ones that no robot holds
   * (see RecyclePool). `holders` is every field kept beyond a stage (a
   * fleet's fields by robot); call it between stages. Until the first call
   * evicted fields are left to the garbage collector.
   */
  recycle(holders: readonly (LazyField | null)[]): void {
    this.pool ??= new RecyclePool();
    this.pool.recycle(holders);
  }

  /**
   * Blocks (`delta` +1) or unblocks (-1) `cells`. Counts nest: a cell closed
   * twice opens when both are lifted. Every cached field whose search has
   * reached a cell that turned between open and blocked is dropped and marked
   * stale. Returns the number of fields dropped.
   */
  block(cells: ArrayLike<number>, delta: 1 | -1): number {
    const b = this.blocked;
    const changed: number[] = [];
    for (let k = 0; k < cells.length; k++) {
      const c = cells[k];
      const before = b[c];
      const after = delta > 0 ? before + 1 : Math.max(0, before - 1);
      b[c] = after;
      if ((before === 0) !== (after === 0)) {
        changed.push(c);
        this.blockedCells += after === 0 ? -1 : 1;
      }
    }
    if (changed.length === 0) return 0;
    this.maskChanges++;
    const dropped = this.lru.evictWhere((f) => {
      for (let k = 0; k < changed.length; k++) if (f.dist[changed[k]] !== UNREACHABLE) return true;
      return false;
    });
    for (const f of dropped) f.stale = true;
    if (dropped.length > 0) {
      this.invalidated += dropped.length;
      this.version++;
    }
    return dropped.length;
  }

  /** The (possibly partial) field toward `goal`; grow it with `ensure` before reading a cell. */
  lazy(goal: number, loaded: boolean): LazyField {
    return this.lru.get(goal * 2 + (loaded ? 1 : 0));
  }

  /** The complete field toward `goal` (for an empty or a pod-carrying robot). */
  get(goal: number, loaded: boolean): DistanceField {
    return this.lazy(goal, loaded).finish();
  }

  /** Fields created so far (a cost figure for reports and benches). */
  get computed(): number {
    return this.lru.created;
  }

  get size(): number {
    return this.lru.size;
  }
}
