/** Rounds a report figure to 4 decimals: stable text, no float noise in the last digits. */
export function r4(x: number): number {
  return Number.isFinite(x) ? Math.round(x * 1e4) / 1e4 : 0;
}

/** Sums per-robot, per-person or per-vehicle counters, in index order (so the float result is the same every run). */
export function sum(a: ArrayLike<number>): number {
  let s = 0;
  for (let k = 0; k < a.length; k++) s += a[k];
  return s;
}
