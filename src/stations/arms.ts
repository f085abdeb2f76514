import type { TickDistribution } from '../core/config.js';
import { rngStream, type Rng } from '../core/rng.js';
import type { World } from '../core/world.js';
import { drawTicks } from './draw.js';

/** A model of robotic picking arm and the stations it works at, in ticks. */
export interface ArmSpec {
  name: string;
  /** Pick stations (layout order) whose pickers are arms of this model. */
  stations: number[];
  /** One grasp cycle (successful or not), ticks. */
  cycleTicks: number;
  /** Probability that a grasp fails. */
  graspFailure: number;
  /** After a failed grasp: try again (up to `retries` times, then a person), or hand the line to a person at once. */
  onFailure: 'retry' | 'human';
  retries: number;
  /** A person's time to pick a line the arm cannot (an SKU it cannot handle, or after failed grasps). */
  fallback: TickDistribution;
  /** Share of SKUs the arm cannot handle, drawn per SKU from a seeded stream. */
  unhandledShare: number;
  /** SKU popularity-rank ranges [from, to) the arm cannot handle. */
  unhandledRanges: [number, number][];
}

/**
 * Who picks at each station and what it did. Human stations draw each line's
 * time from `stations.pickSeconds`; arm stations grasp each unit of a line
 * in fixed cycles, and a person at the station picks the lines the arm
 * cannot. The arm stops while the person reaches into its cell, so the
 * person's time adds to the line's. Per-station figures are indexed by
 * station.
 */
export class StationPicking {
  /** Arm model per station (index into `arms`), or -1 for people. */
  readonly armOf: Int32Array;
  /** Per arm model, 1 per SKU it cannot handle. */
  private readonly unhandled: Uint8Array[];
  private readonly grasp: Rng;
  private readonly fallbackRng: Rng;
  // Figures per station.
  readonly linesByArm: Float64Array;
  readonly linesByPerson: Float64Array;
  /** Lines handed to a person after failed grasps. */
  readonly fallbacks: Float64Array;
  /** Lines of SKUs the arm cannot handle. */
  readonly unhandledLines: Float64Array;
  readonly graspAttempts: Float64Array;
  readonly graspFailures: Float64Array;
  /** Work given to the arms (grasp cycles) and to people, ticks. */
  readonly armTicks: Float64Array;
  readonly personTicks: Float64Array;

  constructor(
    readonly arms: readonly ArmSpec[],
    stations: number,
    skuCount: number,
    seed: number | string,
  ) {
    this.armOf = new Int32Array(stations).fill(-1);
    arms.forEach((a, k) => {
      for (const s of a.stations) this.armOf[s] = k;
    });
    this.unhandled = arms.map((a, k) => unhandledSkus(a, skuCount, rngStream(seed, `arm-skus:${k}`)));
    this.grasp = rngStream(seed, 'arm-grasp');
    this.fallbackRng = rngStream(seed, 'arm-fallback');
    this.linesByArm = new Float64Array(stations);
    this.linesByPerson = new Float64Array(stations);
    this.fallbacks = new Float64Array(stations);
    this.unhandledLines = new Float64Array(stations);
    this.graspAttempts = new Float64Array(stations);
    this.graspFailures = new Float64Array(stations);
    this.armTicks = new Float64Array(stations);
    this.personTicks = new Float64Array(stations);
  }

  /** Ticks to pick line l at station s, counting who did it. */
  pickTicks(w: World, s: number, l: number): number {
    const k = this.armOf[s];
    if (k < 0) {
      const t = drawTicks(w.config.stations.pick, w.rng.picking);
      this.linesByPerson[s]++;
      this.personTicks[s] += t;
      return t;
    }
    const a = this.arms[k];
    const sku = w.books.lineSku[l];
    if (this.unhandled[k][sku] !== 0) {
      this.unhandledLines[s]++;
      return this.byPerson(s, a, 0);
    }
    const tries = a.onFailure === 'retry' ? 1 + a.retries : 1;
    let t = 0;
    for (let unit = w.books.lineQty[l]; unit > 0; unit--) {
      let grasped = false;
      for (let n = 0; n < tries && !grasped; n++) {
        this.graspAttempts[s]++;
        t += a.cycleTicks;
        grasped = this.grasp.next() >= a.graspFailure;
        if (!grasped) this.graspFailures[s]++;
      }
      if (!grasped) {
        // The person picks the rest of the line.
        this.armTicks[s] += t;
        this.fallbacks[s]++;
        return this.byPerson(s, a, t);
      }
    }
    this.armTicks[s] += t;
    this.linesByArm[s]++;
    return t;
  }

  private byPerson(s: number, a: ArmSpec, armTicks: number): number {
    const t = drawTicks(a.fallback, this.fallbackRng);
    this.linesByPerson[s]++;
    this.personTicks[s] += t;
    return armTicks + t;
  }
}

/** The SKUs an arm model cannot handle: its ranges, and a seeded share of the rest. */
function unhandledSkus(a: ArmSpec, skuCount: number, rng: Rng): Uint8Array {
  const out = new Uint8Array(skuCount);
  if (a.unhandledShare > 0) for (let x = 0; x < skuCount; x++) if (rng.next() < a.unhandledShare) out[x] = 1;
  for (const [from, to] of a.unhandledRanges) out.fill(1, from, Math.min(to, skuCount));
  return out;
}

/**
 * Ticks to pick line l at station s: the one place a station line's pick time
 * is drawn. Without arms it is exactly the station's `pickSeconds` draw from
 * the picking stream, as it always was.
 */
export function linePickTicks(w: World, s: number, l: number): number {
  const p = w.site.picking;
  return p === null ? drawTicks(w.config.stations.pick, w.rng.picking) : p.pickTicks(w, s, l);
}
