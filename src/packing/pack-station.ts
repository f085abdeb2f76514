import type { TickDistribution } from '../core/config.js';
import { randExp, rngStream, type Rng } from '../core/rng.js';
import { cardboardM2, chooseCarton, rightSize, type Carton, type Contents } from './cartons.js';
import { drawTicks } from '../stations/draw.js';
import { Fifo } from '../outbound/fifo.js';
import type { ToteSink } from '../outbound/network.js';

/** What a pack station needs to know about the totes it packs (src/packing/packing.ts keeps it). */
export interface ToteContents {
  /** What tote t holds (a scratch object, valid until the next call). */
  contentsOf(t: number): Contents;
  /** Units in tote t. */
  itemsOf(t: number): number;
  /** Whether tote t is the first parcel packed for its order (so orders are counted once). */
  firstParcelOfOrder(t: number): boolean;
}

/** A pack station as the engine sees it, in ticks. */
export interface PackStationSpec {
  name: string;
  /** 'auto': a packing machine at a fixed rate, with jams. 'manual': people at a bench. */
  mode: 'auto' | 'manual';
  /** Machines (auto) or people (manual) working side by side, one parcel each. */
  lanes: number;
  /** Time per parcel: fixed for a machine, a distribution for people. */
  packTicks: TickDistribution;
  /** Cartons to choose from, smallest volume first (may be empty with rightSize). */
  cartons: Carton[];
  /** Make every box to measure instead of choosing from `cartons` (machines only). */
  rightSize: boolean;
  /** Share of a carton's volume the items may fill (see src/packing/cartons.ts). */
  maxFill: number;
  /** Random jams of each machine: mean busy time between jams and mean time to clear one (exponential), or null. */
  jams: { mtbjTicks: number; clearTicks: number } | null;
  /** Totes that may wait at the infeed; a full infeed refuses more (back-pressure to the pick point). */
  queueCapacity: number;
  /** Pick stations (layout order) whose totes come here. */
  stations: number[];
  /** Person-to-goods zones (index into the zones) whose totes come here. */
  zones: number[];
}

/** Index in `cartonCounts` of boxes made to measure, and of parcels no carton held (boxed to measure by hand). */
export const RIGHT_SIZED = 0;
export const OVERSIZE = 1;

/**
 * One pack station: totes queue at its infeed, each lane packs one into a
 * parcel (a carton from the list, or a box made to measure), and the parcel
 * leaves by the pick point's own outfeed, waiting in the lane while that
 * refuses. A parcel keeps its tote's slot and units, so everything
 * downstream (belts, sorters, docks) handles it as it handled the tote.
 */
export class PackStation {
  private readonly queue = new Fifo(2, 16);
  private readonly outs: ToteSink[] = [];
  private readonly tote: Int32Array;
  private readonly out: Int32Array;
  private readonly left: Float64Array;
  private readonly ready: Uint8Array;
  private readonly jamUntil: Float64Array;
  private readonly toJam: Float64Array;
  private readonly size = new Float64Array(3);
  private readonly timeRng: Rng;
  private readonly jamRng: Rng;
  // Figures.
  totesIn = 0;
  parcels = 0;
  orders = 0;
  items = 0;
  busyTicks = 0;
  jams = 0;
  jamTicks = 0;
  blockedTicks = 0;
  queueMax = 0;
  itemVolumeCm3 = 0;
  cartonVolumeCm3 = 0;
  cardboardM2 = 0;
  voidCm3 = 0;
  /** Parcels per carton of the spec, then right-sized, then oversize (at length + RIGHT_SIZED / OVERSIZE). */
  readonly cartonCounts: Float64Array;

  constructor(
    readonly spec: PackStationSpec,
    private readonly owner: ToteContents,
    seed: number | string,
  ) {
    const n = spec.lanes;
    this.tote = new Int32Array(n).fill(-1);
    this.out = new Int32Array(n);
    this.left = new Float64Array(n);
    this.ready = new Uint8Array(n);
    this.jamUntil = new Float64Array(n);
    this.toJam = new Float64Array(n);
    this.timeRng = rngStream(seed, `pack:${spec.name}`);
    this.jamRng = rngStream(seed, `pack-jams:${spec.name}`);
    if (spec.jams) for (let k = 0; k < n; k++) this.toJam[k] = randExp(this.jamRng, spec.jams.mtbjTicks);
    this.cartonCounts = new Float64Array(spec.cartons.length + 2);
  }

  /** The infeed for one pick point: parcels of its totes leave into `down`. Made once per pick point. */
  connect(down: ToteSink): ToteSink {
    const k = this.outs.length;
    this.outs.push(down);
    return { canAccept: () => this.queue.length < this.spec.queueCapacity, accept: (t: number) => this.accept(t, k) };
  }

  private accept(t: number, out: number): void {
    this.queue.push(t, out);
    this.totesIn++;
    if (this.queue.length > this.queueMax) this.queueMax = this.queue.length;
  }

  /** Totes here now: waiting at the infeed, being packed, or packed and waiting to leave. */
  totesHeld(): number {
    let n = this.queue.length;
    for (let k = 0; k < this.tote.length; k++) if (this.tote[k] >= 0) n++;
    return n;
  }

  /** One tick: parcels leave, lanes work (and may jam), free lanes take the next tote. */
  step(tick: number): void {
    const jams = this.spec.jams;
    for (let k = 0; k < this.tote.length; k++) {
      if (this.jamUntil[k] > tick) {
        this.jamTicks++;
        continue;
      }
      if (this.tote[k] < 0) continue;
      if (this.ready[k] === 0) {
        this.left[k] -= 1;
        this.busyTicks++;
        if (jams !== null && --this.toJam[k] <= 0) {
          this.jams++;
          this.jamUntil[k] = tick + 1 + Math.max(1, Math.round(randExp(this.jamRng, jams.clearTicks)));
          this.toJam[k] = randExp(this.jamRng, jams.mtbjTicks);
        }
        if (this.left[k] > 0) continue;
        this.pack(this.tote[k]);
        this.ready[k] = 1;
      }
      this.handOn(k, tick);
    }
    for (let k = 0; k < this.tote.length && this.queue.length > 0; k++) {
      // A lane whose jam clears by the next tick may take its next tote now, to work on it then.
      if (this.tote[k] >= 0 || this.jamUntil[k] > tick + 1) continue;
      this.tote[k] = this.queue.peek(0);
      this.out[k] = this.queue.peek(1);
      this.queue.shift();
      this.ready[k] = 0;
      this.left[k] = Math.max(1, drawTicks(this.spec.packTicks, this.timeRng));
    }
  }

  private handOn(k: number, tick: number): void {
    const t = this.tote[k];
    const down = this.outs[this.out[k]];
    if (!down.canAccept(t)) {
      this.blockedTicks++;
      return;
    }
    this.tote[k] = -1;
    this.ready[k] = 0;
    down.accept(t, tick);
  }

  /** Chooses tote t's box and counts the parcel's packaging. */
  private pack(t: number): void {
    const x = this.owner.contentsOf(t);
    const s = this.spec;
    let l: number;
    let w: number;
    let h: number;
    const k = s.rightSize ? -1 : chooseCarton(s.cartons, x, s.maxFill);
    if (k >= 0) {
      const c = s.cartons[k];
      this.cartonCounts[k]++;
      l = c.l;
      w = c.w;
      h = c.h;
    } else {
      // A machine that right-sizes makes the box; a parcel no carton holds is boxed to measure by hand.
      rightSize(x, s.maxFill, this.size);
      this.cartonCounts[s.cartons.length + (s.rightSize ? RIGHT_SIZED : OVERSIZE)]++;
      l = this.size[0];
      w = this.size[1];
      h = this.size[2];
    }
    const vol = l * w * h;
    this.parcels++;
    this.items += this.owner.itemsOf(t);
    if (this.owner.firstParcelOfOrder(t)) this.orders++;
    this.itemVolumeCm3 += x.volume;
    this.cartonVolumeCm3 += vol;
    this.cardboardM2 += cardboardM2(l, w, h);
    this.voidCm3 += Math.max(0, vol - x.volume);
  }
}
