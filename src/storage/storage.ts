import type { World } from '../core/world.js';
import { UNREACHABLE, type DistanceCache, type DistanceField, type LazyField } from '../layout/distance.js';
import { CellKind, type Grid } from '../layout/grid.js';
import { POD_RETURN, type PodReturnPolicy, type ReturnView } from './pod-return.js';
import type { Pods } from './pods.js';

/**
 * Loaded travel distance (cells) between `cell` and the goal of the loaded
 * distance field `field`. A loaded robot may not cross storage, so a field
 * toward a station leaves storage cells unlabelled: a pod's distance is one
 * move out of its cell plus the best neighbour's. UNREACHABLE when none.
 */
export function storageDistance(grid: Grid, field: DistanceField, cell: number): number {
  if (grid.kind[cell] !== CellKind.Storage || field[cell] === 0) return field[cell];
  let best = UNREACHABLE;
  for (let d = 0; d < 4; d++) {
    const v = grid.nbr[cell * 4 + d];
    if (v >= 0 && field[v] < best) best = field[v];
  }
  return best === UNREACHABLE ? UNREACHABLE : best + 1;
}

/**
 * `storageDistance` on a lazily grown field: grows the search only as far as
 * the cells read (the same figure as on the complete field). In a loaded
 * field storage cells are never labelled (but the goal), so only the other
 * neighbours are grown to.
 */
export function lazyStorageDistance(grid: Grid, lazy: LazyField, cell: number): number {
  if (grid.kind[cell] !== CellKind.Storage || cell === lazy.goal) {
    lazy.ensure(cell, 0);
    return lazy.dist[cell];
  }
  let best = UNREACHABLE;
  for (let d = 0; d < 4; d++) {
    const v = grid.nbr[cell * 4 + d];
    if (v < 0 || (lazy.loaded && grid.kind[v] === CellKind.Storage && v !== lazy.goal)) continue;
    lazy.ensure(v, 0);
    if (lazy.dist[v] < best) best = lazy.dist[v];
  }
  return best === UNREACHABLE ? UNREACHABLE : best + 1;
}

/**
 * Which storage locations hold a pod at the start: all of them at
 * `podFill` 1; otherwise `floor(locations * (1 - podFill))` locations are
 * left empty, spread evenly over the locations ordered nearest the stations
 * first (every k-th, the nearest location always filled). Returns location
 * indices (into `grid.storage`) in ascending order.
 */
export function podLocations(byDistance: Int32Array, podFill: number): Int32Array {
  const n = byDistance.length;
  const empty = podFill >= 1 ? 0 : Math.min(n - 1, Math.floor(n * (1 - podFill) + 1e-9));
  if (empty <= 0) return Int32Array.from(byDistance).sort();
  const keep: number[] = [];
  for (let k = 0; k < n; k++) {
    // Integer arithmetic: position k is left empty when the running share of empties steps up there.
    if (Math.floor(((k + 1) * empty) / n) > Math.floor((k * empty) / n)) continue;
    keep.push(byDistance[k]);
  }
  return Int32Array.from(keep).sort();
}

/**
 * Storage locations and who holds them, the pod return rule, and the
 * figures a layout comparison needs. A location is either free (owner -1),
 * or owned by one pod: the pod stored there, or the pod on its way there
 * (reserved). Under a rule that keeps homes (`fixed-home`) a pod owns its home
 * while away; under the others it gives up its location when lifted, and the
 * rule picks a free one when it leaves the station. `debt` counts pods lifted
 * for a visit without a reserved location yet: at least that many locations
 * are always kept free for them.
 */
export class Storage implements ReturnView {
  readonly grid: Grid;
  /** Location cells (grid.storage). */
  readonly cells: Int32Array;
  /** Location index per cell, -1 elsewhere. */
  readonly locOf: Int32Array;
  /** Loaded cells from each location to its nearest station (UNREACHABLE when none). */
  readonly distance: Float64Array;
  /** Location indices nearest the stations first (ties: lower index). */
  readonly byDistance: Int32Array;
  /** Position of each location in `byDistance`. */
  readonly rank: Int32Array;
  /** Pod owning each location, or -1. */
  readonly owner: Int32Array;
  free = 0;
  debt = 0;
  readonly policy: PodReturnPolicy;
  /** Expected demand share per pod (its SKUs' shares, split over their replicas) and its rank (0 = hottest). */
  heat: Float64Array = new Float64Array(0);
  heatRank: Int32Array = new Int32Array(0);
  /** Lines picked per pod since the last re-slotting look (dynamic slotting). */
  windowPicks: Float64Array = new Float64Array(0);
  /** 1 while a pod is being moved by re-slotting. */
  moving: Uint8Array = new Uint8Array(0);
  /** Location a pod being moved by re-slotting goes to (reserved; it becomes the pod's home when set down there), or -1. */
  dest: Int32Array = new Int32Array(0);
  /** Robot odometer at the start of its re-slotting move. */
  readonly moveStart: Float64Array;
  private byStationCache: (Int32Array | null)[];

  // Figures.
  fetches = 0;
  fetchCells = 0;
  fetchesNearQuarter = 0;
  returns = 0;
  returnCells = 0;
  relocatedReturns = 0;
  /** Re-slotting moves started and finished, and cells their robots drove. */
  reslotStarted = 0;
  reslotMoves = 0;
  reslotCells = 0;
  /** Pick fetches taken over by another robot before the pod was lifted (`fleet.assignment: errands`). */
  takeOvers = 0;

  constructor(
    grid: Grid,
    private readonly fields: DistanceCache,
    policyName: string,
    robots: number,
  ) {
    this.grid = grid;
    this.cells = grid.storage;
    const n = this.cells.length;
    this.locOf = new Int32Array(grid.width * grid.height).fill(-1);
    this.cells.forEach((c, k) => (this.locOf[c] = k));
    this.distance = new Float64Array(n).fill(UNREACHABLE);
    for (const s of grid.stations) {
      const f = fields.get(s, true);
      for (let k = 0; k < n; k++) {
        const d = storageDistance(grid, f, this.cells[k]);
        if (d < this.distance[k]) this.distance[k] = d;
      }
    }
    this.byDistance = Int32Array.from({ length: n }, (_, k) => k).sort((a, b) => this.distance[a] - this.distance[b] || a - b);
    this.rank = new Int32Array(n);
    this.byDistance.forEach((k, r) => (this.rank[k] = r));
    this.owner = new Int32Array(n).fill(-1);
    this.free = n;
    const policy = POD_RETURN[policyName];
    if (!policy) throw new Error(`unknown pod return rule '${policyName}'`);
    this.policy = policy;
    this.moveStart = new Float64Array(robots);
    this.byStationCache = new Array(grid.stations.length).fill(null);
  }

  /** Records the pods at their starting locations and their expected demand shares. */
  attach(pods: Pods, popularity: Float64Array): void {
    for (let p = 0; p < pods.n; p++) {
      this.owner[this.locOf[pods.home[p]]] = p;
      this.free--;
    }
    const heat = new Float64Array(pods.n);
    for (let s = 0; s < pods.podStart.length - 1; s++) {
      const copies = pods.podStart[s + 1] - pods.podStart[s];
      for (let k = pods.podStart[s]; k < pods.podStart[s + 1]; k++) heat[pods.podsOfSku[k]] += popularity[s] / copies;
    }
    this.heat = heat;
    const order = Int32Array.from({ length: pods.n }, (_, p) => p).sort((a, b) => heat[b] - heat[a] || a - b);
    this.heatRank = new Int32Array(pods.n);
    order.forEach((p, r) => (this.heatRank[p] = r));
    this.windowPicks = new Float64Array(pods.n);
    this.moving = new Uint8Array(pods.n);
    this.dest = new Int32Array(pods.n).fill(-1);
  }

  isFree(loc: number): boolean {
    return this.owner[loc] < 0;
  }

  /** Locations nearest station s first (loaded travel from the station; ties: lower index). Built on first use. */
  byStation(s: number): Int32Array {
    let list = this.byStationCache[s];
    if (list === null) {
      const f = this.fields.get(this.grid.stations[s], true);
      const d = Float64Array.from(this.cells, (c) => storageDistance(this.grid, f, c));
      list = Int32Array.from({ length: this.cells.length }, (_, k) => k).sort((a, b) => d[a] - d[b] || a - b);
      this.byStationCache[s] = list;
    }
    return list;
  }

  /** Loaded cells between station s and location `loc`. */
  stationDistance(s: number, loc: number): number {
    return lazyStorageDistance(this.grid, this.fields.lazy(this.grid.stations[s], true), this.cells[loc]);
  }

  reserve(loc: number, p: number): void {
    if (this.owner[loc] >= 0) throw new Error(`storage location ${loc} is already held by pod ${this.owner[loc]}`);
    this.owner[loc] = p;
    this.free--;
  }

  release(loc: number, p: number): void {
    if (this.owner[loc] !== p) return;
    this.owner[loc] = -1;
    this.free++;
  }

  /** Whether one more location may be taken for a move and still leave one for every pod away without one. */
  canSpare(): boolean {
    return this.free - 1 >= this.debt;
  }

  /** Pod p was lifted from its location to visit station s. */
  liftedForVisit(w: World, p: number, s: number): void {
    const loc = this.locOf[w.pods.cell[p]];
    const d = this.stationDistance(s, loc);
    this.fetches++;
    this.fetchCells += d === UNREACHABLE ? 0 : d;
    if (this.rank[loc] * 4 < this.cells.length) this.fetchesNearQuarter++;
    if (!this.policy.keepsHome) {
      this.release(loc, p);
      this.debt++;
    }
  }

  /** Pod p was lifted for a re-slotting move: it gives up its location; returns the cell it is taken to. */
  liftedForMove(pods: Pods, p: number): number {
    this.release(this.locOf[pods.cell[p]], p);
    return this.cells[this.dest[p]];
  }

  /** Where pod p goes after its visit to station s: its home, or a free location picked by the rule (reserved now). */
  returnTo(w: World, p: number, s: number): number {
    const pods = w.pods;
    if (!this.policy.keepsHome) {
      let loc = this.policy.choose(this, p, s);
      // A location in a closed area (or under a broken robot) is passed over while another is free.
      if (loc < 0 || !this.isFree(loc) || this.fields.blocked[this.cells[loc]] !== 0) loc = this.anyFree(s);
      // Cannot happen while `debt` is honoured: a location stays free for every pod away.
      if (loc < 0) throw new Error(`no free storage location for pod ${p} leaving station ${s}`);
      this.reserve(loc, p);
      this.debt--;
      pods.home[p] = this.cells[loc];
    }
    const d = this.stationDistance(s, this.locOf[pods.home[p]]);
    this.returns++;
    this.returnCells += d === UNREACHABLE ? 0 : d;
    if (pods.home[p] !== pods.cell[p]) this.relocatedReturns++;
    return pods.home[p];
  }

  /**
   * The free location nearest station s (any free one when none is reachable),
   * outside closed areas when one is free there; -1 when none is free.
   */
  anyFree(s: number): number {
    const list = this.byStation(s);
    const blocked = this.fields.blocked;
    for (let k = 0; k < list.length; k++) if (this.owner[list[k]] < 0 && blocked[this.cells[list[k]]] === 0) return list[k];
    for (let k = 0; k < list.length; k++) if (this.owner[list[k]] < 0) return list[k];
    return -1;
  }

  /**
   * Whether pod p, on its way back, may give up its reserved location for
   * another (a fault closed or cut off the one it has): not under a rule that
   * keeps homes, nor on a re-slotting move.
   */
  canReroute(p: number): boolean {
    return !this.policy.keepsHome && !this.moving[p];
  }

  /** Pod p, on its way back, gives up its reserved location for free location `loc` (see canReroute). */
  rerouteTo(pods: Pods, p: number, loc: number): number {
    this.release(this.locOf[pods.home[p]], p);
    this.reserve(loc, p);
    pods.home[p] = this.cells[loc];
    return pods.home[p];
  }

  /** Lines picked from pod p at a visit. */
  picked(p: number, lines: number): void {
    this.windowPicks[p] += lines;
  }

  /** Pod p was set down by robot i (at its home, or at the end of a re-slotting move: its new home). */
  stored(w: World, p: number, i: number): void {
    if (this.moving[p]) {
      w.pods.home[p] = w.pods.cell[p];
      this.dest[p] = -1;
      this.moving[p] = 0;
      this.reslotMoves++;
      this.reslotCells += w.robots.moves[i] - this.moveStart[i];
    }
  }
}
