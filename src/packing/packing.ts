import { rngStream } from '../core/rng.js';
import type { OrderBook } from '../orders/books.js';
import type { Contents } from './cartons.js';
import { drawItemDims } from './item-dims.js';
import type { ToteSink } from '../outbound/network.js';
import { PackStation, type PackStationSpec, type ToteContents } from './pack-station.js';
import type { ToteBook } from '../orders/totes.js';
import { grown } from '../core/grow.js';

/** Packing of a site: SKU sizes and the pack stations. */
export interface PackingConfig {
  /** Median sides of a unit, cm, longest first. */
  itemMedianCm: [number, number, number];
  /** Log-spread of each side around its median. */
  itemSpread: number;
  stations: PackStationSpec[];
}

/**
 * Packing of a site: the SKU sizes, what each tote holds (recorded as its
 * lines are picked), and the pack stations in front of the pick points'
 * outfeeds.
 */
export class Packing implements ToteContents {
  readonly stations: PackStation[];
  /** Sides of one unit per SKU, cm, longest first (see drawItemDims). */
  readonly dims: Float64Array;
  // What each tote slot holds, for the order it holds it for.
  private contentOrder: Int32Array;
  private maxL: Float64Array;
  private maxW: Float64Array;
  private maxH: Float64Array;
  private volume: Float64Array;
  /** Per order slot: 1 + the id of the order whose first parcel was counted, so each order counts once. */
  private packedOrder: Int32Array;
  private readonly scratch: Contents = { maxL: 0, maxW: 0, maxH: 0, volume: 0 };

  constructor(
    readonly config: PackingConfig,
    private readonly books: OrderBook,
    private readonly totes: ToteBook,
    skuCount: number,
    seed: number | string,
  ) {
    this.dims = drawItemDims(rngStream(seed, 'sku-dims'), skuCount, config.itemMedianCm, config.itemSpread);
    this.stations = config.stations.map((s) => new PackStation(s, this, seed));
    const n = totes.order.length;
    this.contentOrder = new Int32Array(n).fill(-1);
    this.maxL = new Float64Array(n);
    this.maxW = new Float64Array(n);
    this.maxH = new Float64Array(n);
    this.volume = new Float64Array(n);
    this.packedOrder = new Int32Array(books.items.length);
  }

  /** Line l is being picked into its tote: the tote now holds its units. */
  addLine(l: number): void {
    const { books, totes } = this;
    const t = books.lineTote[l];
    if (t < 0) return;
    if (t >= this.contentOrder.length) this.grow(totes.order.length);
    const id = books.orderId[books.lineOrder[l]];
    if (this.contentOrder[t] !== id) {
      // The slot held another order's tote before: start afresh.
      this.contentOrder[t] = id;
      this.maxL[t] = this.maxW[t] = this.maxH[t] = this.volume[t] = 0;
    }
    const d = 3 * books.lineSku[l];
    const a = this.dims[d];
    const b = this.dims[d + 1];
    const c = this.dims[d + 2];
    const qty = books.lineQty[l];
    if (a > this.maxL[t]) this.maxL[t] = a;
    if (b > this.maxW[t]) this.maxW[t] = b;
    if (c > this.maxH[t]) this.maxH[t] = c;
    this.volume[t] += qty * a * b * c;
  }

  /** What tote t holds (a scratch object, valid until the next call). */
  contentsOf(t: number): Contents {
    const x = this.scratch;
    const known = t < this.contentOrder.length && this.contentOrder[t] === this.books.orderId[this.totes.order[t]];
    x.maxL = known ? this.maxL[t] : 0;
    x.maxW = known ? this.maxW[t] : 0;
    x.maxH = known ? this.maxH[t] : 0;
    x.volume = known ? this.volume[t] : 0;
    return x;
  }

  /** Units in tote t. */
  itemsOf(t: number): number {
    return this.totes.items[t];
  }

  /** Whether tote t is the first parcel packed for its order (so orders are counted once). */
  firstParcelOfOrder(t: number): boolean {
    const o = this.totes.order[t];
    if (o >= this.packedOrder.length) this.packedOrder = grown(this.packedOrder, this.books.items.length);
    const id1 = this.books.orderId[o] + 1;
    if (this.packedOrder[o] === id1) return false;
    this.packedOrder[o] = id1;
    return true;
  }

  /**
   * Puts each pack station in front of the outfeeds of the pick points it
   * packs for: `stationOut[s]` and `zoneOut[z]` become its infeeds, and its
   * parcels leave into what they were.
   */
  wrap(stationOut: ToteSink[], zoneOut: ToteSink[]): void {
    for (const st of this.stations) {
      for (const s of st.spec.stations) stationOut[s] = st.connect(stationOut[s]);
      for (const z of st.spec.zones) zoneOut[z] = st.connect(zoneOut[z]);
    }
  }

  /** Equipment stage: every pack station works one tick. */
  step(tick: number): void {
    for (let k = 0; k < this.stations.length; k++) this.stations[k].step(tick);
  }

  /** Totes at pack stations (for the conservation check). */
  totesHeld(): number {
    let n = 0;
    for (const s of this.stations) n += s.totesHeld();
    return n;
  }

  private grow(size: number): void {
    this.contentOrder = grown(this.contentOrder, size, -1);
    this.maxL = grown(this.maxL, size);
    this.maxW = grown(this.maxW, size);
    this.maxH = grown(this.maxH, size);
    this.volume = grown(this.volume, size);
  }
}
