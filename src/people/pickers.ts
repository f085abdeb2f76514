import type { TickDistribution } from '../core/config.js';
import type { Rng } from '../core/rng.js';
import type { Grid } from '../layout/grid.js';
import type { ToteSink } from '../outbound/network.js';
import { PickerRoutes } from './picker-routes.js';
import { drawTicks } from '../stations/draw.js';
import { onDuty, type ShiftTicks } from './shifts.js';

/** What a picker is doing. Stored as one byte per picker. */
export const enum PickerState {
  OffDuty = 0,
  Idle = 1,
  Walking = 2,
  Picking = 3,
  Dropping = 4,
}

export const PICKER_STATE_NAMES: string[] = ['off-duty', 'idle', 'walking', 'picking', 'dropping'];

/** A person-to-goods zone: people with carts walking the aisles. Durations in ticks. */
export interface PickerZoneSpec {
  name: string;
  /** Cell where carts are loaded with empty totes and full totes are dropped (person-walkable). */
  depot: number;
  /** People in the zone. */
  pickers: number;
  /** Totes a cart holds = orders batched per trip. */
  cartTotes: number;
  /** Walking speed in cells per tick (e.g. 0.8); fractional progress accumulates. */
  walkCellsPerTick: number;
  /** Pick time per line. */
  pickTicks: TickDistribution;
  /** Ticks to wait at the depot for more totes before starting a trip with a part-filled cart (0 = leave at once with what there is). */
  batchWaitTicks: number;
  /** Working hours; empty = always on duty. */
  shifts: ShiftTicks[];
  dayTicks: number;
  /** Tick of the day at which the simulation starts. */
  startOfDayTick: number;
}

/** One cart round: the stops in walking order and the lines picked at each. */
interface Trip {
  /** Faces in tour order, then the depot. */
  readonly stops: Int32Array;
  /** Lines of stop k are `lineTote[lineStart[k] .. lineStart[k + 1])`. */
  readonly lineStart: Int32Array;
  /** Tote of each line, grouped by stop. */
  readonly lineTote: Int32Array;
  /** Stop being walked to or worked at. */
  stop: number;
  /** Cells of the leg toward `stops[stop]`. */
  leg: Int32Array;
  /** Cells of `leg` walked so far. */
  legPos: number;
}

/** Walking progress is a running sum of fractions: 5 x 0.8 must make 4 cells, not 3.9999. */
const EPS = 1e-9;

/**
 * Pickers of one person-to-goods zone, stepped once per tick by the engine.
 *
 * A picker on duty and idle at the depot loads up to `cartTotes` queued totes,
 * oldest first (with fewer queued it waits until the oldest has waited
 * `batchWaitTicks`), walks a nearest-neighbour tour through the distinct faces
 * of the cart's lines, picks every cart line at each face (one `pickTicks`
 * draw per line), walks back and drops the totes into the sink one per tick,
 * in loading order. People do not block each other or robots.
 *
 * Shifts: duty is checked only at the depot between trips. A picker whose
 * break or shift starts mid-trip finishes the trip (those ticks count as duty)
 * and then goes off duty at the depot; totes stay queued for others.
 *
 * Timing, per picker and tick: loading takes no time, so a trip's first cell
 * is walked (or a face at the depot picked) in the tick the cart is loaded;
 * picking at a face starts the tick after arrival and lasts
 * max(1, ceil(sum of its lines' draws)) ticks, the lines reported through
 * `onLine` in its last tick; dropping starts the tick after the return. A tote taken at tick t with all its lines at one face d
 * cells away (speed 1, pick p ticks) is delivered at tick t + d + p + d.
 */
export class PickerZone {
  /** Cell each picker stands on. */
  readonly cell: Int32Array;
  /** PickerState per picker. */
  readonly state: Uint8Array;
  /** Totes on each picker's cart. */
  readonly cartCount: Int32Array;
  /** Cells walked per picker. */
  readonly walkedCells: Float64Array;
  /** Ticks on duty and not idle (walking, picking, dropping or blocked at the drop). */
  readonly busyTicks: Float64Array;
  /** Ticks on duty, including a trip finished after the shift or break began. */
  readonly dutyTicks: Float64Array;
  readonly linesPicked: Float64Array;
  /** Ticks waiting at the depot because the sink would not take the next tote. */
  readonly blockedTicks: Float64Array;
  /** Trips started. */
  batches = 0;
  /**
   * People of the zone absent (a fault): the last `absent` pickers go off
   * duty at the depot once their current trip is done, as at a break.
   */
  absent = 0;
  /**
   * People rostered on by the operations policy: the pickers from this index
   * on go off duty at the depot once their current trip is done (default: all).
   */
  staffed: number;
  /** Walking routes, shareable between zones on one grid. */
  readonly routes: PickerRoutes;

  private readonly n: number;
  private readonly cap: number;
  private readonly depot: number;
  private readonly width: number;
  private readonly reachable: Uint8Array;
  /** Totes on carts, `cap` slots per picker, in loading order. */
  private readonly cart: Int32Array;
  private readonly cartLoaded: Int32Array;
  private readonly progress: Float64Array;
  private readonly pickLeft: Int32Array;
  private readonly trips: (Trip | null)[];

  // FIFO of queued totes as ring buffers (power-of-two sizes, grown by doubling):
  // tote id, line count and the tick queued; their faces in a ring of their own.
  private qTote = new Int32Array(64);
  private qLines = new Int32Array(64);
  private qAt = new Float64Array(64);
  private qHead = 0;
  private qLen = 0;
  /** Totes added since the last step, not yet given their queue tick. */
  private unstamped = 0;
  private faces = new Int32Array(256);
  private fHead = 0;
  private fLen = 0;

  /** `routes` may be passed to share one route cache between zones on the same grid. */
  constructor(
    grid: Grid,
    readonly spec: PickerZoneSpec,
    private readonly rng: Rng,
    routes?: PickerRoutes,
  ) {
    const { name, pickers, cartTotes, walkCellsPerTick, batchWaitTicks, shifts, dayTicks, depot } = spec;
    const fail = (what: string) => {
      throw new RangeError(`picker zone '${name}': ${what}`);
    };
    if (!Number.isInteger(pickers) || pickers < 0) fail(`pickers must be a whole number >= 0, got ${pickers}`);
    if (!Number.isInteger(cartTotes) || cartTotes < 1) fail(`cartTotes must be a whole number >= 1, got ${cartTotes}`);
    if (!(walkCellsPerTick > 0) || !Number.isFinite(walkCellsPerTick)) fail(`walkCellsPerTick must be > 0, got ${walkCellsPerTick}`);
    if (!(batchWaitTicks >= 0)) fail(`batchWaitTicks must be >= 0, got ${batchWaitTicks}`);
    if (shifts.length > 0 && !(dayTicks > 0)) fail(`dayTicks must be > 0 when shifts are given, got ${dayTicks}`);
    this.routes = routes ?? new PickerRoutes(grid);
    this.reachable = this.routes.reachableFrom(depot);
    if (this.reachable[depot] !== 1) fail(`the depot (cell ${depot}) is not a cell people can walk on`);
    this.n = pickers;
    this.cap = cartTotes;
    this.depot = depot;
    this.width = grid.width;
    this.cell = new Int32Array(pickers).fill(depot);
    this.state = new Uint8Array(pickers).fill(PickerState.OffDuty);
    this.cartCount = new Int32Array(pickers);
    this.walkedCells = new Float64Array(pickers);
    this.busyTicks = new Float64Array(pickers);
    this.dutyTicks = new Float64Array(pickers);
    this.linesPicked = new Float64Array(pickers);
    this.blockedTicks = new Float64Array(pickers);
    this.cart = new Int32Array(pickers * cartTotes);
    this.cartLoaded = new Int32Array(pickers);
    this.progress = new Float64Array(pickers);
    this.pickLeft = new Int32Array(pickers);
    this.trips = new Array<Trip | null>(pickers).fill(null);
    this.staffed = pickers;
  }

  /**
   * Queues a tote to pick: `faces` are the person-walkable cells to stand on
   * for each of its lines (one entry per line, may repeat). Throws if the tote
   * has no lines or a face cannot be reached on foot from the depot; the zone
   * is unchanged then.
   */
  addTote(tote: number, faces: ArrayLike<number>): void {
    const { name } = this.spec;
    if (faces.length === 0) throw new Error(`picker zone '${name}': tote ${tote} has no lines to pick`);
    for (let j = 0; j < faces.length; j++) {
      const face = faces[j];
      if (!(Number.isInteger(face) && face >= 0 && face < this.reachable.length && this.reachable[face] === 1)) {
        throw new Error(
          `picker zone '${name}': tote ${tote} has a line at cell ${this.where(face)}, which cannot be reached on foot from the depot at cell ${this.where(this.depot)}`,
        );
      }
    }
    if (this.qLen === this.qTote.length) this.growQueue();
    while (this.fLen + faces.length > this.faces.length) this.growFaces();
    const q = (this.qHead + this.qLen) & (this.qTote.length - 1);
    this.qTote[q] = tote;
    this.qLines[q] = faces.length;
    this.qAt[q] = -1;
    this.qLen++;
    this.unstamped++;
    const mask = this.faces.length - 1;
    for (let j = 0; j < faces.length; j++) this.faces[(this.fHead + this.fLen + j) & mask] = faces[j];
    this.fLen += faces.length;
  }

  /**
   * One tick. `out` receives finished totes at the depot (one per tick per
   * picker at most; if `out.canAccept` is false the picker waits at the depot,
   * counted as blocked). `onLine(tote)` is called once per line picked.
   */
  step(tick: number, out: ToteSink, onLine: (tote: number) => void): void {
    // Totes added since the last step count as queued from this tick.
    const mask = this.qTote.length - 1;
    for (let k = 0; k < this.unstamped; k++) this.qAt[(this.qHead + this.qLen - 1 - k) & mask] = tick;
    this.unstamped = 0;
    const s = this.spec;
    const duty = onDuty(s.shifts, tick, s.dayTicks, s.startOfDayTick);
    const present = Math.min(this.n - this.absent, this.staffed);
    for (let i = 0; i < this.n; i++) {
      const spent = this.act(i, tick, duty && i < present, out, onLine);
      if (spent !== PickerState.OffDuty) this.dutyTicks[i]++;
      if (spent >= PickerState.Walking) this.busyTicks[i]++;
    }
  }

  /** Totes waiting, not yet on a cart. */
  totesQueued(): number {
    return this.qLen;
  }

  /** The totes waiting, not yet on a cart, oldest first. */
  queuedTotes(): number[] {
    const out: number[] = [];
    const mask = this.qTote.length - 1;
    for (let k = 0; k < this.qLen; k++) out.push(this.qTote[(this.qHead + k) & mask]);
    return out;
  }

  /** Totes on carts (being picked or waiting to be dropped). */
  totesOnCarts(): number {
    let sum = 0;
    for (let i = 0; i < this.n; i++) sum += this.cartCount[i];
    return sum;
  }

  /** Runs picker i for one tick; returns the state the tick was spent in. Loops only through transitions that take no time. */
  private act(i: number, tick: number, duty: boolean, out: ToteSink, onLine: (tote: number) => void): PickerState {
    for (;;) {
      switch (this.state[i] as PickerState) {
        case PickerState.OffDuty:
          if (!duty) return PickerState.OffDuty;
          this.state[i] = PickerState.Idle;
          continue;
        case PickerState.Idle:
          if (!duty) {
            this.state[i] = PickerState.OffDuty;
            return PickerState.OffDuty;
          }
          if (!this.load(i, tick)) return PickerState.Idle;
          continue;
        case PickerState.Walking: {
          const trip = this.trips[i]!;
          const leg = trip.leg;
          if (trip.legPos === leg.length) {
            // Already there (a face at the depot, say): no walking needed.
            this.arrive(i, trip);
            continue;
          }
          this.progress[i] += this.spec.walkCellsPerTick;
          const steps = Math.min(Math.floor(this.progress[i] + EPS), leg.length - trip.legPos);
          if (steps > 0) {
            trip.legPos += steps;
            this.cell[i] = leg[trip.legPos - 1];
            this.walkedCells[i] += steps;
            this.progress[i] -= steps;
          }
          if (trip.legPos === leg.length) this.arrive(i, trip);
          return PickerState.Walking;
        }
        case PickerState.Picking: {
          if (--this.pickLeft[i] > 0) return PickerState.Picking;
          const trip = this.trips[i]!;
          for (let l = trip.lineStart[trip.stop]; l < trip.lineStart[trip.stop + 1]; l++) {
            this.linesPicked[i]++;
            onLine(trip.lineTote[l]);
          }
          trip.stop++;
          trip.leg = this.routes.legCells(this.cell[i], trip.stops[trip.stop]);
          trip.legPos = 0;
          this.state[i] = PickerState.Walking;
          return PickerState.Picking;
        }
        case PickerState.Dropping: {
          const tote = this.cart[i * this.cap + this.cartLoaded[i] - this.cartCount[i]];
          if (!out.canAccept(tote)) {
            this.blockedTicks[i]++;
            return PickerState.Dropping;
          }
          out.accept(tote, tick);
          if (--this.cartCount[i] === 0) {
            this.cartLoaded[i] = 0;
            this.trips[i] = null;
            this.state[i] = PickerState.Idle;
          }
          return PickerState.Dropping;
        }
      }
    }
  }

  /** Picker i reached the end of its leg: start picking at a face, or dropping at the depot. */
  private arrive(i: number, trip: Trip): void {
    this.progress[i] = 0;
    if (trip.stop === trip.stops.length - 1) {
      this.state[i] = PickerState.Dropping;
      return;
    }
    let span = 0;
    for (let l = trip.lineStart[trip.stop]; l < trip.lineStart[trip.stop + 1]; l++) {
      span += drawTicks(this.spec.pickTicks, this.rng);
    }
    this.pickLeft[i] = Math.max(1, Math.ceil(span - EPS));
    this.state[i] = PickerState.Picking;
  }

  /** Loads picker i's cart from the queue and plans the trip, if a batch is ready. Allocates per trip only. */
  private load(i: number, tick: number): boolean {
    const qMask = this.qTote.length - 1;
    if (this.qLen === 0) return false;
    if (this.qLen < this.cap && tick - this.qAt[this.qHead] < this.spec.batchWaitTicks) return false;
    const take = Math.min(this.qLen, this.cap);
    let lines = 0;
    for (let k = 0; k < take; k++) lines += this.qLines[(this.qHead + k) & qMask];
    const lineFace = new Int32Array(lines);
    const lineTote = new Int32Array(lines);
    const fMask = this.faces.length - 1;
    let l = 0;
    for (let k = 0; k < take; k++) {
      const tote = this.qTote[this.qHead];
      const count = this.qLines[this.qHead];
      this.cart[i * this.cap + k] = tote;
      for (let j = 0; j < count; j++, l++) {
        lineFace[l] = this.faces[this.fHead];
        lineTote[l] = tote;
        this.fHead = (this.fHead + 1) & fMask;
      }
      this.fLen -= count;
      this.qHead = (this.qHead + 1) & qMask;
      this.qLen--;
    }
    this.cartCount[i] = take;
    this.cartLoaded[i] = take;

    const tour = this.routes.nearestNeighbourTour(this.depot, lineFace);
    const stops = new Int32Array(tour.length + 1);
    stops.set(tour);
    stops[tour.length] = this.depot;
    // Group the lines by stop, keeping cart order within a stop (a counting sort).
    const stopOf = new Map<number, number>();
    for (let k = 0; k < tour.length; k++) stopOf.set(tour[k], k);
    const lineStart = new Int32Array(stops.length + 1);
    for (let m = 0; m < lines; m++) lineStart[stopOf.get(lineFace[m])! + 1]++;
    for (let k = 0; k < stops.length; k++) lineStart[k + 1] += lineStart[k];
    const fill = lineStart.slice(0, stops.length);
    const grouped = new Int32Array(lines);
    for (let m = 0; m < lines; m++) grouped[fill[stopOf.get(lineFace[m])!]++] = lineTote[m];

    this.trips[i] = { stops, lineStart, lineTote: grouped, stop: 0, leg: this.routes.legCells(this.depot, stops[0]), legPos: 0 };
    this.progress[i] = 0;
    this.state[i] = PickerState.Walking;
    this.batches++;
    return true;
  }

  private growQueue(): void {
    const size = this.qTote.length;
    const tote = new Int32Array(size * 2);
    const lines = new Int32Array(size * 2);
    const at = new Float64Array(size * 2);
    for (let k = 0; k < this.qLen; k++) {
      const q = (this.qHead + k) & (size - 1);
      tote[k] = this.qTote[q];
      lines[k] = this.qLines[q];
      at[k] = this.qAt[q];
    }
    this.qTote = tote;
    this.qLines = lines;
    this.qAt = at;
    this.qHead = 0;
  }

  private growFaces(): void {
    const size = this.faces.length;
    const faces = new Int32Array(size * 2);
    for (let k = 0; k < this.fLen; k++) faces[k] = this.faces[(this.fHead + k) & (size - 1)];
    this.faces = faces;
    this.fHead = 0;
  }

  private where(cell: number): string {
    const width = this.width;
    if (!(Number.isInteger(cell) && cell >= 0 && cell < this.reachable.length)) return String(cell);
    const r = Math.floor(cell / width);
    return `${cell} (row ${r}, column ${cell - r * width})`;
  }
}
