/**
 * Carton choice (cartonisation) and the packaging it uses. Pure functions on
 * centimetres, so a hand-worked case can be checked exactly.
 *
 * A parcel's contents are summarised by four numbers: the largest longest
 * side, largest middle side and largest shortest side over its items (each
 * item's sides sorted longest first) and the items' total volume. A carton
 * fits when every item fits in it on its own (an item with sides a >= b >= c
 * fits an inner box A >= B >= C exactly when a <= A, b <= B and c <= C, so
 * comparing the three maxima covers every item) and the items' volume is at
 * most `maxFill` of the carton's: the share of a box packers (or a machine)
 * can really fill, standing in for a full 3-D packing.
 */

/** A carton's inner size in cm, sides sorted longest first. */
export interface Carton {
  name: string;
  l: number;
  w: number;
  h: number;
}

/** What a parcel holds, as carton choice needs it (cm and cm³). */
export interface Contents {
  /** Largest longest side over the items. */
  maxL: number;
  /** Largest middle side. */
  maxW: number;
  /** Largest shortest side. */
  maxH: number;
  /** Total volume of the items. */
  volume: number;
}

/** Sorts three sides longest first (for cartons given in any order). */
export function sortedSides(a: number, b: number, c: number): [number, number, number] {
  const s = [a, b, c].sort((x, y) => y - x);
  return [s[0], s[1], s[2]];
}

export const cartonVolume = (c: Carton): number => c.l * c.w * c.h;

/** Whether `c` holds `x` under the fill limit (see the file comment). */
export function fits(c: Carton, x: Contents, maxFill: number): boolean {
  return x.maxL <= c.l && x.maxW <= c.w && x.maxH <= c.h && x.volume <= maxFill * cartonVolume(c);
}

/**
 * The first carton of `cartons` (ordered smallest volume first) that holds
 * `x`, or -1 when none does.
 */
export function chooseCarton(cartons: readonly Carton[], x: Contents, maxFill: number): number {
  for (let k = 0; k < cartons.length; k++) if (fits(cartons[k], x, maxFill)) return k;
  return -1;
}

/**
 * A box made to measure (right-sizing), written into `out` as [l, w, h] cm:
 * the largest item's footprint (longest and middle sides), and the height the
 * items' volume needs at the fill limit, at least the largest shortest side.
 * The height is rounded up to a whole centimetre, as box makers cut.
 */
export function rightSize(x: Contents, maxFill: number, out: Float64Array): Float64Array {
  const l = x.maxL;
  const w = x.maxW;
  out[0] = l;
  out[1] = w;
  out[2] = Math.max(Math.ceil(x.maxH - 1e-9), Math.ceil(x.volume / (maxFill * l * w) - 1e-9));
  return out;
}

/**
 * Corrugated board of a regular slotted carton (RSC) with inner sides l, w, h
 * cm, in m²: the blank is (2l + 2w) wide and (h + w) high (the top and bottom
 * flaps are each half the width). The glue flap and trim are left out.
 */
export function cardboardM2(l: number, w: number, h: number): number {
  return ((2 * l + 2 * w) * (h + w)) / 10_000;
}
