import { manhattan } from '../layout/grid.js';
import { TileBuckets, tileReach } from './tile-buckets.js';

/**
 * Weight of a robot's way to a task's first errand against the task's own
 * length when the scheduler ranks tasks. Both are travel, but the way there
 * is the part the choice of robot decides: weighed alike, a robot takes a
 * short task far off that a nearer robot would have reached sooner, and the
 * fleet crosses the floor for its work. Measured on League of Robot Runners
 * problems over whole runs (tasks finished at weights 1, 3, 5 and 8):
 * RANDOM-02 972, 1,004, 1,026, 1,013; random_32_32_20_100 994, 1,099, 1,118,
 * 1,133; RANDOM-04 607, 653, 654, 668.
 */
export const REACH_WEIGHT = 5;

/** How much cheaper (in the weighed cost: REACH_WEIGHT per cell) a robot must reach a task's first errand to take it over from its holder. */
export const STEAL_MARGIN = 8;

/**
 * The fleet's rule for which task a free robot takes, shared by the League of
 * Robot Runners scheduler (ErrandScheduler) and the warehouse engine's
 * `errands` assignment:
 *
 * - a free robot takes the open task with the least weighed cost:
 *   REACH_WEIGHT times the way from the robot to the task's first errand
 *   (Manhattan, or the travel the caller gives), plus the task's own length (and an extra cost the caller may
 *   give), ties to the shorter task, then the lower id;
 * - or it takes over a task whose holder has not reached its first errand
 *   yet, when it reaches that errand clearly sooner (STEAL_MARGIN) and for
 *   less than the best open task.
 *
 * Open tasks and holders are filed under 8 x 8 tiles by their first errand,
 * shortest task first in each tile, so a search looks at the tiles round the
 * robot nearest first and stops once no tile can hold a cheaper one. Ids are
 * small non-negative integers the caller chooses (task ids, robot indices);
 * the arrays grow by doubling, and nothing is allocated per search.
 */
export class TaskChoice {
  /** Open tasks (nobody holds them), by id. */
  private readonly open: TileBuckets;
  /** Robots holding a task whose first errand they have not reached, by robot index. */
  private readonly holders: TileBuckets;
  /** First errand and own length of each open task id. */
  private openFirst = new Int32Array(64);
  private openLength = new Float64Array(64);
  /** First errand and length of the task each filed holder holds. */
  private heldFirst = new Int32Array(64);
  private heldLength = new Float64Array(64);
  /** Open tasks filed. */
  openCount = 0;
  /** What the last search found (-1: nothing) and its weighed cost. */
  found = -1;
  foundCost = Infinity;
  /** Tiles of one ring round a robot (see ringTiles), as row, column pairs; grown as rings widen. */
  private ring = new Int32Array(64);

  /**
   * @param travel the way from one cell to another in cells (Infinity where
   *   there is none); default Manhattan. It must not be shorter than
   *   Manhattan: the tile search prunes by Manhattan.
   */
  constructor(
    private readonly width: number,
    height: number,
    private readonly travel?: (from: number, to: number) => number,
  ) {
    this.open = new TileBuckets(width, height);
    this.holders = new TileBuckets(width, height);
  }

  /** Files open task `id`, whose first errand is `first`, `length` cells long. */
  addOpen(id: number, first: number, length: number): void {
    if (id >= this.openFirst.length) {
      this.openFirst = grownInt(this.openFirst, id + 1);
      this.openLength = grownFloat(this.openLength, id + 1);
    }
    this.openFirst[id] = first;
    this.openLength[id] = length;
    this.open.add(id, (first / this.width) | 0, first % this.width, length);
    this.openCount++;
  }

  /** Takes open task `id` out. */
  removeOpen(id: number): void {
    this.open.remove(id);
    this.openCount--;
  }

  /** Whether open task `id` is filed. */
  isOpen(id: number): boolean {
    return this.open.has(id);
  }

  /** Files robot `robot` as the holder of a task not opened yet (first errand `first`, `length` cells long). */
  addHolder(robot: number, first: number, length: number): void {
    if (robot >= this.heldFirst.length) {
      this.heldFirst = grownInt(this.heldFirst, robot + 1);
      this.heldLength = grownFloat(this.heldLength, robot + 1);
    }
    this.heldFirst[robot] = first;
    this.heldLength[robot] = length;
    this.holders.add(robot, (first / this.width) | 0, first % this.width, length);
  }

  /** Takes holder `robot` out. */
  removeHolder(robot: number): void {
    this.holders.remove(robot);
  }

  /** Whether `robot` is filed as a holder. */
  isHolder(robot: number): boolean {
    return this.holders.has(robot);
  }

  /** The way from `from` to `to` in cells: the caller's travel, else Manhattan. */
  private way(from: number, to: number): number {
    return this.travel === undefined ? manhattan(this.width, from, to) : this.travel(from, to);
  }

  /**
   * The open task a robot at `here` would take (into `found`, -1 for none,
   * and `foundCost`). `extra(id)`, when given, adds to a task's cost (for
   * example the crowd round its errands); it must not be negative.
   */
  nearestTask(here: number, extra?: (id: number) => number): void {
    const w = this.width;
    const hr = (here / w) | 0;
    const hc = here - hr * w;
    const pool = this.open;
    let best = -1;
    let bestCost = Infinity;
    let bestLength = Infinity;
    const tr = (hr / TileBuckets.SIZE) | 0;
    const tc = (hc / TileBuckets.SIZE) | 0;
    const rings = Math.max(tr, pool.rows - 1 - tr, tc, pool.cols - 1 - tc);
    for (let r = 0; r <= rings; r++) {
      // Every tile of ring r lies at least this far (cells) from `here`.
      if (r > 0 && REACH_WEIGHT * ((r - 1) * TileBuckets.SIZE + 1) > bestCost) break;
      const tiles = this.ringTiles(pool, tr, tc, r);
      // Read after the call: it may have grown the array.
      const ring = this.ring;
      for (let q = 0; q < tiles; q++) {
        const y = ring[2 * q];
        const x = ring[2 * q + 1];
        const reach = REACH_WEIGHT * tileReach(hr, hc, y, x);
        if (reach > bestCost) continue;
        for (let id = pool.first(y, x); id >= 0; id = pool.after(id)) {
          const length = this.openLength[id];
          // The tile's tasks come shortest first: from here on none can cost less than the best so far.
          if (reach + length > bestCost) break;
          const first = this.openFirst[id];
          let cost = REACH_WEIGHT * this.way(here, first) + length;
          if (extra !== undefined) cost += extra(id);
          if (cost < bestCost || (cost === bestCost && (length < bestLength || (length === bestLength && id < best)))) {
            best = id;
            bestCost = cost;
            bestLength = length;
          }
        }
      }
    }
    this.found = best;
    this.foundCost = bestCost;
  }

  /**
   * The holder a robot at `here` would take a task over from (into `found`,
   * -1 for none, and `foundCost`): one whose first errand `here` reaches for
   * less than `limit` (weighed as in nearestTask, without the extra cost,
   * which is the task's whoever holds it) and clearly sooner than the holder
   * at `cell[holder]` (STEAL_MARGIN); the cheapest, ties to the lowest robot
   * index.
   */
  nearestSteal(here: number, limit: number, cell: Int32Array): void {
    const w = this.width;
    const hr = (here / w) | 0;
    const hc = here - hr * w;
    const tiles = this.holders;
    let victim = -1;
    let bestCost = limit;
    const tr = (hr / TileBuckets.SIZE) | 0;
    const tc = (hc / TileBuckets.SIZE) | 0;
    const rings = Math.max(tr, tiles.rows - 1 - tr, tc, tiles.cols - 1 - tc);
    for (let r = 0; r <= rings; r++) {
      if (r > 0 && REACH_WEIGHT * ((r - 1) * TileBuckets.SIZE + 1) > bestCost) break;
      const count = this.ringTiles(tiles, tr, tc, r);
      const ring = this.ring;
      for (let q = 0; q < count; q++) {
        const y = ring[2 * q];
        const x = ring[2 * q + 1];
        const reach = REACH_WEIGHT * tileReach(hr, hc, y, x);
        if (reach > bestCost) continue;
        for (let j = tiles.first(y, x); j >= 0; j = tiles.after(j)) {
          const length = this.heldLength[j];
          // Shortest tasks first: from here on none can cost less than the best so far.
          if (reach + length > bestCost) break;
          const e0 = this.heldFirst[j];
          const mine = this.way(here, e0);
          const cost = REACH_WEIGHT * mine + length;
          if (victim < 0 ? cost >= bestCost : cost > bestCost || (cost === bestCost && j > victim)) continue;
          const theirs = this.way(cell[j], e0);
          if (REACH_WEIGHT * (theirs - mine) < STEAL_MARGIN) continue;
          victim = j;
          bestCost = cost;
        }
      }
    }
    this.found = victim;
    this.foundCost = bestCost;
  }

  /** Row and column of each tile in the ring r tiles round tile (tr, tc), on the map, into `ring` (row-major order); their count. */
  private ringTiles(tiles: TileBuckets, tr: number, tc: number, r: number): number {
    if (this.ring.length < 16 * (r + 1)) this.ring = new Int32Array(32 * (r + 1));
    const ring = this.ring;
    let count = 0;
    for (let dr = -r; dr <= r; dr++) {
      const y = tr + dr;
      if (y < 0 || y >= tiles.rows) continue;
      const stride = dr === -r || dr === r ? 1 : 2 * r;
      for (let dc = -r; dc <= r; dc += stride) {
        const x = tc + dc;
        if (x < 0 || x >= tiles.cols) continue;
        ring[2 * count] = y;
        ring[2 * count + 1] = x;
        count++;
      }
    }
    return count;
  }
}

function grownInt(a: Int32Array, min: number): Int32Array<ArrayBuffer> {
  let size = a.length;
  while (size < min) size *= 2;
  const b = new Int32Array(size);
  b.set(a);
  return b;
}

function grownFloat(a: Float64Array, min: number): Float64Array<ArrayBuffer> {
  let size = a.length;
  while (size < min) size *= 2;
  const b = new Float64Array(size);
  b.set(a);
  return b;
}
