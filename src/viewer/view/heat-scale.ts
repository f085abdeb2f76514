/** The congestion overlay's log colour scale, for its legend (pure: no drawing here). */

/**
 * Position (0..1) of `v` on the congestion overlay's log scale, whose top is
 * `max`: the inverse of what the heat layer draws.
 */
export function heatAt(v: number, max: number): number {
  return max > 0 && v > 0 ? Math.log1p(v) / Math.log1p(max) : 0;
}

/** The value at position `t` (0..1) of a log scale topped by `max`. */
export function heatValue(t: number, max: number): number {
  return Math.expm1(t * Math.log1p(max));
}

/** Seconds, short: "0", "4.5", "38", "1,200". */
function secs(x: number): string {
  return x <= 0 ? '0' : x < 10 ? x.toFixed(1) : Math.round(x).toLocaleString('en');
}

/** The heat scale's labels for a map whose largest cell holds `maxTicks` ticks: bottom, middle and top in seconds. */
export function heatLabels(maxTicks: number, tickSeconds: number): [string, string, string] {
  return [secs(0), secs(heatValue(0.5, maxTicks) * tickSeconds), secs(maxTicks * tickSeconds)];
}
