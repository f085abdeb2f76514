import type { Grid } from '../layout/grid.js';
import { canEnter, type PlanView, type Planner, type PlannerOptions } from './planner.js';

const NONE = -1;

/**
 * Windowed Hierarchical Cooperative A* (Silver 2005): robots plan one after
 * another in priority order with a space-time A* over (cell, t), t = 0..W, and
 * each finished path is written into a shared reservation table that the later
 * robots treat as obstacles (vertex reservations, plus swap checks).
 * The "hierarchical" heuristic is the robot's true distance field toward its
 * goal, which is also the terminal cost at the window's end, so a path that
 * cannot reach the goal within W ticks ends as close to it as it can.
 *
 * Priority: robots with a goal they are not yet on first, longest since `goalSince` first, then
 * a fixed random tie-break drawn at construction; robots without a goal or already on it last.
 *
 * Timing: a full round replans every robot every `replanEvery` ticks; in between
 * robots follow their stored plans, and only robots whose plan is broken (they
 * were held, their goal or load changed, they became fixed or were released, or
 * the plan ran out) replan, against everyone else's live reservations.
 *
 * Safety rule (why conflicts do not happen in practice): every next step comes
 * from mutually reserved plans. Robots may plan to follow into a cell whose
 * occupant has not planned yet; if that occupant then finds no free first step,
 * it claims its own cell for the next tick and the plan that meant to enter is
 * evicted and replanned at once. Fixed robots claim their cell for the whole
 * window up front, evicting the same way. A plan that cannot be kept (the search
 * fell back to a partial path) is cut where its padding would collide, and its
 * robot replans when it gets there, by which time the claim rule applies.
 *
 * Memory: the table and the search arrays are preallocated typed arrays of
 * cells*(W+1) entries keyed by `(t mod (W+1)) * cells + cell`, with stamps
 * (absolute tick / search id) instead of clearing; nothing is allocated per node.
 */
export class WhcaPlanner implements Planner {
  readonly name = 'whca';
  /**
   * The search reads h up to W moves from the robot, i.e. field levels up to its own distance + W,
   * so the engine must grow lazy fields that far (unsettled cells would read as unreachable).
   */
  readonly lookahead: number;
  /** Searches run since construction (a cost figure for reports and tests). */
  searches = 0;
  /** Searches that kept a partial path: node budget spent, or boxed in before the window's end. */
  fallbacks = 0;

  private readonly cells: number;
  private readonly window: number;
  /** window + 1: time steps held per plan and slots in the reservation ring. */
  private readonly span: number;
  private readonly replanEvery: number;
  /** Node expansions allowed per search before falling back to the best node found. */
  private readonly budget: number;

  // Reservation table: owner per (slot, cell), valid only while resTime holds that absolute tick.
  private readonly resOwner: Int32Array;
  private readonly resTime: Int32Array;

  // Stored plans: cells for t = 0..W from planStart; entries past planEnd are not to be followed.
  private readonly planCells: Int32Array;
  private readonly planStart: Int32Array;
  private readonly planEnd: Int32Array;
  private readonly planGoal: Int32Array;
  private readonly planLoaded: Uint8Array;
  private readonly planFixed: Uint8Array;

  // Per-tick scratch.
  private readonly prio: Float64Array;
  private readonly tiebreak: Float64Array;
  private readonly list: Int32Array;
  private readonly order: Int32Array;
  private readonly stack: Int32Array;
  private readonly mark: Int32Array;
  private markStamp = 0;
  private lastRound = NONE;
  private masksSeen = 0;

  // Search scratch, indexed by t * cells + cell (t relative to the search start).
  private readonly gScore: Int32Array;
  private readonly parent: Int32Array;
  private readonly seen: Int32Array;
  private readonly closed: Int32Array;
  private searchId = 0;
  private readonly heapKey: Float64Array;
  private readonly heapNode: Int32Array;
  private heapSize = 0;

  private readonly byPriority = (a: number, b: number) => this.prio[b] - this.prio[a] || a - b;

  constructor(grid: Grid, n: number, options: PlannerOptions) {
    const cells = grid.width * grid.height;
    const w = Math.max(1, Math.floor(options.window));
    this.cells = cells;
    this.window = w;
    this.lookahead = w;
    this.span = w + 1;
    this.replanEvery = Math.max(1, Math.floor(options.replanEvery));
    this.budget = 4 * w * w * 5;
    const slots = cells * this.span;
    this.resOwner = new Int32Array(slots).fill(NONE);
    this.resTime = new Int32Array(slots).fill(NONE);
    this.planCells = new Int32Array(n * this.span);
    this.planStart = new Int32Array(n).fill(NONE);
    this.planEnd = new Int32Array(n);
    this.planGoal = new Int32Array(n).fill(NONE);
    this.planLoaded = new Uint8Array(n);
    this.planFixed = new Uint8Array(n);
    this.prio = new Float64Array(n);
    this.tiebreak = new Float64Array(n);
    for (let i = 0; i < n; i++) this.tiebreak[i] = options.rng.next();
    this.list = new Int32Array(n);
    this.order = new Int32Array(n);
    this.stack = new Int32Array(n + 1);
    this.mark = new Int32Array(n);
    this.gScore = new Int32Array(slots);
    this.parent = new Int32Array(slots);
    this.seen = new Int32Array(slots);
    this.closed = new Int32Array(slots);
    // Each expansion pushes at most 5 successors (lazy deletion keeps duplicates).
    const heapCap = 5 * (this.budget + 2) + 1;
    this.heapKey = new Float64Array(heapCap);
    this.heapNode = new Int32Array(heapCap);
  }

  plan(view: PlanView, next: Int32Array): void {
    const T = view.tick;
    const n = view.n;
    const { cell, fixed, goal, goalSince } = view;
    const { list, mark, planCells, planStart, planEnd, span, window: w } = this;
    // A change of the blocked cells (a closed area, a long breakdown) invalidates stored plans: replan everyone.
    const full = this.lastRound < 0 || T < this.lastRound || T - this.lastRound >= this.replanEvery || view.fields.maskChanges !== this.masksSeen;
    this.masksSeen = view.fields.maskChanges;
    const stamp = this.nextMark();
    let m = 0;
    if (full) {
      this.lastRound = T;
      for (let i = 0; i < n; i++) {
        this.unreserveFrom(i, T);
        mark[i] = stamp;
        list[m++] = i;
      }
    } else {
      for (let i = 0; i < n; i++) {
        if (this.isBroken(view, i, T)) {
          mark[i] = stamp;
          list[m++] = i;
        }
      }
      // Drop all stale claims first: a broken robot's plan may name a cell another broken robot now stands on.
      for (let q = 0; q < m; q++) this.unreserveFrom(list[q], T);
    }
    if (m > 0) {
      // Where robots are now is a fact; the swap check at t=0 reads these entries.
      for (let q = 0; q < m; q++) this.setOwner(cell[list[q]], T, list[q]);
      // Fixed robots cannot move, so they hold their cell for the whole window before anyone
      // plans; a stored plan through it is evicted and that robot joins the set (list grows).
      for (let q = 0; q < m; q++) {
        const i = list[q];
        if (!fixed[i]) continue;
        this.writeStay(view, i, T);
        for (let t = 1; t <= w; t++) m = this.claim(cell[i], T + t, i, stamp, m);
      }
      const order = this.order;
      const prio = this.prio;
      let k = 0;
      for (let q = 0; q < m; q++) {
        const i = list[q];
        if (fixed[i]) continue;
        order[k++] = i;
        // Robots with somewhere to be outrank idle ones; among them the longest waiting goes first.
        // A robot already on its goal ranks with the idle ones: planned first, it would hold its
        // cell for the whole window and could block a one-lane aisle for good.
        const busy = goal[i] >= 0 && goal[i] !== cell[i];
        prio[i] = busy ? 1 + Math.max(0, T - goalSince[i]) + this.tiebreak[i] : this.tiebreak[i];
      }
      if (k > 1) order.subarray(0, k).sort(this.byPriority);
      const stack = this.stack;
      for (let q = 0; q < k; q++) {
        let top = 0;
        stack[top++] = order[q];
        while (top > 0) {
          const i = stack[--top];
          this.unreserveFrom(i, T + 1);
          if (this.search(view, i, T) === 0) {
            // Boxed in for the next tick: a robot planned earlier means to enter this cell (assuming
            // it would be vacated) and there is no way out. Waiting must win, so claim the cell and
            // evict that plan; its robot replans at once against the claim. Claims are only ever
            // of one's own cell and are never taken back, so this ends after at most n evictions.
            const o = this.owner(cell[i], T + 1);
            if (o !== NONE && o !== i) stack[top++] = o;
            this.setOwner(cell[i], T + 1, i);
            this.search(view, i, T);
          }
          this.reserve(i);
        }
      }
    }
    for (let i = 0; i < n; i++) {
      const here = cell[i];
      if (fixed[i]) {
        next[i] = here;
        continue;
      }
      const k = T - planStart[i];
      next[i] = planStart[i] >= 0 && k >= 0 && k + 1 <= planEnd[i] ? planCells[i * span + k + 1] : here;
    }
  }

  /** True when robot i cannot keep following its stored plan this tick. */
  private isBroken(view: PlanView, i: number, T: number): boolean {
    const start = this.planStart[i];
    if (start < 0) return true;
    const k = T - start;
    if (k < 0 || k + 1 > this.planEnd[i]) return true;
    const base = i * this.span;
    const here = view.cell[i];
    if (this.planCells[base + k] !== here) return true;
    if (view.goal[i] !== this.planGoal[i] || view.loaded[i] !== this.planLoaded[i]) return true;
    if (view.fixed[i]) return this.planCells[base + k + 1] !== here;
    // A released robot should not sit out the rest of its "stay" plan.
    return this.planFixed[i] === 1;
  }

  /** Stores "stay for the whole window" for a fixed robot (its reservations are claimed by the caller). */
  private writeStay(view: PlanView, i: number, T: number): void {
    const base = i * this.span;
    const here = view.cell[i];
    for (let t = 0; t < this.span; t++) this.planCells[base + t] = here;
    this.planStart[i] = T;
    this.planEnd[i] = this.window;
    this.planGoal[i] = view.goal[i];
    this.planLoaded[i] = view.loaded[i];
    this.planFixed[i] = 1;
  }

  /** Reserves (cell, T) for i; a different owner's plan is evicted and that robot is queued to replan. */
  private claim(cell: number, T: number, i: number, stamp: number, m: number): number {
    const o = this.owner(cell, T);
    if (o !== NONE && o !== i && this.mark[o] !== stamp) {
      this.mark[o] = stamp;
      this.list[m++] = o;
    }
    this.setOwner(cell, T, i);
    return m;
  }

  /** Writes robot i's stored plan into the table, cutting it where its padding would take someone else's cell. */
  private reserve(i: number): void {
    const base = i * this.span;
    const start = this.planStart[i];
    const end = this.planEnd[i];
    for (let t = 0; t <= end; t++) {
      const c = this.planCells[base + t];
      const o = this.owner(c, start + t);
      if (o !== NONE && o !== i) {
        this.planEnd[i] = t - 1;
        return;
      }
      this.setOwner(c, start + t, i);
    }
  }

  /** Removes robot i's reservations from absolute tick `from` on (only entries it still owns). */
  private unreserveFrom(i: number, from: number): void {
    const start = this.planStart[i];
    if (start < 0) return;
    const base = i * this.span;
    const end = this.planEnd[i];
    for (let t = Math.max(0, from - start); t <= end; t++) this.clearIfOwner(this.planCells[base + t], start + t, i);
  }

  private owner(cell: number, T: number): number {
    const idx = (T % this.span) * this.cells + cell;
    return this.resTime[idx] === T ? this.resOwner[idx] : NONE;
  }

  private setOwner(cell: number, T: number, i: number): void {
    const idx = (T % this.span) * this.cells + cell;
    this.resTime[idx] = T;
    this.resOwner[idx] = i;
  }

  private clearIfOwner(cell: number, T: number, i: number): void {
    const idx = (T % this.span) * this.cells + cell;
    if (this.resTime[idx] === T && this.resOwner[idx] === i) this.resTime[idx] = NONE;
  }

  private nextMark(): number {
    if (this.markStamp >= 0x3fffffff) {
      this.mark.fill(0);
      this.markStamp = 0;
    }
    return ++this.markStamp;
  }

  /**
   * Space-time A* for robot i from its cell at absolute tick T over t = 0..W.
   * Cost: 1 per move or wait, except waiting on the goal (or anywhere without a goal), which is
   * free so parked robots prefer to stay. f = g + distance-to-goal; the first node popped at t = W
   * minimises the terminal cost g + h because h is consistent (ties go to the deeper node, which
   * reaches the window's end quickly). Writes the path, padded with its last cell, as i's plan,
   * and returns the time step the path itself reaches (0: not even the first step is free).
   */
  private search(view: PlanView, i: number, T: number): number {
    this.searches++;
    if (this.searchId >= 0x3fffffff) {
      this.seen.fill(0);
      this.closed.fill(0);
      this.searchId = 0;
    }
    const id = ++this.searchId;
    const { cells, span, resOwner, resTime, gScore, parent, seen, closed } = this;
    const w = this.window;
    const nbr = view.grid.nbr;
    const goalCell = view.goal[i];
    const field = goalCell >= 0 ? view.field[i] : null;
    const start = view.cell[i];
    // Cells the goal cannot be reached from carry h = UNREACHABLE (0xffff), so they are explored
    // last but stay usable for dodging (a loaded robot that just lifted its pod starts on one).
    const startH = field !== null ? field[start] : 0;

    this.heapSize = 0;
    seen[start] = id;
    gScore[start] = 0;
    parent[start] = NONE;
    this.push(start, startH * span + w);

    let best = start;
    let bestT = 0;
    let bestF = startH;
    let found = NONE;
    let expansions = 0;
    while (this.heapSize > 0) {
      const s = this.pop();
      if (closed[s] === id) continue;
      closed[s] = id;
      const t = (s / cells) | 0;
      const c = s - t * cells;
      const g = gScore[s];
      const h = field !== null ? field[c] : 0;
      if (t > bestT || (t === bestT && g + h < bestF)) {
        best = s;
        bestT = t;
        bestF = g + h;
      }
      if (t === w) {
        found = s;
        break;
      }
      if (++expansions > this.budget) break;
      const tNext = T + t + 1;
      const slotNext = (tNext % span) * cells;
      const slotNow = ((tNext - 1) % span) * cells;
      const nodeBase = (t + 1) * cells;
      const waitCost = field === null || c === goalCell ? 0 : 1;
      for (let d = -1; d < 4; d++) {
        const nc = d < 0 ? c : nbr[c * 4 + d];
        if (nc < 0) continue;
        if (d >= 0 && !canEnter(view, i, c, nc)) continue;
        // Vertex reservation: someone else holds nc at tNext.
        let idx = slotNext + nc;
        if (resTime[idx] === tNext && resOwner[idx] !== i) continue;
        if (d >= 0) {
          // Edge (swap) check: the robot on nc now moves into c next tick. Each robot owns one
          // cell per tick, so vertex ownership at both ends identifies the swap exactly.
          idx = slotNow + nc;
          if (resTime[idx] === tNext - 1) {
            const o = resOwner[idx];
            const back = slotNext + c;
            if (o !== i && resTime[back] === tNext && resOwner[back] === o) continue;
          }
        }
        const ns = nodeBase + nc;
        if (closed[ns] === id) continue;
        const ng = g + (d < 0 ? waitCost : 1);
        if (seen[ns] === id && gScore[ns] <= ng) continue;
        seen[ns] = id;
        gScore[ns] = ng;
        parent[ns] = s;
        const nh = field !== null ? field[nc] : 0;
        this.push(ns, (ng + nh) * span + (w - t - 1));
      }
    }
    let end = found;
    if (end === NONE) {
      this.fallbacks++;
      end = best;
    }

    // Walk back from the end node; t decreases by one per parent link.
    const base = i * span;
    const endT = (end / cells) | 0;
    const last = end - endT * cells;
    for (let t = endT + 1; t < span; t++) this.planCells[base + t] = last;
    for (let s = end; s !== NONE; s = parent[s]) {
      const t = (s / cells) | 0;
      this.planCells[base + t] = s - t * cells;
    }
    this.planStart[i] = T;
    this.planEnd[i] = w;
    this.planGoal[i] = goalCell;
    this.planLoaded[i] = view.loaded[i];
    this.planFixed[i] = 0;
    return endT;
  }

  private push(node: number, key: number): void {
    const keys = this.heapKey;
    const nodes = this.heapNode;
    let k = this.heapSize++;
    while (k > 0) {
      const p = (k - 1) >> 1;
      if (keys[p] <= key) break;
      keys[k] = keys[p];
      nodes[k] = nodes[p];
      k = p;
    }
    keys[k] = key;
    nodes[k] = node;
  }

  private pop(): number {
    const keys = this.heapKey;
    const nodes = this.heapNode;
    const top = nodes[0];
    const size = --this.heapSize;
    if (size > 0) {
      const key = keys[size];
      const node = nodes[size];
      let k = 0;
      for (;;) {
        let c = 2 * k + 1;
        if (c >= size) break;
        if (c + 1 < size && keys[c + 1] < keys[c]) c++;
        if (keys[c] >= key) break;
        keys[k] = keys[c];
        nodes[k] = nodes[c];
        k = c;
      }
      keys[k] = key;
      nodes[k] = node;
    }
    return top;
  }
}
