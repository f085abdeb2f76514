import { chargersArePassages } from '../layout/charger-passage.js';
import { UNREACHABLE, type BlockMask } from '../layout/distance.js';
import { floorIndex, type FloorIndex } from '../layout/floor-index.js';
import { CellKind, type Grid } from '../layout/grid.js';
import { againstCorridorLane, laneParity, type LaneParity } from '../layout/lanes.js';
import { LruCache } from '../layout/lru.js';

/**
 * Cost of one move along a lane, and against it, in the field's units (two
 * per plain step): against a lane a move counts six times. Measured on the
 * competition's 10,000-robot warehouse (operation planner, traffic guidance):
 * with moves against costing 2x, 4x and 6x, 30,837, 36,141 and 38,432 tasks
 * were finished by step 1,500, the last 500 steps of it 6,095, 10,155 and
 * 11,805: the jams that end a run form later the firmer the lanes. On open maps 6x costs little (RANDOM-02 984 tasks against
 * 957 at 2x; random_32_32_20_100 997 against 1,042).
 */
export const ALONG = 2;
export const AGAINST = 12;

/** Set on a cost that is still tentative (the cost is in the low bits). */
export const OPEN = 0x8000;
/** A cell the search has not reached yet (zero, so a new array needs no filling; the goal's own cost 0 is told apart by its cell). */
const UNSEEN = 0;
/** Costs stop here: a cell farther than this from the goal (on no real floor) reads as unreachable. */
export const MAX_COST = OPEN - 2;

const EMPTY = new Uint16Array(0);
const NO_PENALTY = new Uint8Array(0);

/** Highest traffic penalty of a cell, in the field's units (two per plain step): entering a jammed cell counts as up to 8 more steps. */
export const MAX_PENALTY = 16;
/** Dearest single move: against the lanes into the most jammed cell. */
const MAX_MOVE = AGAINST + MAX_PENALTY;
/** Buckets in a new search's ring: a power of two spanning any new estimate above the lowest (MAX_MOVE + 2 * ALONG). */
const RING_START = 2 ** Math.ceil(Math.log2(MAX_MOVE + 2 * ALONG + 1));
const NO_NODES = new Int32Array(0);

/** Move costs by (cell * 4 + direction) for `grid`: the rule the search applies, as a table (for reference and tests). */
export function moveCosts(grid: Grid): Uint8Array {
  const n = grid.width * grid.height;
  const costs = new Uint8Array(n * 4);
  for (let c = 0; c < n; c++) for (let d = 0; d < 4; d++) costs[c * 4 + d] = againstCorridorLane(grid, c, d) ? AGAINST : ALONG;
  return costs;
}

/** A per-cell penalty renumbered by slot (empty stays empty). */
function bySlot(floor: FloorIndex, penalty: Uint8Array): Uint8Array {
  if (penalty.length === 0) return NO_PENALTY;
  const out = new Uint8Array(floor.count);
  for (let k = 0; k < floor.count; k++) out[k] = penalty[floor.cell[k]];
  return out;
}

/** Set in a slot's dead-end kind when it is a storage cell: a loaded robot's field passes through none but its goal. */
const DEAD_STORAGE = 1;
/** Set when it is a charger the layout does not need as a passage (see chargersArePassages): no field passes through one but its goal. */
const DEAD_CHARGER = 2;

const deadEndCache = new WeakMap<Grid, Uint8Array>();

/** Per slot, the kinds of dead end the cell is (DEAD_STORAGE, DEAD_CHARGER; 0 for plain floor), made once per grid. */
function deadEnds(grid: Grid): Uint8Array {
  const known = deadEndCache.get(grid);
  if (known) return known;
  const floor = floorIndex(grid);
  const chargerDeadEnds = grid.chargers.length > 0 && !chargersArePassages(grid);
  const out = new Uint8Array(floor.count);
  for (let k = 0; k < floor.count; k++) {
    const kind = grid.kind[floor.cell[k]];
    out[k] = kind === CellKind.Storage ? DEAD_STORAGE : kind === CellKind.Charger && chargerDeadEnds ? DEAD_CHARGER : 0;
  }
  deadEndCache.set(grid, out);
  return out;
}

/** Row and column steps by direction (0=E, 1=S, 2=W, 3=N), as the grid's neighbour table. */
const DR = Int8Array.of(0, 1, 0, -1);
const DC = Int8Array.of(1, 0, -1, 0);

/** Scratch for re-aiming a search (one search runs at a time). */
let scratch = new Int32Array(1024);

/**
 * Distance to a goal where moves against the lanes (even rows east, odd rows
 * west, even columns south, odd columns north) count six times: a guidance graph
 * that steers crowds into one-way flows, so long aisles carry traffic in one
 * direction instead of head-on.
 *
 * Searched backward from the goal and aimed at the robot that asks (reverse
 * resumable A*): a search that grows evenly from the goal must cover a whole
 * disc before it reaches a distant robot; aimed at it, A* expands little more
 * than the band of near-shortest paths between them, and resumes when a cell
 * off that band is asked for. The heuristic, Manhattan distance times the
 * cheapest move, is consistent for any aim, so a cell's cost is final (exact)
 * once the search has closed it, whichever robots aimed the search on the
 * way; when a robot far from the current aim asks, the open cells are
 * re-sorted toward it. Costs are integers, so the open list is a ring of
 * buckets by estimated total cost (cost so far + heuristic), each a stack
 * (deeper cells first, which breaks the many ties of a grid toward the aim),
 * kept as linked lists in one pool of nodes: re-sorting allocates nothing.
 *
 * Costs are kept per free cell (see FloorIndex), not per cell of the grid:
 * thousands of fields are in use at once on a large floor, and walls and
 * racks need none. Readers index `dist` by `floor.slot[cell]` (or call `at`).
 */
export class GuidedField {
  /**
   * Exact costs of closed cells by slot (the planner reads only those: see `ensure`);
   * an open cell has OPEN set (tentative cost in the low bits); a cell not
   * reached yet is UNSEEN, and UNREACHABLE once the search is over. Zeroed
   * memory is UNSEEN, so a new array costs only the pages the search
   * touches, not a fill of the whole floor. Allocated on first `ensure`:
   * thousands of goals may be set in one step and their searches run over the
   * next steps. Empty before.
   */
  dist: Uint16Array = EMPTY;
  /** First node of bucket `f & mask` (-1: empty): the cells queued with estimate f. */
  private head = NO_NODES;
  private mask = 0;
  /** Node pool: node k is a queued slot (at 2k) and the next node in its bucket (at 2k + 1); free nodes are chained from `free`. */
  private nodes = NO_NODES;
  private used = 0;
  private free = -1;
  /** Lowest estimate of an open cell: the bucket being emptied. */
  private fmin = 0;
  /** Entries in the buckets (some stale: their cell was queued again cheaper, or closed). */
  private entries = 0;
  /** The cell the search is aimed at. */
  private aim = -1;
  private aimRow = 0;
  private aimCol = 0;
  /** Cells closed so far: the work done, for budgets. */
  expanded = 0;
  /** What starting the search cost besides its expansions, in expanded cells (0 until started). */
  startCost = 0;
  /** Lowest and highest slot written: what recycling the array must clear. */
  private lo = 0;
  private hi = 0;

  /** Agents steering by this field right now; its array is recycled only when none is and the cache let it go. */
  users = 0;
  evicted = false;

  /** The free cells the costs are kept for. */
  readonly floor: FloorIndex;
  /** The goal's slot. */
  private readonly goalSlot: number;

  /** `penalty` by slot, as the search reads it. */
  private readonly slotPenalty: Uint8Array;

  constructor(
    grid: Grid,
    readonly goal: number,
    private readonly arrays: CostArrays = new CostArrays(floorIndex(grid).count, 1),
    /** Extra cost of entering each cell (see GuidedCache.setPenalty), fixed for the field's life so its costs stay exact. */
    readonly penalty: Uint8Array = NO_PENALTY,
    /** The cache's penalty generation the field was made under. */
    readonly generation = 0,
    /** `penalty` by slot, when the caller has it already (the cache makes it once for all its fields). */
    slotPenalty?: Uint8Array,
    /**
     * For a robot carrying a pod: no way passes through a storage cell other
     * than the goal (they are reached, so a robot standing on one can leave,
     * but lead nowhere), as in the engine's plain distances (see LazyField).
     */
    readonly loaded = false,
    /**
     * Cells closed by faults (see DistanceCache.block): a robot may leave
     * them and move among them but never enter one from an open cell. Read
     * as the search grows, so whoever changes it must drop the fields that
     * have reached a changed cell (see `reached`).
     */
    private readonly blockMask: BlockMask | null = null,
  ) {
    this.lanes = laneParity(grid);
    this.floor = floorIndex(grid);
    this.goalSlot = this.floor.slot[goal];
    if (this.goalSlot < 0) throw new Error(`goal ${goal} is not a free cell`);
    this.slotPenalty = slotPenalty ?? bySlot(this.floor, penalty);
    this.dead = deadEnds(grid);
    // Chargers (not needed as passages) are dead ends to every field, storage cells to loaded ones; floors without either have none.
    this.deadMask = (loaded ? DEAD_STORAGE : 0) | DEAD_CHARGER;
  }

  /** Dead-end kinds by slot (see deadEnds) and the ones this field honours. */
  private readonly dead: Uint8Array;
  private readonly deadMask: number;

  /** The map's corridor lanes (see laneParity), looked up once per field rather than per search step. */
  private readonly lanes: LaneParity;

  private start(aim: number): void {
    const fresh = this.arrays.fresh;
    this.dist = this.arrays.take();
    this.startCost = fresh ? FRESH_START_COST : START_COST;
    const goal = this.goalSlot;
    this.lo = this.hi = goal;
    // Small to start (a short search needs few): small typed arrays live on the collector's heap, cheap to make.
    this.nodes = new Int32Array(16);
    this.setRing(RING_START);
    this.setAim(aim);
    this.dist[goal] = 0 | OPEN;
    this.fmin = this.estimate(goal, 0);
    this.push(this.fmin & this.mask, goal);
    this.entries = 1;
  }

  /** Empties the open list and sizes its ring (a power of two). */
  private setRing(size: number): void {
    if (this.head.length < size) this.head = new Int32Array(size);
    this.head.fill(-1, 0, size);
    this.mask = size - 1;
    this.used = 0;
    this.free = -1;
    this.entries = 0;
  }

  private setAim(aim: number): void {
    this.aim = aim;
    this.aimRow = this.floor.row[aim];
    this.aimCol = this.floor.col[aim];
  }

  private estimate(k: number, g: number): number {
    const dr = this.floor.row[k] - this.aimRow;
    const dc = this.floor.col[k] - this.aimCol;
    return g + ((dr < 0 ? -dr : dr) + (dc < 0 ? -dc : dc)) * ALONG;
  }

  /** Slots apart, row and column: how far `k` lies off the search's aim. */
  private offAim(k: number): number {
    return Math.abs(this.floor.row[k] - this.aimRow) + Math.abs(this.floor.col[k] - this.aimCol);
  }

  /** A node from the free chain or the pool (grown when full). */
  private node(): number {
    const k = this.free;
    if (k >= 0) {
      this.free = this.nodes[2 * k + 1];
      return k;
    }
    if (2 * this.used === this.nodes.length) {
      const bigger = new Int32Array(this.nodes.length * 2);
      bigger.set(this.nodes);
      this.nodes = bigger;
    }
    return this.used++;
  }

  private push(b: number, x: number): void {
    const k = this.node();
    this.nodes[2 * k] = x;
    this.nodes[2 * k + 1] = this.head[b];
    this.head[b] = k;
  }

  /** Gives the array back for reuse once nobody can read it any more. */
  recycleIfFree(): void {
    if (!this.evicted || this.users > 0 || this.dist === EMPTY) return;
    this.arrays.give(this.dist, this.lo, this.hi);
    this.dist = EMPTY;
    this.head = this.nodes = NO_NODES;
    this.entries = 0;
  }

  /** True when the search has given `cell` a cost (final or not): a change of the blocked mask there makes this field wrong. */
  reached(cell: number): boolean {
    const k = this.floor.slot[cell];
    return this.dist !== EMPTY && k >= 0 && (this.dist[k] !== UNSEEN || k === this.goalSlot);
  }

  /** True once `cell`'s cost is final (or the search is over: unreachable cells read UNREACHABLE). */
  closed(cell: number): boolean {
    const k = this.floor.slot[cell];
    return this.dist !== EMPTY && k >= 0 && (this.entries === 0 || this.final(k));
  }

  private final(k: number): boolean {
    const v = this.dist[k];
    return v === UNSEEN ? k === this.goalSlot : (v & OPEN) === 0;
  }

  /** `cell`'s cost as it stands (final once `closed`): what a planner reads at `dist[floor.slot[cell]]`. UNREACHABLE for a wall. */
  at(cell: number): number {
    const k = this.floor.slot[cell];
    return k < 0 ? UNREACHABLE : this.dist[k];
  }

  /** `cell`'s cost, made final first (its neighbours may stay open: see `ensure` for those). UNREACHABLE for a wall. */
  exact(cell: number): number {
    const k = this.floor.slot[cell];
    if (k < 0) return UNREACHABLE;
    if (this.dist === EMPTY) this.start(k);
    if (this.entries !== 0 && !this.final(k)) {
      if (k !== this.aim && this.offAim(k) > REAIM_CELLS) this.reaim(k);
      this.closeUntil(k);
    }
    return this.dist[k];
  }

  /** Makes `cell`'s cost and its neighbours' final. */
  ensure(cell: number): void {
    const k = this.floor.slot[cell];
    if (k < 0) return;
    if (this.dist === EMPTY) this.start(k);
    if (this.entries === 0) return;
    const nbr = this.floor.nbr;
    const base = k * 4;
    if (this.final(k)) {
      // Closed already; its neighbours often are too (the robot came along the search's band).
      let open = false;
      for (let k = 0; k < 4; k++) {
        const y = nbr[base + k];
        if (y >= 0 && !this.final(y)) open = true;
      }
      if (!open) return;
    }
    // A few cells off the aim the search keeps its order (the robot moved on along its path: its cells close
    // a little later than if aimed at them); farther, the open cells are re-sorted toward it.
    if (k !== this.aim && this.offAim(k) > REAIM_CELLS) this.reaim(k);
    this.closeUntil(k);
    for (let k = 0; k < 4; k++) {
      const y = nbr[base + k];
      if (y >= 0) this.closeUntil(y);
    }
  }

  /**
   * Re-sorts the open cells by their estimate toward `aim`. Any consistent
   * estimate keeps closed costs exact, so this only changes the order of
   * the work to come, not its results.
   */
  private reaim(aim: number): void {
    const dist = this.dist;
    const { head, nodes, mask } = this;
    // Collect the live entries, (cell, cost) pairs: an open cell's entry in the bucket of its current estimate.
    if (scratch.length < this.entries * 2) scratch = new Int32Array(Math.max(this.entries * 2, scratch.length * 2));
    const cells = scratch;
    let live = 0;
    for (let s = 0; s <= mask; s++) {
      for (let k = head[s]; k >= 0; k = nodes[2 * k + 1]) {
        const x = nodes[2 * k];
        const v = dist[x];
        if ((v & OPEN) === 0) continue;
        const g = v & ~OPEN;
        if ((this.estimate(x, g) & mask) !== s) continue;
        cells[2 * live] = x;
        cells[2 * live + 1] = g;
        live++;
      }
    }
    this.setAim(aim);
    let lo = Infinity;
    let hi = -Infinity;
    for (let k = 0; k < live; k++) {
      const f = this.estimate(cells[2 * k], cells[2 * k + 1]);
      cells[2 * k + 1] = f;
      if (f < lo) lo = f;
      if (f > hi) hi = f;
    }
    // The ring must span every live estimate, and new ones are at most MAX_MOVE + 2 * ALONG above the lowest.
    let size = RING_START;
    while (live > 0 && size < hi - lo + MAX_MOVE + 2 * ALONG + 1) size *= 2;
    this.setRing(size);
    // Back to front: each bucket's stack keeps the order the cells had.
    for (let k = live - 1; k >= 0; k--) this.push(cells[2 * k + 1] & this.mask, cells[2 * k]);
    this.entries = live;
    this.fmin = live > 0 ? lo : 0;
    if (live === 0) this.over();
  }

  /** The search is over: cells it never reached cannot reach the goal. */
  private over(): void {
    const dist = this.dist;
    const goal = this.goalSlot;
    for (let k = 0; k < dist.length; k++) if (dist[k] === UNSEEN && k !== goal) dist[k] = UNREACHABLE;
    this.lo = 0;
    this.hi = dist.length - 1;
  }

  /** Expands the search until slot `cell` is closed or nothing is left open. */
  private closeUntil(cell: number): void {
    const dist = this.dist;
    if (this.entries === 0 || this.final(cell)) return;
    const goal = this.goalSlot;
    const { nbr, row, col } = this.floor;
    const { row: laneRow, col: laneCol } = this.lanes;
    const penalty = this.slotPenalty;
    const penalised = penalty.length > 0;
    const dead = this.dead;
    const deadMask = this.deadMask;
    // With no cell blocked the mask is all zeros: leave it unread.
    const blocked = this.blockMask !== null && this.blockMask.blockedCells > 0 ? this.blockMask.blocked : null;
    const cellOf = this.floor.cell;
    const head = this.head;
    const mask = this.mask;
    const ar = this.aimRow;
    const ac = this.aimCol;
    // Locals in the loop: it runs for every cell the search closes.
    let nodes = this.nodes;
    let free = this.free;
    let fmin = this.fmin;
    let entries = this.entries;
    let expanded = 0;
    let lo = this.lo;
    let hi = this.hi;
    // Until the cell is final: closed (no OPEN bit), unless it is UNSEEN and not the goal.
    while (entries > 0 && (dist[cell] === UNSEEN ? cell !== goal : (dist[cell] & OPEN) !== 0)) {
      const b = fmin & mask;
      const top = head[b];
      if (top < 0) {
        fmin++;
        continue;
      }
      const x = nodes[2 * top];
      head[b] = nodes[2 * top + 1];
      nodes[2 * top + 1] = free;
      free = top;
      entries--;
      const v = dist[x];
      if ((v & OPEN) === 0) continue; // closed already
      const g = v & ~OPEN;
      const r = row[x];
      const c = col[x];
      const dr = r - ar;
      const dc = c - ac;
      // A live entry's estimate is fmin; a larger one is an entry superseded by a cheaper one, which is elsewhere in the ring.
      if (g + ((dr < 0 ? -dr : dr) + (dc < 0 ? -dc : dc)) * ALONG > fmin) continue;
      dist[x] = g;
      expanded++;
      // A dead end (see deadEnds) has its cost, so a robot on one can leave, but no way goes on through it.
      if ((dead[x] & deadMask) !== 0 && x !== goal) continue;
      // From a blocked cell the search goes on only through blocked cells: a robot may leave them, not enter.
      const inside = blocked !== null && x !== goal && blocked[cellOf[x]] !== 0;
      const base = x * 4;
      for (let k = 0; k < 4; k++) {
        const y = nbr[base + k];
        if (y < 0 || (inside && blocked[cellOf[y]] === 0)) continue;
        const vy = dist[y];
        // The robot moves from y into x, against k. The lanes (see laneParity): rows for east-west moves, columns
        // for north-south; from the east (k = 0) it moves west, against the lane of an even-parity row, and so on round.
        const against = (k & 1 ? laneCol[c] : laneRow[r]) ^ 1 ^ (k >> 1);
        const nd = g + ALONG + against * (AGAINST - ALONG) + (penalised ? penalty[x] : 0);
        // Skip y if closed (no OPEN bit: below any nd | OPEN) or queued as cheap already; UNSEEN takes any cost but the goal's.
        if ((vy === UNSEEN ? y === goal : (nd | OPEN) >= vy) || nd > MAX_COST) continue;
        if (vy === UNSEEN) {
          if (y < lo) lo = y;
          else if (y > hi) hi = y;
        }
        dist[y] = nd | OPEN;
        const ey = dr + DR[k];
        const ex = dc + DC[k];
        const nb = (nd + ((ey < 0 ? -ey : ey) + (ex < 0 ? -ex : ex)) * ALONG) & mask;
        let node = free;
        if (node >= 0) free = nodes[2 * node + 1];
        else {
          this.free = -1;
          node = this.node();
          nodes = this.nodes;
        }
        nodes[2 * node] = y;
        nodes[2 * node + 1] = head[nb];
        head[nb] = node;
        entries++;
      }
    }
    this.free = free;
    this.fmin = fmin;
    this.entries = entries;
    this.expanded += expanded;
    this.lo = lo;
    this.hi = hi;
    if (entries === 0) this.over();
  }
}

/**
 * What starting a search costs besides its expansions, in expanded cells: its
 * open list and clearing a recycled array over the cells its last field
 * wrote (START_COST); on a new array, far more (FRESH_START_COST): the fresh
 * memory pages the search touches first and the collector runs that much new
 * memory sets off, some 50 to 100 microseconds a field on a 2-core machine of
 * this project's kind when thousands start at once, against some 40
 * nanoseconds an expansion.
 */
const START_COST = 250;
const FRESH_START_COST = 3000;

/** Cells a query may lie off the search's aim before the open cells are re-sorted toward it. */
const REAIM_CELLS = 4;

/**
 * Whole-floor cost arrays (one cost per free cell) for guided fields, carved out of large zeroed
 * blocks and recycled. A large block is mapped lazily by the system, so an
 * array costs only the memory pages its search touches; thousands of fields
 * start at once when a fleet gets its first tasks, and allocating (and
 * clearing) a whole array for each made the first step slow. A recycled
 * array is cleared only over the cells its field wrote.
 */
export class CostArrays {
  private readonly free: Uint16Array[] = [];
  private block: ArrayBuffer | null = null;
  private carved = 0;
  /** Arrays the next block holds: each block twice the last, so few blocks are ever made (each new block of memory may set off a collector run). */
  private perBlock: number;
  private readonly maxPerBlock: number;

  /** True when the next array taken is new memory (none to recycle). */
  get fresh(): boolean {
    return this.free.length === 0;
  }

  constructor(
    private readonly cells: number,
    firstBlock = FIRST_BLOCK,
  ) {
    this.maxPerBlock = Math.max(1, Math.floor(BLOCK_BYTES / (cells * 2)));
    this.perBlock = Math.max(1, Math.min(firstBlock, this.maxPerBlock));
  }

  /** An array of `cells` zeros (UNSEEN). */
  take(): Uint16Array {
    const reused = this.free.pop();
    if (reused !== undefined) return reused;
    if (this.block === null || this.carved === this.perBlock) {
      if (this.block !== null) this.perBlock = Math.min(this.perBlock * 2, this.maxPerBlock);
      this.block = new ArrayBuffer(this.perBlock * this.cells * 2);
      this.carved = 0;
    }
    return new Uint16Array(this.block, this.carved++ * this.cells * 2, this.cells);
  }

  /** Takes back an array whose nonzero entries all lie in [lo, hi]. */
  give(a: Uint16Array, lo: number, hi: number): void {
    a.fill(0, lo, hi + 1);
    this.free.push(a);
  }
}

/** Arrays in the first block (its bytes are well above the system allocator's threshold for mapping fresh pages), and bytes in a block at most. */
const FIRST_BLOCK = 256;
const BLOCK_BYTES = 1024 * 1024 * 1024;

/** Guided fields by goal and load (see GuidedField's `loaded`), least recently used first out. */
export class GuidedCache {
  private readonly arrays: CostArrays;
  private readonly lru: LruCache<GuidedField>;
  private penalty = NO_PENALTY;
  private slotPenalty: Uint8Array = NO_PENALTY;
  private generation = 0;
  private readonly floor: FloorIndex;
  constructor(
    grid: Grid,
    budgetBytes = 256 * 1024 * 1024,
    /** Cells closed by faults, for the fields to honour (see GuidedField's `blockMask` and `dropReaching`). */
    mask: BlockMask | null = null,
  ) {
    this.floor = floorIndex(grid);
    const capacity = Math.max(16, Math.floor(budgetBytes / (this.floor.count * 2)));
    this.arrays = new CostArrays(this.floor.count);
    this.lru = new LruCache(
      capacity,
      // Key: goal * 2 + loaded.
      (key) => new GuidedField(grid, key >> 1, this.arrays, this.penalty, this.generation, this.slotPenalty, (key & 1) === 1, mask),
      (gone) => {
        gone.evicted = true;
        gone.recycleIfFree();
      },
    );
  }

  /**
   * A field toward `goal` (for a robot carrying a pod when `loaded`) under the current penalty. A cached field made
   * under an older penalty is let go (agents steering by it keep it until
   * their goal changes) and a new one is made.
   */
  get(goal: number, loaded = false): GuidedField {
    const key = goal * 2 + (loaded ? 1 : 0);
    const f = this.lru.get(key);
    if (f.generation === this.generation) return f;
    this.lru.delete(key);
    f.evicted = true;
    f.recycleIfFree();
    return this.lru.get(key);
  }

  /**
   * Sets the extra cost of entering each cell (0..MAX_PENALTY) for fields made
   * from now on: guidance that learns where traffic piles up. Fields already
   * made keep the penalty they were made with, so every field stays exact.
   */
  setPenalty(penalty: Uint8Array): void {
    this.penalty = penalty.slice();
    this.slotPenalty = bySlot(this.floor, penalty);
    this.generation++;
  }

  /**
   * Lets go of every cached field whose search has reached one of `cells`
   * (cells whose blocked mask changed): the next `get` makes a new one.
   * Agents holding such a field must fetch another (see `reached`).
   */
  dropReaching(cells: ArrayLike<number>): void {
    const gone = this.lru.evictWhere((f) => {
      for (let k = 0; k < cells.length; k++) if (f.reached(cells[k])) return true;
      return false;
    });
    for (const f of gone) {
      f.evicted = true;
      f.recycleIfFree();
    }
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
