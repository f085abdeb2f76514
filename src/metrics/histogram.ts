import { grown } from '../core/grow.js';

/**
 * Exact histogram of non-negative integers (cycle times in ticks). Memory grows
 * with the largest value seen, not with the number of samples, so a long run
 * stays flat while percentiles stay exact.
 */
export class IntHistogram {
  private bins = new Float64Array(1024);
  count = 0;
  sum = 0;
  max = 0;

  add(v: number): void {
    const x = Math.max(0, Math.round(v));
    if (x >= this.bins.length) {
      let size = this.bins.length;
      while (size <= x) size *= 2;
      this.bins = grown(this.bins, size);
    }
    this.bins[x]++;
    this.count++;
    this.sum += x;
    if (x > this.max) this.max = x;
  }

  mean(): number {
    return this.count === 0 ? 0 : this.sum / this.count;
  }

  /** Nearest-rank percentile (q in (0, 1]): the smallest value with at least q of the samples at or below it. */
  percentile(q: number): number {
    if (this.count === 0) return 0;
    const rank = Math.max(1, Math.ceil(q * this.count));
    let seen = 0;
    for (let x = 0; x <= this.max; x++) {
      seen += this.bins[x];
      if (seen >= rank) return x;
    }
    return this.max;
  }

  /** Merges another histogram into this one. */
  merge(o: IntHistogram): void {
    for (let x = 0; x <= o.max; x++) if (o.bins[x] > 0) for (let k = 0; k < o.bins[x]; k++) this.add(x);
  }
}
