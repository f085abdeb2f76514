import seedrandom from 'seedrandom';

/**
 * A seeded random stream. Every consumer of randomness (demand, slotting,
 * picking times, planner tie-breaks, ...) gets its own stream derived from the
 * scenario seed and a stream name, so adding a robot never reshuffles demand.
 */
export interface Rng {
  /** Uniform in [0, 1). */
  next(): number;
}

/** Creates the named stream for a scenario seed (alea: fast and identical in every JS engine). */
export function rngStream(seed: number | string, name: string): Rng {
  const prng = seedrandom.alea(`${seed}/${name}`);
  return { next: () => prng() };
}

/** Integer uniform in [lo, hi] inclusive. */
export function randInt(rng: Rng, lo: number, hi: number): number {
  return lo + Math.floor(rng.next() * (hi - lo + 1));
}

/** Exponential with the given mean. */
export function randExp(rng: Rng, mean: number): number {
  return -Math.log(1 - rng.next()) * mean;
}

/** Standard normal by Box-Muller (one value per call keeps the stream position simple to reason about). */
export function randNormal(rng: Rng): number {
  const u = 1 - rng.next();
  const v = rng.next();
  return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * v);
}

/**
 * Poisson count with mean `lambda`. Knuth's product method for small means,
 * a rounded normal approximation for large ones (per-tick arrival means are
 * almost always < 30, where the exact method is used).
 */
export function randPoisson(rng: Rng, lambda: number): number {
  if (lambda <= 0) return 0;
  if (lambda < 30) {
    const limit = Math.exp(-lambda);
    let k = 0;
    let p = rng.next();
    while (p > limit) {
      k++;
      p *= rng.next();
    }
    return k;
  }
  return Math.max(0, Math.round(lambda + Math.sqrt(lambda) * randNormal(rng)));
}

/** Fisher-Yates shuffle in place. */
export function shuffleInPlace<T>(rng: Rng, a: T[] | Int32Array): void {
  for (let i = a.length - 1; i > 0; i--) {
    const j = Math.floor(rng.next() * (i + 1));
    const t = a[i];
    a[i] = a[j];
    a[j] = t;
  }
}

/**
 * The first index k in [lo, hi] with cdf[k] >= u (hi when none): the entry a
 * uniform draw `u` picks from a cumulative distribution, by binary search.
 */
export function cdfIndex(cdf: ArrayLike<number>, u: number, lo = 0, hi = cdf.length - 1): number {
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (cdf[mid] < u) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}
