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

const two = (n: number) => String(n).padStart(2, '0');

/**
 * Site clock time `seconds` into a run that started `startOfDay` seconds
 * after midnight: "08:13:15", and "day 2 06:00:00" once past midnight.
 */
export function siteTime(startOfDay: number, seconds: number): string {
  const t = Math.max(0, Math.floor(startOfDay + seconds));
  const day = Math.floor(t / 86400);
  const s = t % 86400;
  const hms = `${two(Math.floor(s / 3600))}:${two(Math.floor((s % 3600) / 60))}:${two(s % 60)}`;
  return day > 0 ? `day ${day + 1} ${hms}` : hms;
}

/** A duration as "h:mm:ss" (hours not wrapped at 24): compact, for the toolbar. */
export function hms(seconds: number): string {
  const s = Math.max(0, Math.floor(seconds));
  return `${Math.floor(s / 3600)}:${two(Math.floor((s % 3600) / 60))}:${two(s % 60)}`;
}

/** The toolbar clock's second line: elapsed of total simulated time, the tick and the run's seed. */
export function runLine(time: number, total: number, tick: number, seed: number | string | null): string {
  const seedPart = seed === null ? '' : ` · seed ${seed}`;
  return `${hms(time)} / ${hms(total)} · tick ${tick}${seedPart}`;
}
