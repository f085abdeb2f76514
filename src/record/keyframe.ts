/**
 * Keyframes: the first frame of every recording chunk also carries what the
 * viewer has built from all the frames before it (the congestion heat map
 * and the KPI series), so a seek decodes one chunk, restores the keyframe
 * and plays on from there, and the charts and the heat map after the seek
 * are those of the whole run up to that tick.
 *
 * Keyframe sections are appended after a frame's own sections; readers that
 * do not know them skip them (see frame-codec.ts).
 */
import { z } from 'zod';
import { FRAME_HEADER_BYTES, type DecodedFrame, type SectionArray } from './frame-codec.js';
import { HeatMap } from './heat.js';
import { KpiSeries, type KpiSnapshot } from './kpi-series.js';
import type { LayoutInfo } from './layout-info.js';

/** Section ids of keyframes, clear of the ids frames use for equipment (13-) and what may come next. */
export const enum KeySection {
  /** i32: cells whose heat is not 0. */
  HeatCell = 64,
  /** f32: the heat (ticks waited) of each of those cells. */
  HeatWait = 65,
  /** u8: UTF-8 JSON of the KPI series' state ({@link KpiSnapshot}). */
  Kpi = 66,
}

/** Largest KPI JSON accepted in a keyframe: 240 points and MAX_CYCLES cycle times fit with room to spare. */
const MAX_KPI_JSON = 1024 * 1024;
/** Cycle times of the current interval a keyframe keeps; more are thinned evenly (they only feed percentiles). */
const MAX_CYCLES = 20_000;

/** Whether heat counts a turn in place as waiting: not in League of Robot Runners runs, where a turn is a step's action. */
export function turnsAreMoves(layout: LayoutInfo): boolean {
  return layout.lorr !== undefined;
}

/**
 * What a keyframe restores, built the same way by the recorder (from every
 * frame) and by the viewer (from the frames it plays on from a keyframe).
 */
export class ViewState {
  readonly heat: HeatMap;
  readonly kpi: KpiSeries;
  private readonly headings: boolean;

  constructor(readonly layout: LayoutInfo) {
    this.heat = new HeatMap(layout.width * layout.height, layout.robots);
    this.kpi = new KpiSeries(layout.tickSeconds, layout.ticks);
    this.headings = turnsAreMoves(layout);
  }

  /** Counts one frame in. */
  add(f: DecodedFrame): void {
    this.heat.update(f.cell, f.state, f.robotCount, this.headings ? f.heading : undefined);
    this.kpi.add(f);
  }

  /** Takes over a keyframe's state (the keyframe's own frame is `f`). */
  restore(f: DecodedFrame, key: Keyframe): void {
    this.heat.restore(key.wait, f.cell, f.robotCount, this.headings ? f.heading : undefined);
    this.kpi.restore(key.kpi);
  }

  reset(): void {
    this.heat.reset();
    this.kpi.reset();
  }

  /** The keyframe sections for the state as it is now. */
  sections(): [number, SectionArray][] {
    const w = this.heat.wait;
    let n = 0;
    for (let c = 0; c < w.length; c++) if (w[c] !== 0) n++;
    const cells = new Int32Array(n);
    const waits = new Float32Array(n);
    let k = 0;
    for (let c = 0; c < w.length; c++) {
      if (w[c] === 0) continue;
      cells[k] = c;
      waits[k++] = w[c];
    }
    return [
      [KeySection.HeatCell, cells],
      [KeySection.HeatWait, waits],
      [KeySection.Kpi, new TextEncoder().encode(JSON.stringify(thinned(this.kpi.snapshot())))],
    ];
  }
}

/** A snapshot whose cycle times fit a keyframe: an even sample of them, sorted, when there are too many. */
function thinned(s: KpiSnapshot): KpiSnapshot {
  if (s.cycles.length <= MAX_CYCLES) return s;
  const sorted = s.cycles.slice().sort((a, b) => a - b);
  const step = sorted.length / MAX_CYCLES;
  return { ...s, cycles: Array.from({ length: MAX_CYCLES }, (_, k) => sorted[Math.floor(k * step)]) };
}

const pad4 = (n: number) => (n + 3) & ~3;

function elemType(a: SectionArray): number {
  if (a instanceof Int32Array) return 1;
  if (a instanceof Uint32Array) return 2;
  if (a instanceof Uint16Array) return 3;
  if (a instanceof Float32Array) return 5;
  return 4;
}

/** An encoded frame with more sections appended (its section count raised to match). */
export function appendSections(frame: Uint8Array, sections: readonly (readonly [number, SectionArray])[]): Uint8Array {
  let size = frame.byteLength;
  for (const [, a] of sections) size += 8 + pad4(a.byteLength);
  const out = new Uint8Array(size);
  out.set(frame);
  const dv = new DataView(out.buffer);
  dv.setUint16(6, dv.getUint16(6, true) + sections.length, true);
  let at = frame.byteLength;
  for (const [id, a] of sections) {
    dv.setUint16(at, id, true);
    dv.setUint8(at + 2, elemType(a));
    dv.setUint32(at + 4, a.length, true);
    out.set(new Uint8Array(a.buffer, a.byteOffset, a.byteLength), at + 8);
    at += 8 + pad4(a.byteLength);
  }
  return out;
}

/** A keyframe's contents, checked. */
export interface Keyframe {
  /** Heat per cell (dense). */
  wait: Float32Array;
  kpi: KpiSnapshot;
}

const Num = z.number();
const Point = z.object({ t: Num, throughput: Num, backlog: Num, utilisation: Num, p50: z.number().or(z.null()), p95: z.number().or(z.null()) });
const Snapshot = z.object({
  points: z.array(Point).max(10_000),
  start: z.number().int(),
  doneAtStart: Num,
  utilSum: Num,
  utilFrames: z.number().int().nonnegative(),
  cycles: z.array(Num).max(MAX_CYCLES),
  lastTick: z.number().int(),
  backlog: Num,
  utilisation: Num,
});

/**
 * The keyframe a decoded frame carries, or null if it carries none. A
 * keyframe that does not fit the floor or whose KPI state is malformed is
 * an error (a one-line message), as any damaged part of a recording.
 */
export function readKeyframe(f: DecodedFrame, cells: number): Keyframe | null {
  const hc = f.sections.get(KeySection.HeatCell);
  const hw = f.sections.get(KeySection.HeatWait);
  const kj = f.sections.get(KeySection.Kpi);
  if (!hc && !hw && !kj) return null;
  if (!(hc instanceof Int32Array) || !(hw instanceof Float32Array) || !(kj instanceof Uint8Array)) throw new Error('its keyframe lacks a section or has one of the wrong type');
  if (hc.length !== hw.length) throw new Error(`its keyframe has ${hc.length} heat cells for ${hw.length} values`);
  if (kj.length > MAX_KPI_JSON) throw new Error(`its keyframe's KPI state is ${kj.length} bytes; at most ${MAX_KPI_JSON}`);
  const wait = new Float32Array(cells);
  for (let k = 0; k < hc.length; k++) {
    const c = hc[k];
    const v = hw[k];
    if (c < 0 || c >= cells) throw new Error(`its keyframe's heat names cell ${c}, outside the floor`);
    if (!(v >= 0 && v < 1e12)) throw new Error(`its keyframe's heat at cell ${c} is ${v}`);
    wait[c] = v;
  }
  let json: unknown;
  try {
    json = JSON.parse(new TextDecoder().decode(kj));
  } catch {
    throw new Error("its keyframe's KPI state is not valid JSON");
  }
  const parsed = Snapshot.safeParse(json);
  if (!parsed.success) throw new Error("its keyframe's KPI state is not a KPI series");
  // JSON writes NaN percentiles (an interval without orders) as null.
  const kpi = parsed.data as KpiSnapshot;
  for (const p of kpi.points) {
    p.p50 ??= NaN;
    p.p95 ??= NaN;
  }
  return { wait, kpi };
}

/** Bytes a keyframe may add to a frame: its heat (8 bytes a cell) and its KPI JSON. */
export function maxKeyframeBytes(cells: number): number {
  return 3 * 8 + cells * 8 + MAX_KPI_JSON + FRAME_HEADER_BYTES;
}
