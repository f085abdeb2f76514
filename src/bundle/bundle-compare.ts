import { decodeFrame } from '../record/frame-codec.js';
import type { RecordingReader } from '../record/recording.js';

/** Report keys that differ from run to run by design (measured on the wall clock). */
const WALL_CLOCK_KEYS = new Set(['wallSeconds']);

/** The first place two reports differ, as `path: bundle X, now Y`, or null when they are the same (wall-clock fields aside). */
export function reportDifference(a: unknown, b: unknown, path = ''): string | null {
  if (a === b) return null;
  const show = (v: unknown) => {
    const s = JSON.stringify(v);
    return s === undefined ? 'nothing' : s.length > 60 ? `${s.slice(0, 60)}...` : s;
  };
  if (typeof a !== 'object' || typeof b !== 'object' || a === null || b === null || Array.isArray(a) !== Array.isArray(b)) {
    if (typeof a === 'number' && typeof b === 'number' && Number.isNaN(a) && Number.isNaN(b)) return null;
    return `${path || '(the report)'}: bundle ${show(a)}, now ${show(b)}`;
  }
  const keys = new Set([...Object.keys(a), ...Object.keys(b)]);
  for (const k of keys) {
    if (path === '' && WALL_CLOCK_KEYS.has(k)) continue;
    const d = reportDifference((a as Record<string, unknown>)[k], (b as Record<string, unknown>)[k], Array.isArray(a) ? `${path}[${k}]` : path ? `${path}.${k}` : k);
    if (d) return d;
  }
  return null;
}

/**
 * The first tick at which two recordings differ, in words (which robot is
 * where), or null when every frame is byte for byte the same.
 */
export async function recordingDifference(a: RecordingReader, b: RecordingReader): Promise<string | null> {
  if (a.firstTick !== b.firstTick || a.lastTick !== b.lastTick) return `the recording covers ticks ${a.firstTick}-${a.lastTick} in the bundle, ${b.firstTick}-${b.lastTick} now`;
  for (let t = a.firstTick; t <= a.lastTick; t++) {
    const fa = await a.frameAt(t);
    const fb = await b.frameAt(t);
    if (fa.byteLength === fb.byteLength && fa.every((v, k) => v === fb[k])) continue;
    const da = decodeFrame(fa);
    const db = decodeFrame(fb);
    for (let i = 0; i < Math.min(da.robotCount, db.robotCount); i++) {
      if (da.cell[i] !== db.cell[i]) return `tick ${t}: robot ${i} is at cell ${db.cell[i]}, the bundle has it at cell ${da.cell[i]}`;
      if (da.state[i] !== db.state[i]) return `tick ${t}: robot ${i} is in state ${db.state[i]}, the bundle has state ${da.state[i]}`;
    }
    if (da.ordersCompleted !== db.ordersCompleted) return `tick ${t}: ${db.ordersCompleted} orders completed, the bundle has ${da.ordersCompleted}`;
    return `tick ${t}: the frames differ (robots agree; equipment, stations or events do not)`;
  }
  return null;
}
