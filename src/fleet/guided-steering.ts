import type { DistanceCache } from '../layout/distance.js';
import { floorIndex } from '../layout/floor-index.js';
import type { Grid } from '../layout/grid.js';
import { GuidedCache, GuidedField } from './guided-field.js';
import { OP_F, OP_W } from './operations.js';
import { TrafficPenalty } from './traffic-penalty.js';

/** Guidance of the engine's planners (`fleet.guidance`). */
export type Guidance = 'none' | 'lanes' | 'traffic';

/**
 * The guided distance fields the engine's planners read under
 * `fleet.guidance` `lanes` or `traffic`: the same fields as `wsim lorr`
 * (GuidedField: moves against the alternating one-way corridor lanes cost
 * six times, plus, with `traffic`, a learned cost of entering jammed cells,
 * TrafficPenalty). Each robot with a goal holds the field toward its goal for
 * its load (a loaded robot's field passes through no storage cell but its
 * goal), made exact each tick around the robot (`update`) and further on
 * demand (`exact`). The robots' plain fields (`r.field`) stay what the rest
 * of the engine reads: progress, deadlocks, stalls and storage choices.
 *
 * Costs are in the guided field's units: ALONG (2) per cell moved along the
 * lanes. Per tick and robot nothing is allocated but a field's array when
 * its search starts.
 */
export class GuidedSteering {
  /** Each robot's guided cost array by slot (see `slot`; null: no goal), what the planner reads as `field[i]`. */
  readonly field: (Uint16Array | null)[];
  /** Slot of each cell in the cost arrays (see FloorIndex). */
  readonly slot: Int32Array;
  private readonly cache: GuidedCache;
  private readonly held: (GuidedField | null)[];
  /** Goal and load each robot's field was fetched for (-1: none yet). */
  private readonly goal: Int32Array;
  private readonly loaded: Uint8Array;
  private readonly traffic: TrafficPenalty | null;
  /** Each robot's step as the traffic learner reads it: moved forward (OP_F) or stood (OP_W). */
  private readonly acts: Uint8Array;

  /** Cells blocked (1) when the fields were last checked against the mask, and the mask's change count then. */
  private readonly wasBlocked: Uint8Array;
  private maskChanges = 0;

  constructor(
    grid: Grid,
    readonly n: number,
    readonly guidance: Exclude<Guidance, 'none'>,
    /** The plain fields' cache, whose blocked mask (cells closed by faults) the guided fields honour too. */
    private readonly plain: DistanceCache,
  ) {
    this.cache = new GuidedCache(grid, undefined, plain);
    this.wasBlocked = new Uint8Array(grid.width * grid.height);
    this.slot = floorIndex(grid).slot;
    this.field = new Array<Uint16Array | null>(n).fill(null);
    this.held = new Array<GuidedField | null>(n).fill(null);
    this.goal = new Int32Array(n).fill(-1);
    this.loaded = new Uint8Array(n);
    this.traffic = guidance === 'traffic' ? new TrafficPenalty(grid.width * grid.height, n) : null;
    this.acts = new Uint8Array(n);
  }

  /**
   * Points each robot at the field toward its goal for its load (fetched
   * anew when either changed) and makes the costs of its cell and its
   * neighbours exact.
   */
  update(goal: Int32Array, loaded: Uint8Array, cell: Int32Array): void {
    const { held, field } = this;
    if (this.plain.maskChanges !== this.maskChanges) this.dropStale();
    for (let i = 0; i < this.n; i++) {
      const g = goal[i];
      if (g !== this.goal[i] || loaded[i] !== this.loaded[i]) {
        const old = held[i];
        if (old !== null) this.cache.unuse(old);
        const f = g < 0 ? null : this.cache.get(g, loaded[i] !== 0);
        if (f !== null) this.cache.use(f);
        held[i] = f;
        field[i] = null;
        this.goal[i] = g;
        this.loaded[i] = loaded[i];
      }
      const f = held[i];
      if (f === null) continue;
      f.ensure(cell[i]);
      // The array is made by the search's first call and kept for the field's life.
      field[i] = f.dist;
    }
  }

  /**
   * After the blocked mask changed: lets go of every field whose search has
   * reached a cell that turned between open and blocked, cached or held by
   * a robot (which fetches a new one). Fields that have not reached those
   * cells stay exact: they read the mask as their search grows.
   */
  private dropStale(): void {
    this.maskChanges = this.plain.maskChanges;
    const blocked = this.plain.blocked;
    const was = this.wasBlocked;
    const changed: number[] = [];
    for (let c = 0; c < was.length; c++) {
      const now = blocked[c] !== 0 ? 1 : 0;
      if (now !== was[c]) {
        changed.push(c);
        was[c] = now;
      }
    }
    if (changed.length === 0) return;
    this.cache.dropReaching(changed);
    for (let i = 0; i < this.n; i++) {
      const f = this.held[i];
      if (f === null || !changed.some((c) => f.reached(c))) continue;
      this.cache.unuse(f);
      this.held[i] = null;
      this.field[i] = null;
      // Not a goal: the robot's next update fetches its field anew.
      this.goal[i] = -2;
    }
  }

  /** Robot i's cost at `cell`, made exact first (-1: no field). */
  exact(i: number, cell: number): number {
    const f = this.held[i];
    return f === null ? -1 : f.exact(cell);
  }

  /**
   * After a tick's movement (`traffic` only): counts the robots held up (see
   * TrafficPenalty; a robot moved forward when its cell changed) and, at the
   * end of each window, gives the learned costs to the fields made from then on.
   */
  observe(tick: number, prevCell: Int32Array, cell: Int32Array, goal: Int32Array): void {
    if (this.traffic === null) return;
    const acts = this.acts;
    for (let i = 0; i < this.n; i++) acts[i] = cell[i] !== prevCell[i] ? OP_F : OP_W;
    const penalty = this.traffic.observe(tick, acts, cell, goal);
    if (penalty !== null) this.cache.setPenalty(penalty);
  }
}
