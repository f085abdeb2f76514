/**
 * Path-guided AGVs on a closed one-way guide loop: they load totes at pickup
 * stops and unload them at one drop stop, beside (never among) the
 * free-navigating robots, which cannot enter guide lanes. A pure model: the
 * tick loop calls `step` once per tick.
 */
import type { ToteSink } from './network.js';

/** What a vehicle did in the last tick. */
export const enum AgvState {
  Moving = 0,
  Loading = 1,
  Unloading = 2,
  /** Standing still without handling: queued behind the vehicle ahead, refused at the drop, or parked. */
  Waiting = 3,
}

export interface AgvLoopSpec {
  name: string;
  /** Loop cells in driving order, from `expandGuideLoop`. */
  loop: Int32Array;
  /** Vehicles on the loop, placed evenly along it at start; at most loop length / 2. */
  vehicles: number;
  /** Speed in cells per tick, in (0, 1]; fractional progress accumulates. */
  cellsPerTick: number;
  /** Totes per vehicle. */
  capacity: number;
  /** Indices into `loop` where totes are loaded; each has its own waiting buffer. */
  pickups: number[];
  /** Totes that can wait at each pickup. */
  bufferCapacity: number;
  /** Index into `loop` where totes are unloaded into the downstream sink. */
  drop: number;
  /** Ticks to load or unload one tote; the vehicle stands still meanwhile. */
  handleTicks: number;
  /** Energy per cell moved, per vehicle. */
  moveWh: number;
  /** Base draw per tick, per vehicle, whatever it is doing. */
  idleWhPerTick: number;
  /**
   * When the whole loop is idle (no tote waiting at any pickup, none aboard
   * any vehicle), a vehicle reaching a pickup parks there until work appears,
   * saving its moving energy. Default true; false keeps every vehicle
   * circulating, as simple guide-path systems without a dispatcher do.
   */
  parkWhenIdle?: boolean;
}

/** Progress is summed in floating point; 10 ticks at 0.1 cells per tick must make a whole cell. */
const EPS = 1e-9;

/**
 * One guide loop and its vehicles, state kept struct-of-arrays by vehicle.
 * Vehicle `v + 1` is the one ahead of vehicle `v` (cyclically); as nobody
 * overtakes, that order holds for the whole run.
 */
export class AgvLoop {
  readonly name: string;
  readonly loop: Int32Array;
  readonly vehicles: number;
  /** Cell per vehicle (`loop[pos]`). */
  readonly cell: Int32Array;
  /** Index on the loop per vehicle. */
  readonly pos: Int32Array;
  /** Totes aboard per vehicle (including one being loaded or unloaded). */
  readonly load: Int32Array;
  /** AgvState per vehicle, for the last tick. */
  readonly state: Uint8Array;
  /** Ticks with at least one tote aboard, or loading, or unloading. */
  readonly busyTicks: Float64Array;
  readonly movedCells: Float64Array;
  readonly energyWh: Float64Array;
  /** Totes taken in by the pickup sinks. */
  totesAccepted = 0;
  /** Totes handed to the downstream sink. */
  totesDelivered = 0;
  /** Vehicle-ticks standing at the drop with an unloaded tote the downstream sink refused. */
  blockedTicks = 0;
  /** Vehicle-ticks held up by the vehicle ahead. */
  queuedTicks = 0;

  private readonly speed: number;
  private readonly capacity: number;
  private readonly drop: number;
  private readonly handleTicks: number;
  private readonly moveWh: number;
  private readonly idleWh: number;
  private readonly parkWhenIdle: boolean;
  /** Fraction of the way to the next cell. */
  private readonly progress: Float64Array;
  /** Handling ticks left on the current tote. */
  private readonly timer: Int32Array;
  /** 1 while an unloaded tote waits for the downstream sink to take it. */
  private readonly handoff: Uint8Array;
  /** Totes aboard, first loaded first unloaded: vehicle v holds [v * capacity + head[v], ... + load[v]). */
  private readonly aboard: Int32Array;
  private readonly head: Int32Array;
  /** Pickup index per loop position, or -1. */
  private readonly stopAt: Int32Array;
  private readonly bufferCapacity: number;
  /** Waiting totes, a ring per pickup: pickup k holds [k * bufferCapacity + ...]. */
  private readonly buffer: Int32Array;
  private readonly bufHead: Int32Array;
  private readonly bufCount: Int32Array;
  private readonly sinks: ToteSink[];
  private waitingTotal = 0;
  private aboardTotal = 0;

  /** Throws RangeError when the spec is inconsistent (see AgvLoopSpec for the bounds). */
  constructor(spec: AgvLoopSpec) {
    checkSpec(spec);
    const L = spec.loop.length;
    const V = spec.vehicles;
    this.name = spec.name;
    this.loop = spec.loop;
    this.vehicles = V;
    this.speed = spec.cellsPerTick;
    this.capacity = spec.capacity;
    this.drop = spec.drop;
    this.handleTicks = spec.handleTicks;
    this.moveWh = spec.moveWh;
    this.idleWh = spec.idleWhPerTick;
    this.parkWhenIdle = spec.parkWhenIdle ?? true;
    this.cell = new Int32Array(V);
    this.pos = new Int32Array(V);
    for (let v = 0; v < V; v++) {
      this.pos[v] = Math.floor((v * L) / V);
      this.cell[v] = spec.loop[this.pos[v]];
    }
    this.load = new Int32Array(V);
    this.state = new Uint8Array(V);
    this.busyTicks = new Float64Array(V);
    this.movedCells = new Float64Array(V);
    this.energyWh = new Float64Array(V);
    this.progress = new Float64Array(V);
    this.timer = new Int32Array(V);
    this.handoff = new Uint8Array(V);
    this.aboard = new Int32Array(V * spec.capacity);
    this.head = new Int32Array(V);
    this.stopAt = new Int32Array(L).fill(-1);
    spec.pickups.forEach((p, k) => (this.stopAt[p] = k));
    const P = spec.pickups.length;
    this.bufferCapacity = spec.bufferCapacity;
    this.buffer = new Int32Array(P * spec.bufferCapacity);
    this.bufHead = new Int32Array(P);
    this.bufCount = new Int32Array(P);
    this.sinks = spec.pickups.map((_, k) => this.makeSink(k));
  }

  /** The sink a pickup stop offers upstream (a station outfeed, a picker depot): accepts while that stop's buffer has room. */
  pickupSink(k: number): ToteSink {
    const sink = this.sinks[k];
    if (sink === undefined) throw new RangeError(`${this.name}: no pickup ${k}; the loop has ${this.sinks.length}`);
    return sink;
  }

  /** Totes waiting at pickup `k`. */
  waiting(k: number): number {
    return this.bufCount[k];
  }

  /** Totes waiting in all pickup buffers. */
  totesWaiting(): number {
    return this.waitingTotal;
  }

  /** Totes aboard all vehicles. */
  totesAboard(): number {
    return this.aboardTotal;
  }

  /**
   * One tick. Each vehicle does one thing: continues handling a tote; at the
   * drop unloads one tote at a time into `out` (waiting, counted in
   * blockedTicks, while `out` refuses); at a pickup with waiting totes and
   * room aboard loads one; parks (see AgvLoopSpec.parkWhenIdle); or moves on.
   * A tote's handover happens on the last of its handleTicks. Vehicles move
   * front to back so a queue closes up in one tick like a conveyor: each
   * enters the cell ahead only when the vehicle there has already left it.
   */
  step(tick: number, out: ToteSink): void {
    const V = this.vehicles;
    const L = this.loop.length;
    const park = this.parkWhenIdle && this.waitingTotal === 0 && this.aboardTotal === 0;
    // Start behind a gap (there always is one: vehicles <= L / 2) and walk backwards,
    // so every vehicle but the first acts after the one ahead of it.
    let first = 0;
    while (first < V - 1 && this.pos[first + 1] === (this.pos[first] + 1) % L) first++;
    for (let i = 0; i < V; i++) {
      const v = first - i < 0 ? first - i + V : first - i;
      this.act(v, tick, out, park);
    }
  }

  private act(v: number, tick: number, out: ToteSink, park: boolean): void {
    const before = this.load[v];
    this.energyWh[v] += this.idleWh;
    const p = this.pos[v];
    let k: number;
    if (this.timer[v] > 0) {
      this.timer[v]--;
      if (this.timer[v] === 0 && this.state[v] === AgvState.Unloading) this.handOver(v, tick, out);
    } else if (this.handoff[v] === 1) {
      this.handOver(v, tick, out);
    } else if (p === this.drop && before > 0) {
      this.state[v] = AgvState.Unloading;
      this.progress[v] = 0;
      this.timer[v] = this.handleTicks - 1;
      if (this.timer[v] === 0) this.handOver(v, tick, out);
    } else if ((k = this.stopAt[p]) >= 0 && before < this.capacity && this.bufCount[k] > 0) {
      this.takeFromBuffer(v, k);
      this.state[v] = AgvState.Loading;
      this.progress[v] = 0;
      this.timer[v] = this.handleTicks - 1;
    } else if (k >= 0 && park) {
      this.state[v] = AgvState.Waiting;
      this.progress[v] = 0;
    } else {
      this.move(v);
    }
    if (before > 0 || this.load[v] > 0) this.busyTicks[v]++;
  }

  private move(v: number): void {
    const L = this.loop.length;
    const next = this.pos[v] + 1 === L ? 0 : this.pos[v] + 1;
    // A lone vehicle is its own leader; with loop length >= 2 the check below never holds it.
    const ahead = v + 1 === this.vehicles ? 0 : v + 1;
    const progress = this.progress[v] + this.speed;
    if (progress < 1 - EPS) {
      this.progress[v] = progress;
      this.state[v] = AgvState.Moving;
    } else if (this.pos[ahead] === next) {
      // Held at the cell boundary, ready to go: progress is not banked while waiting.
      this.state[v] = AgvState.Waiting;
      this.queuedTicks++;
    } else {
      this.pos[v] = next;
      this.cell[v] = this.loop[next];
      this.progress[v] = Math.max(0, progress - 1);
      this.movedCells[v]++;
      this.energyWh[v] += this.moveWh;
      this.state[v] = AgvState.Moving;
    }
  }

  private takeFromBuffer(v: number, k: number): void {
    const base = k * this.bufferCapacity;
    const tote = this.buffer[base + this.bufHead[k]];
    this.bufHead[k] = this.bufHead[k] + 1 === this.bufferCapacity ? 0 : this.bufHead[k] + 1;
    this.bufCount[k]--;
    this.waitingTotal--;
    // Loading never overlaps unloading (a vehicle leaves the drop empty), so head[v] is 0 here.
    this.aboard[v * this.capacity + this.head[v] + this.load[v]] = tote;
    this.load[v]++;
    this.aboardTotal++;
  }

  private handOver(v: number, tick: number, out: ToteSink): void {
    const tote = this.aboard[v * this.capacity + this.head[v]];
    if (!out.canAccept(tote)) {
      this.handoff[v] = 1;
      this.state[v] = AgvState.Waiting;
      this.blockedTicks++;
      return;
    }
    out.accept(tote, tick);
    this.handoff[v] = 0;
    this.state[v] = AgvState.Unloading;
    this.head[v]++;
    this.load[v]--;
    if (this.load[v] === 0) this.head[v] = 0;
    this.aboardTotal--;
    this.totesDelivered++;
  }

  private makeSink(k: number): ToteSink {
    return {
      canAccept: () => this.bufCount[k] < this.bufferCapacity,
      accept: (tote: number) => {
        if (this.bufCount[k] >= this.bufferCapacity) {
          throw new Error(`${this.name}: pickup ${k} buffer is full; check canAccept first`);
        }
        let slot = this.bufHead[k] + this.bufCount[k];
        if (slot >= this.bufferCapacity) slot -= this.bufferCapacity;
        this.buffer[k * this.bufferCapacity + slot] = tote;
        this.bufCount[k]++;
        this.waitingTotal++;
        this.totesAccepted++;
      },
    };
  }
}

function checkSpec(s: AgvLoopSpec): void {
  const fail = (what: string) => {
    throw new RangeError(`AGV loop ${s.name}: ${what}`);
  };
  const L = s.loop.length;
  const isIndex = (i: number) => Number.isInteger(i) && i >= 0 && i < L;
  const isCount = (x: number, min: number) => Number.isInteger(x) && x >= min;
  if (L < 2) fail(`the loop has ${L} cells; expected at least 2`);
  if (!isCount(s.vehicles, 1) || s.vehicles > L / 2) {
    // Half the loop at most, so there is always a free cell ahead of some vehicle and the loop never locks.
    fail(`vehicles is ${s.vehicles}; expected an integer from 1 to ${Math.floor(L / 2)} (half the loop)`);
  }
  if (!(s.cellsPerTick > 0 && s.cellsPerTick <= 1)) fail(`cellsPerTick is ${s.cellsPerTick}; expected more than 0 and at most 1`);
  if (!isCount(s.capacity, 1)) fail(`capacity is ${s.capacity}; expected a positive integer`);
  if (!isCount(s.bufferCapacity, 1)) fail(`bufferCapacity is ${s.bufferCapacity}; expected a positive integer`);
  if (!isCount(s.handleTicks, 1)) fail(`handleTicks is ${s.handleTicks}; expected a positive integer`);
  if (!isIndex(s.drop)) fail(`drop is ${s.drop}; expected an index into the loop (0 to ${L - 1})`);
  if (s.pickups.length === 0) fail('no pickups');
  const seen = new Set<number>();
  for (const p of s.pickups) {
    if (!isIndex(p)) fail(`pickup ${p} is not an index into the loop (0 to ${L - 1})`);
    if (p === s.drop) fail(`pickup ${p} is also the drop`);
    if (seen.has(p)) fail(`pickup ${p} is listed twice`);
    seen.add(p);
  }
  if (!(s.moveWh >= 0) || !(s.idleWhPerTick >= 0)) fail('moveWh and idleWhPerTick must be non-negative');
}
