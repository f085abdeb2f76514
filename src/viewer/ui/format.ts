/** Seconds as "1h 02m", "3m 05s" or "12s": the clock and cycle times. */
export function clock(seconds: number): string {
  const s = Math.max(0, Math.round(seconds));
  const h = Math.floor(s / 3600);
  const m = Math.floor((s % 3600) / 60);
  const r = s % 60;
  if (h > 0) return `${h}h ${String(m).padStart(2, '0')}m ${String(r).padStart(2, '0')}s`;
  if (m > 0) return `${m}m ${String(r).padStart(2, '0')}s`;
  return `${r}s`;
}

export const pct = (x: number) => (Number.isFinite(x) ? `${Math.round(x * 100)}%` : '–');

export const num = (x: number) => (Number.isFinite(x) ? (x >= 100 ? Math.round(x).toLocaleString('en') : x.toFixed(1)) : '–');

/** A cell as "r12 c5". */
export function rc(cell: number, width: number): string {
  if (cell < 0) return '–';
  return `r${Math.floor(cell / width)} c${cell % width}`;
}
