import { cdfIndex, shuffleInPlace, type Rng } from '../core/rng.js';

/**
 * SKU families: groups of SKUs that are often ordered together. SKUs are
 * dealt into families of `size` by a seeded permutation (its own random
 * stream, so demand draws are untouched). With `demand.affinity` a line after
 * an order's first is drawn, with that probability, from the first line's
 * family, by popularity within the family.
 */
export interface SkuFamilies {
  readonly size: number;
  readonly count: number;
  /** Family of each SKU. */
  readonly of: Int32Array;
  /** Members of family f: `members[start[f] .. start[f + 1])`, most popular first. */
  readonly start: Int32Array;
  readonly members: Int32Array;
  /** Cumulative popularity within each family (the last member of a family is 1). */
  readonly cdf: Float64Array;
}

/** Builds the families; `popularity[s]` is SKU s's share of demand. */
export function buildFamilies(skuCount: number, size: number, popularity: ArrayLike<number>, rng: Rng): SkuFamilies {
  const perm = new Int32Array(skuCount);
  for (let k = 0; k < skuCount; k++) perm[k] = k;
  shuffleInPlace(rng, perm);
  const count = Math.ceil(skuCount / size);
  const of = new Int32Array(skuCount);
  const start = new Int32Array(count + 1);
  const members = new Int32Array(skuCount);
  const cdf = new Float64Array(skuCount);
  for (let f = 0; f < count; f++) {
    const a = f * size;
    const b = Math.min(skuCount, a + size);
    start[f] = a;
    const m = Array.from(perm.subarray(a, b)).sort((x, y) => popularity[y] - popularity[x] || x - y);
    let total = 0;
    for (const s of m) total += popularity[s];
    let acc = 0;
    m.forEach((s, j) => {
      of[s] = f;
      members[a + j] = s;
      acc += popularity[s];
      cdf[a + j] = total > 0 ? acc / total : (j + 1) / m.length;
    });
    cdf[b - 1] = 1;
  }
  start[count] = skuCount;
  return { size, count, of, start, members, cdf };
}

/** Draws a SKU of family f by popularity within the family (one draw from `rng`). */
export function sampleFromFamily(fam: SkuFamilies, f: number, rng: Rng): number {
  return fam.members[cdfIndex(fam.cdf, rng.next(), fam.start[f], fam.start[f + 1] - 1)];
}
