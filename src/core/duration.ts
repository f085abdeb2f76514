/**
 * Durations in scenario files are seconds, either a number or a string such
 * as "8h", "90m", "45s", "1h30m" or "1.5h". Parsed once at load time.
 */
const UNIT: Record<string, number> = { h: 3600, m: 60, s: 1 };
const PART = /(\d+(?:\.\d+)?)\s*([hms])/g;
const WHOLE = /^\s*(?:\d+(?:\.\d+)?\s*[hms]\s*)+$/;

/** Returns seconds, or null when the text is not a duration. */
export function parseDuration(value: number | string): number | null {
  if (typeof value === 'number') return Number.isFinite(value) && value >= 0 ? value : null;
  const text = value.trim();
  if (/^\d+(\.\d+)?$/.test(text)) return Number(text);
  if (!WHOLE.test(text)) return null;
  let total = 0;
  for (const m of text.matchAll(PART)) total += Number(m[1]) * UNIT[m[2]];
  return total;
}

/** Formats seconds as "1h 02m 03s" for people. */
export function formatDuration(seconds: number): string {
  const s = Math.round(seconds);
  const h = Math.floor(s / 3600);
  const m = Math.floor((s % 3600) / 60);
  const r = s % 60;
  if (h > 0) return `${h}h ${String(m).padStart(2, '0')}m ${String(r).padStart(2, '0')}s`;
  if (m > 0) return `${m}m ${String(r).padStart(2, '0')}s`;
  return `${r}s`;
}

const TIME_OF_DAY = /^([01]?\d|2[0-3]):([0-5]\d)(?::([0-5]\d))?$/;

/** Seconds after midnight for "HH:MM" or "HH:MM:SS" (24-hour clock), or null. */
export function parseTimeOfDay(value: string): number | null {
  const m = TIME_OF_DAY.exec(value.trim());
  if (!m) return null;
  return Number(m[1]) * 3600 + Number(m[2]) * 60 + (m[3] ? Number(m[3]) : 0);
}
