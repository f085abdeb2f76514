import { grown } from '../core/grow.js';
import { cdfIndex, type Rng } from '../core/rng.js';
import type { World } from '../core/world.js';

/**
 * Receiving: trucks arrive with units of SKUs; their units are unloaded at a
 * fixed rate (all docks together) into the receiving buffer, which holds
 * at most `bufferUnits` (unloading waits while it is full). From the buffer
 * the put-away takes them to pods. A truck's units count as received when it
 * arrives; until they are in a slot they are in put-away.
 */
export class Receiving {
  /** Units of each SKU in the receiving buffer, not yet taken by a put-away task. */
  readonly buffer: Int32Array;
  bufferUnits = 0;
  /** Units of each SKU still on trucks at the dock. */
  readonly onDock: Int32Array;
  /** Units on trucks still to unload, as a FIFO of (SKU, units). */
  private dockSku = new Int32Array(256);
  private dockUnits = new Int32Array(256);
  private dockFirst = 0;
  private dockEnd = 0;
  dockUnitsLeft = 0;
  /** Unloading budget carried over between ticks (fractional units per tick). */
  private credit = 0;
  trucks = 0;
  unitsArrived = 0;
  unitsUnloaded = 0;
  peakBufferUnits = 0;
  /** Units of each SKU arrived at the dock over the run. */
  readonly arrivedBySku: Float64Array;

  constructor(
    skuCount: number,
    private readonly capacity: number,
    private readonly ratePerTick: number,
  ) {
    this.buffer = new Int32Array(skuCount);
    this.onDock = new Int32Array(skuCount);
    this.arrivedBySku = new Float64Array(skuCount);
  }

  /** A truck with `units` of `sku` each (SKUs with 0 skipped) arrived: they wait at the dock. Returns the units. */
  arrive(units: ArrayLike<number>): number {
    let total = 0;
    for (let s = 0; s < units.length; s++) {
      const n = units[s];
      if (n <= 0) continue;
      if (this.dockEnd === this.dockSku.length) this.compact();
      this.dockSku[this.dockEnd] = s;
      this.dockUnits[this.dockEnd++] = n;
      this.arrivedBySku[s] += n;
      this.onDock[s] += n;
      total += n;
    }
    this.trucks++;
    this.unitsArrived += total;
    this.dockUnitsLeft += total;
    return total;
  }

  /** One tick of unloading: up to the rate, while the buffer has room. */
  unload(): void {
    if (this.dockUnitsLeft === 0) {
      this.credit = 0;
      return;
    }
    this.credit += this.ratePerTick;
    while (this.credit >= 1 && this.dockFirst < this.dockEnd && this.bufferUnits < this.capacity) {
      const k = this.dockFirst;
      const n = Math.min(this.dockUnits[k], Math.floor(this.credit), this.capacity - this.bufferUnits);
      this.buffer[this.dockSku[k]] += n;
      this.onDock[this.dockSku[k]] -= n;
      this.bufferUnits += n;
      this.dockUnits[k] -= n;
      this.dockUnitsLeft -= n;
      this.unitsUnloaded += n;
      this.credit -= n;
      if (this.dockUnits[k] === 0) this.dockFirst++;
    }
    // A full buffer does not bank unloading time.
    if (this.bufferUnits >= this.capacity) this.credit = Math.min(this.credit, 1);
    if (this.bufferUnits > this.peakBufferUnits) this.peakBufferUnits = this.bufferUnits;
  }

  /** Units still on trucks and in the buffer, recounted (for the books). */
  recount(): number {
    let n = 0;
    for (let k = this.dockFirst; k < this.dockEnd; k++) n += this.dockUnits[k];
    for (let s = 0; s < this.buffer.length; s++) n += this.buffer[s];
    return n;
  }

  private compact(): void {
    const live = this.dockEnd - this.dockFirst;
    if (live * 2 > this.dockSku.length) {
      this.dockSku = grown(this.dockSku, this.dockSku.length * 2);
      this.dockUnits = grown(this.dockUnits, this.dockUnits.length * 2);
    }
    this.dockSku.copyWithin(0, this.dockFirst, this.dockEnd);
    this.dockUnits.copyWithin(0, this.dockFirst, this.dockEnd);
    this.dockFirst = 0;
    this.dockEnd = live;
  }
}

/**
 * `units` units drawn from the demand mix (the SKUs' popularity), one draw
 * per unit from the seeded `inbound` stream, counted into `out` by SKU
 * (cleared first). SKUs held in no pod are drawn again.
 */
export function drawFromMix(w: World, rng: Rng, units: number, out: Float64Array): void {
  out.fill(0);
  const cdf = w.skuCdf;
  const pods = w.pods;
  let placed = 0;
  let tries = 0;
  while (placed < units && tries < units * 20) {
    tries++;
    const sku = cdfIndex(cdf, rng.next());
    if (pods.podStart[sku + 1] === pods.podStart[sku]) continue;
    out[sku]++;
    placed++;
  }
}
