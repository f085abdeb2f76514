/**
 * Recordings (`wsim run --record FILE`): the layout once, then one frame per
 * tick from tick 0, in independently compressed chunks so a reader can jump
 * to any tick by inflating one chunk.
 *
 * ```
 * 8 bytes   'WSIMREC' then 0x01 (format version)
 * u32       header length H, then H bytes of JSON: { "layout": LayoutInfo, "chunkFrames": K }
 * chunks, each
 *   u32 compressed length L, u32 first tick, u32 frame count
 *   L bytes: gzip of the chunk's frames, each `u32 length` then its bytes; the
 *   first frame of a chunk as is, every later one XORed byte by byte with the
 *   frame before it (over the shorter of the two lengths)
 * ```
 *
 * Robot positions change little from one tick to the next, so the XOR leaves
 * mostly zero bytes and gzip shrinks them well. A file cut short (a killed
 * run) still reads up to its last whole chunk. All integers little-endian.
 */
import { FrameFormatError } from './frame-codec.js';
import type { LayoutInfo } from './layout-info.js';

export const RECORDING_MAGIC = new Uint8Array([0x57, 0x53, 0x49, 0x4d, 0x52, 0x45, 0x43, 0x01]); // 'WSIMREC' 1
export const DEFAULT_CHUNK_FRAMES = 64;

export interface RecordingHeader {
  layout: LayoutInfo;
  chunkFrames: number;
}

/** Compresses or inflates bytes: gzip, from node:zlib or the browser's (De)CompressionStream. */
export type Codec = (bytes: Uint8Array) => Uint8Array | Promise<Uint8Array>;

/** True when the bytes start like a recording. */
export function isRecording(bytes: Uint8Array): boolean {
  if (bytes.byteLength < RECORDING_MAGIC.length) return false;
  for (let k = 0; k < RECORDING_MAGIC.length; k++) if (bytes[k] !== RECORDING_MAGIC[k]) return false;
  return true;
}

/** The file's start: magic and header. */
export function encodeRecordingHeader(h: RecordingHeader): Uint8Array {
  const json = new TextEncoder().encode(JSON.stringify(h));
  const out = new Uint8Array(RECORDING_MAGIC.length + 4 + json.length);
  out.set(RECORDING_MAGIC, 0);
  new DataView(out.buffer).setUint32(RECORDING_MAGIC.length, json.length, true);
  out.set(json, RECORDING_MAGIC.length + 4);
  return out;
}

/** The 12-byte header in front of a chunk's compressed bytes. */
export function encodeChunkHeader(compressedBytes: number, firstTick: number, frames: number): Uint8Array {
  const out = new Uint8Array(12);
  const dv = new DataView(out.buffer);
  dv.setUint32(0, compressedBytes, true);
  dv.setUint32(4, firstTick, true);
  dv.setUint32(8, frames, true);
  return out;
}

/**
 * Collects frames into a chunk's uncompressed payload, XORing each with the
 * one before. `add` returns the finished payload when the chunk is full.
 */
export class ChunkBuilder {
  private parts: Uint8Array[] = [];
  private prev: Uint8Array | null = null;
  private bytes = 0;
  firstTick = -1;
  frames = 0;

  constructor(readonly chunkFrames = DEFAULT_CHUNK_FRAMES) {}

  add(tick: number, frame: Uint8Array): Uint8Array | null {
    if (this.frames === 0) this.firstTick = tick;
    const stored = frame.slice();
    if (this.prev) {
      const n = Math.min(stored.length, this.prev.length);
      for (let k = 0; k < n; k++) stored[k] ^= this.prev[k];
    }
    const len = new Uint8Array(4);
    new DataView(len.buffer).setUint32(0, stored.length, true);
    this.parts.push(len, stored);
    this.bytes += 4 + stored.length;
    this.prev = frame;
    this.frames++;
    return this.frames === this.chunkFrames ? this.take() : null;
  }

  /** The payload so far (for the last, partial chunk), or null when empty. */
  take(): Uint8Array | null {
    if (this.frames === 0) return null;
    const out = new Uint8Array(this.bytes);
    let at = 0;
    for (const p of this.parts) {
      out.set(p, at);
      at += p.length;
    }
    this.parts = [];
    this.prev = null;
    this.bytes = 0;
    this.frames = 0;
    return out;
  }
}

interface ChunkEntry {
  offset: number;
  length: number;
  firstTick: number;
  frames: number;
}

/**
 * Reads a recording held in memory: parses the header and the chunk table up
 * front, inflates chunks on demand and keeps the chunk last read, so playing
 * forward costs one XOR per frame and a jump costs at most one chunk.
 */
export class RecordingReader {
  readonly header: RecordingHeader;
  private readonly chunks: ChunkEntry[] = [];
  /** Chunk currently inflated, its payload, and the last frame rebuilt in it. */
  private cur: { chunk: number; payload: Uint8Array; index: number; at: number; frame: Uint8Array } | null = null;

  constructor(
    private readonly bytes: Uint8Array,
    private readonly inflate: Codec,
  ) {
    if (!isRecording(bytes)) throw new FrameFormatError('not a wsim recording (bad magic)');
    const dv = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
    const hlen = dv.getUint32(RECORDING_MAGIC.length, true);
    let at = RECORDING_MAGIC.length + 4;
    if (at + hlen > bytes.byteLength) throw new FrameFormatError('recording truncated in its header');
    try {
      this.header = JSON.parse(new TextDecoder().decode(bytes.subarray(at, at + hlen))) as RecordingHeader;
    } catch {
      throw new FrameFormatError('recording header is not valid JSON');
    }
    if (!this.header.layout || !Array.isArray(this.header.layout.rows)) throw new FrameFormatError('recording header has no layout');
    at += hlen;
    while (at + 12 <= bytes.byteLength) {
      const length = dv.getUint32(at, true);
      const firstTick = dv.getUint32(at + 4, true);
      const frames = dv.getUint32(at + 8, true);
      if (at + 12 + length > bytes.byteLength) break; // cut short: keep the whole chunks
      this.chunks.push({ offset: at + 12, length, firstTick, frames });
      at += 12 + length;
    }
    if (this.chunks.length === 0) throw new FrameFormatError('recording has no frames');
  }

  get layout(): LayoutInfo {
    return this.header.layout;
  }

  /** First and last tick recorded. */
  get firstTick(): number {
    return this.chunks[0].firstTick;
  }

  get lastTick(): number {
    const c = this.chunks[this.chunks.length - 1];
    return c.firstTick + c.frames - 1;
  }

  /** The frame of `tick` (clamped to the recorded range), as encoded bytes. */
  async frameAt(tick: number): Promise<Uint8Array> {
    const t = Math.max(this.firstTick, Math.min(this.lastTick, Math.floor(tick)));
    const k = this.chunkOf(t);
    const entry = this.chunks[k];
    const index = t - entry.firstTick;
    let cur = this.cur;
    if (!cur || cur.chunk !== k || cur.index > index) {
      const payload = await this.inflate(this.bytes.subarray(entry.offset, entry.offset + entry.length));
      cur = { chunk: k, payload, index: -1, at: 0, frame: new Uint8Array(0) };
    }
    const dv = new DataView(cur.payload.buffer, cur.payload.byteOffset, cur.payload.byteLength);
    while (cur.index < index) {
      if (cur.at + 4 > cur.payload.byteLength) throw new FrameFormatError(`recording chunk at tick ${entry.firstTick} is truncated`);
      const len = dv.getUint32(cur.at, true);
      const stored = cur.payload.subarray(cur.at + 4, cur.at + 4 + len);
      const frame = stored.slice();
      if (cur.index >= 0) {
        const n = Math.min(len, cur.frame.length);
        for (let j = 0; j < n; j++) frame[j] ^= cur.frame[j];
      }
      cur.frame = frame;
      cur.at += 4 + len;
      cur.index++;
    }
    this.cur = cur;
    return cur.frame.slice();
  }

  private chunkOf(tick: number): number {
    let lo = 0;
    let hi = this.chunks.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (this.chunks[mid].firstTick <= tick) lo = mid;
      else hi = mid - 1;
    }
    return lo;
  }
}
