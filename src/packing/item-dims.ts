import { randNormal, type Rng } from '../core/rng.js';

/** Smallest and largest side an item may get, cm: keeps a long lognormal tail from making a 10-metre item. */
const MIN_SIDE_CM = 0.5;
const MAX_SIDE_CM = 150;

/**
 * Sides of one unit of every SKU in cm, three per SKU, longest first
 * (`out[3 * sku]`, `out[3 * sku + 1]`, `out[3 * sku + 2]`). Each side is
 * lognormal around its median, `median * exp(spread * N(0, 1))`, rounded to
 * millimetres. Drawn once per run from a stream of their own, so packing
 * settings never change demand or picking.
 */
export function drawItemDims(rng: Rng, skuCount: number, medianCm: readonly [number, number, number], spread: number): Float64Array {
  const out = new Float64Array(3 * skuCount);
  for (let k = 0; k < skuCount; k++) {
    let a = side(rng, medianCm[0], spread);
    let b = side(rng, medianCm[1], spread);
    let c = side(rng, medianCm[2], spread);
    // Sort the three sides longest first without allocating.
    if (b > a) [a, b] = [b, a];
    if (c > b) [b, c] = [c, b];
    if (b > a) [a, b] = [b, a];
    out[3 * k] = a;
    out[3 * k + 1] = b;
    out[3 * k + 2] = c;
  }
  return out;
}

function side(rng: Rng, median: number, spread: number): number {
  const x = median * Math.exp(spread * randNormal(rng));
  return Math.round(Math.min(MAX_SIDE_CM, Math.max(MIN_SIDE_CM, x)) * 10) / 10;
}
