import { RobotState } from '../core/robots.js';
import { FrameFormatError } from './frame-codec.js';

/** True for the states in which a robot is driving somewhere (it has a goal and should be moving). */
export function isUnderway(state: number): boolean {
  return state === RobotState.ToPod || state === RobotState.ToStation || state === RobotState.ToStorage || state === RobotState.ToCharger;
}

/**
 * The congestion map the viewer overlays: per cell, the ticks a robot on its
 * way somewhere (to a pod, a station, storage or a charger) stayed in place.
 * Fed every tick from positions and states alone, so the worker, the server
 * and a recording's replay all build the same map.
 */
export class HeatMap {
  readonly wait: Float32Array;
  private prev: Int32Array;
  private prevHeading: Uint8Array;
  private primed = false;
  /** Largest value in `wait`. */
  max = 0;

  constructor(cells: number, robots: number) {
    this.wait = new Float32Array(cells);
    this.prev = new Int32Array(robots);
    this.prevHeading = new Uint8Array(robots);
  }

  /**
   * Records one tick; the first call only remembers where robots are. With
   * `heading` (League of Robot Runners runs, where a turn takes a step) a
   * robot that turned in place was busy turning, not waiting.
   */
  update(cell: Int32Array, state: Uint8Array, n: number, heading?: Uint8Array): void {
    if (this.primed) {
      const w = this.wait;
      for (let i = 0; i < n; i++) {
        const c = cell[i];
        if (c !== this.prev[i] || !isUnderway(state[i])) continue;
        if (heading && heading[i] !== this.prevHeading[i]) continue;
        const v = ++w[c];
        if (v > this.max) this.max = v;
      }
    }
    this.prev.set(cell.subarray(0, n));
    if (heading) this.prevHeading.set(heading.subarray(0, n));
    this.primed = true;
  }

  /**
   * Takes over a keyframe's map: `wait` as it was at the keyframe's tick,
   * and the robots' cells and headings there, so the next update counts on.
   */
  restore(wait: Float32Array, cell: Int32Array, n: number, heading?: Uint8Array): void {
    this.wait.set(wait.subarray(0, this.wait.length));
    let max = 0;
    for (let c = 0; c < this.wait.length; c++) if (this.wait[c] > max) max = this.wait[c];
    this.max = max;
    this.prev.set(cell.subarray(0, n));
    if (heading) this.prevHeading.set(heading.subarray(0, n));
    this.primed = true;
  }

  reset(): void {
    this.wait.fill(0);
    this.max = 0;
    this.primed = false;
  }
}

/** 'WSHT' read as a little-endian u32. */
export const HEAT_MAGIC = 0x54485357;

/**
 * Heat message: `u32 magic 'WSHT', u32 tick, u32 cells in the layout, u32 n`,
 * then `n` i32 cell ids and `n` f32 wait ticks (only cells that are not 0).
 */
export function encodeHeat(tick: number, wait: Float32Array): Uint8Array {
  let n = 0;
  for (let c = 0; c < wait.length; c++) if (wait[c] !== 0) n++;
  const out = new Uint8Array(16 + n * 8);
  const dv = new DataView(out.buffer);
  dv.setUint32(0, HEAT_MAGIC, true);
  dv.setUint32(4, tick, true);
  dv.setUint32(8, wait.length, true);
  dv.setUint32(12, n, true);
  const cells = new Int32Array(out.buffer, 16, n);
  const values = new Float32Array(out.buffer, 16 + n * 4, n);
  let k = 0;
  for (let c = 0; c < wait.length; c++) {
    if (wait[c] === 0) continue;
    cells[k] = c;
    values[k++] = wait[c];
  }
  return out;
}

export function isHeat(bytes: Uint8Array): boolean {
  return bytes.byteLength >= 16 && new DataView(bytes.buffer, bytes.byteOffset, 4).getUint32(0, true) === HEAT_MAGIC;
}

/** Decodes a heat message into a dense per-cell array. */
export function decodeHeat(bytes: Uint8Array): { tick: number; wait: Float32Array; max: number } {
  if (bytes.byteOffset % 4 !== 0) bytes = bytes.slice();
  const dv = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  if (!isHeat(bytes)) throw new FrameFormatError('not a wsim heat message');
  const cellsTotal = dv.getUint32(8, true);
  const n = dv.getUint32(12, true);
  if (16 + n * 8 > bytes.byteLength) throw new FrameFormatError('heat message truncated');
  const cells = new Int32Array(bytes.buffer, bytes.byteOffset + 16, n);
  const values = new Float32Array(bytes.buffer, bytes.byteOffset + 16 + n * 4, n);
  const wait = new Float32Array(cellsTotal);
  let max = 0;
  for (let k = 0; k < n; k++) {
    const c = cells[k];
    if (c < 0 || c >= cellsTotal) continue;
    wait[c] = values[k];
    if (values[k] > max) max = values[k];
  }
  return { tick: dv.getUint32(4, true), wait, max };
}
