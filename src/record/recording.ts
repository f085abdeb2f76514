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
 *
 * What the format promises and the reader holds every file to: chunks follow
 * one another tick by tick from the layout's start tick, none holds more
 * than K frames, none inflates to more than K frames of its floor can take,
 * and every frame carries its own tick and the header's robot count.
 */
import { z } from 'zod';
import { flattenIssues, ScenarioError } from '../scenario/errors.js';
import { decodeFrame, FRAME_HEADER_BYTES, FRAME_MAGIC, FrameFormatError, frameProblem } from './frame-codec.js';
import { maxKeyframeBytes } from './keyframe.js';
import { FRAME_SECTION_TYPES, FRAME_SECTION_WIDTH, type LayoutInfo } from './layout-info.js';

export const RECORDING_MAGIC = new Uint8Array([0x57, 0x53, 0x49, 0x4d, 0x52, 0x45, 0x43, 0x01]); // 'WSIMREC' 1
export const DEFAULT_CHUNK_FRAMES = 64;

export interface RecordingHeader {
  layout: LayoutInfo;
  chunkFrames: number;
}

/**
 * Inflates one chunk: gzip, from node:zlib or the browser's
 * DecompressionStream. It must give up (throw) as soon as the output would
 * pass `maxBytes`, so a small chunk crafted to inflate to gigabytes costs at
 * most `maxBytes` of memory.
 */
export type Codec = (bytes: Uint8Array, maxBytes: number) => Uint8Array | Promise<Uint8Array>;

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

/**
 * A file that is not a readable recording, whatever is wrong with it: one
 * line, `FILE: not a wsim recording: WHAT`. A ScenarioError, so the CLI
 * reports it as any bad input file (exit 2, no stack trace). Without a file
 * name (the browser, which titles the message with it) the line starts at
 * "not a wsim recording".
 */
export class RecordingFormatError extends ScenarioError {
  constructor(
    file: string | undefined,
    readonly reason: string,
  ) {
    super(file ?? '', '', `not a wsim recording: ${reason}`);
    if (file === undefined) this.message = this.detail;
  }
}

/** Largest header accepted: a 4-million-cell floor's rows and pod homes fit with room to spare. */
export const MAX_HEADER_BYTES = 64 * 1024 * 1024;
/** Most frames in a chunk (the writer uses 64). */
export const MAX_CHUNK_FRAMES = 4096;
/** Largest floor, as the scenario loader allows. */
const MAX_CELLS = 4_000_000;
/** Most robots, people or vehicles, as the scenario loader allows. */
const MAX_MOVERS = 100_000;
/** Absolute cap on one chunk's inflated size, whatever its header claims. */
export const MAX_CHUNK_BYTES = 256 * 1024 * 1024;
/** Events a frame may carry beyond its per-robot share: ten times and more what the busiest shipped scenario shows. */
const EVENT_ALLOWANCE = 4096;
/** Most named frame sections a header may declare. */
const MAX_FRAME_SECTIONS = 256;
const pad4 = (n: number) => (n + 3) & ~3;

const Int = z.number().int();
const Cell = Int.nonnegative();
const Movers = Int.min(0).max(MAX_MOVERS);
const Equipment = z.looseObject({
  zones: z.array(z.looseObject({ depot: Cell, pickers: Movers })),
  conveyors: z.array(z.looseObject({ cells: z.array(Cell) })),
  sorters: z.array(z.looseObject({ cell: Cell, chutes: z.array(z.looseObject({ dock: Int.nonnegative() })) })),
  agvs: z.array(z.looseObject({ loop: z.array(Cell), vehicles: Movers })),
  docks: z.array(z.looseObject({ cell: Cell })),
  packStations: z.array(z.looseObject({ lanes: Int.nonnegative() })).optional(),
});
const HeaderSchema = z.object({
  chunkFrames: Int.min(1).max(MAX_CHUNK_FRAMES),
  layout: z.looseObject({
    scenario: z.string(),
    seed: z.union([z.number(), z.string()]),
    rows: z.array(z.string()),
    width: Int.min(1).max(MAX_CELLS),
    height: Int.min(1).max(MAX_CELLS),
    tickSeconds: z.number().positive(),
    ticks: Int.min(0).max(0xffffffff),
    robots: Movers,
    batteryCapacityWh: z.number().nonnegative(),
    stations: z.array(Cell),
    stationPickers: z.array(z.string()).optional(),
    chargers: z.array(Cell),
    podHomes: z.array(Cell),
    startTick: Int.min(0).max(0xffffffff),
    equipment: Equipment,
    frameSections: z
      .array(z.looseObject({ name: z.string().min(1).max(255), type: z.enum(FRAME_SECTION_TYPES), length: Int.min(0).max(MAX_CELLS) }))
      .max(MAX_FRAME_SECTIONS)
      .optional(),
  }),
});

/** The first problem in a parsed header, or null: its shape, then what the schema cannot say. */
function headerProblem(json: unknown): string | null {
  if (json === null || typeof json !== 'object' || Array.isArray(json)) return `its header is ${json === null ? 'null' : Array.isArray(json) ? 'a list' : typeof json}; expected an object`;
  const parsed = HeaderSchema.safeParse(json);
  if (!parsed.success) {
    const first = flattenIssues(parsed.error.issues, [], json)[0];
    return `header${first.path ? `.${first.path}` : ''}: ${first.message}`;
  }
  return layoutProblem((json as RecordingHeader).layout);
}

/** Rows that match the size, cells inside the floor, and something on it that moves. */
function layoutProblem(l: LayoutInfo): string | null {
  const cells = l.width * l.height;
  if (cells > MAX_CELLS) return `header.layout: ${l.width}x${l.height} is ${cells} cells; at most ${MAX_CELLS}`;
  if (l.rows.length !== l.height) return `header.layout.rows: ${l.rows.length} rows for a height of ${l.height}`;
  const bad = l.rows.findIndex((r) => r.length !== l.width);
  if (bad >= 0) return `header.layout.rows[${bad}]: ${l.rows[bad].length} characters for a width of ${l.width}`;
  const e = l.equipment;
  const lists: [string, readonly number[]][] = [
    ['stations', l.stations],
    ['chargers', l.chargers],
    ['podHomes', l.podHomes],
    ['equipment.zones', e.zones.map((z) => z.depot)],
    ['equipment.conveyors', e.conveyors.flatMap((c) => c.cells)],
    ['equipment.sorters', e.sorters.map((s) => s.cell)],
    ['equipment.agvs', e.agvs.flatMap((a) => a.loop)],
    ['equipment.docks', e.docks.map((d) => d.cell)],
  ];
  for (const [name, list] of lists) {
    const k = list.findIndex((c) => c >= cells);
    if (k >= 0) return `header.layout.${name}: cell ${list[k]} is outside the ${l.width}x${l.height} floor`;
  }
  if (l.robots + movers(l) === 0) return 'header.layout.robots: is 0 and the site has no people or vehicles: nothing on the floor moves';
  return null;
}

/** People and vehicles on the floor besides robots. */
function movers(l: LayoutInfo): number {
  let n = 0;
  for (const z of l.equipment.zones) n += z.pickers;
  for (const a of l.equipment.agvs) n += a.vehicles;
  return n;
}

/**
 * Most bytes one frame of this layout can take: the fixed sections sized by
 * the header (robots, stations, equipment), a generous allowance of events,
 * and room for sections added later. Bounds inflation, so it errs large.
 */
export function maxFrameBytes(l: LayoutInfo): number {
  const e = l.equipment;
  const things =
    l.robots + l.stations.length + movers(l) + e.conveyors.length + e.sorters.length + e.docks.length + (e.packStations?.length ?? 0) +
    e.sorters.reduce((n, s) => n + s.chutes.length, 0);
  // 96 bytes per thing: its fixed sections (at most 24 bytes) and four or five events (16 bytes each with their padding);
  // and the keyframe the first frame of a chunk carries.
  // The features' named sections, as the header declares them: section header, own header, name and elements.
  let named = 0;
  for (const s of l.frameSections ?? []) named += 16 + pad4(s.name.length) + pad4(s.length * FRAME_SECTION_WIDTH[s.type]);
  return FRAME_HEADER_BYTES + 64 * 12 + EVENT_ALLOWANCE * 16 + things * 96 + named + maxKeyframeBytes(l.width * l.height);
}

/** Most bytes a chunk of this recording can inflate to: its frames, one of them a keyframe. */
export function maxChunkBytes(h: RecordingHeader): number {
  const key = maxKeyframeBytes(h.layout.width * h.layout.height);
  return Math.min(MAX_CHUNK_BYTES, h.chunkFrames * (4 + maxFrameBytes(h.layout) - key) + key);
}

/** Most compressed bytes for a chunk: deflate's worst case on incompressible input, plus gzip's wrapper. */
function maxPackedBytes(h: RecordingHeader): number {
  const n = maxChunkBytes(h);
  return n + Math.ceil(n / 256) + 1024;
}

/** a[k] ^= b[k] for k < n: four bytes at a time where both start on a 4-byte boundary (a seek XORs up to a chunk of frames). */
function xorInto(a: Uint8Array, b: Uint8Array, n: number): void {
  let k = 0;
  if (a.byteOffset % 4 === 0 && b.byteOffset % 4 === 0) {
    const words = n >> 2;
    const a32 = new Uint32Array(a.buffer, a.byteOffset, words);
    const b32 = new Uint32Array(b.buffer, b.byteOffset, words);
    for (let j = 0; j < words; j++) a32[j] ^= b32[j];
    k = words << 2;
  }
  for (; k < n; k++) a[k] ^= b[k];
}

interface ChunkEntry {
  offset: number;
  length: number;
  firstTick: number;
  frames: number;
}

/**
 * Reads a recording held in memory: checks the header and the chunk table up
 * front, inflates chunks on demand (each capped at what the header says it
 * can hold) and keeps the chunk last read, so playing forward costs one XOR
 * per frame and a jump costs at most one chunk. Every problem with the file,
 * found now or when a chunk is read, is a RecordingFormatError.
 */
export class RecordingReader {
  readonly header: RecordingHeader;
  private readonly chunks: ChunkEntry[] = [];
  private readonly maxChunk: number;
  private readonly maxFrame: number;
  /** Chunk currently inflated, its payload, and the last frame rebuilt in it. */
  private cur: { chunk: number; payload: Uint8Array; index: number; at: number; frame: Uint8Array } | null = null;

  constructor(
    private readonly bytes: Uint8Array,
    private readonly inflate: Codec,
    private readonly file?: string,
  ) {
    if (!isRecording(bytes)) throw this.error(`bad magic: a recording starts with 'WSIMREC' and version 1`);
    const start = RECORDING_MAGIC.length + 4;
    if (bytes.byteLength < start) throw this.error(`truncated in its header (${bytes.byteLength} bytes)`);
    const dv = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
    this.header = this.readHeader(dv, start);
    this.maxChunk = maxChunkBytes(this.header);
    this.maxFrame = maxFrameBytes(this.header.layout);
    this.readChunkTable(dv, start + dv.getUint32(RECORDING_MAGIC.length, true));
    if (this.chunks.length === 0) throw this.error('it has no frames (cut short before its first whole chunk)');
  }

  private error(reason: string): RecordingFormatError {
    return new RecordingFormatError(this.file, reason);
  }

  private readHeader(dv: DataView, at: number): RecordingHeader {
    const hlen = dv.getUint32(RECORDING_MAGIC.length, true);
    if (hlen > MAX_HEADER_BYTES) throw this.error(`its header says it is ${hlen} bytes; at most ${MAX_HEADER_BYTES}`);
    if (at + hlen > this.bytes.byteLength) throw this.error(`truncated in its header (${hlen} bytes announced, ${this.bytes.byteLength - at} present)`);
    let json: unknown;
    try {
      json = JSON.parse(new TextDecoder().decode(this.bytes.subarray(at, at + hlen)));
    } catch {
      throw this.error('its header is not valid JSON');
    }
    const problem = headerProblem(json);
    if (problem) throw this.error(problem);
    return json as RecordingHeader;
  }

  /**
   * Chunk headers in file order: ticks contiguous from the layout's start
   * tick, frames and sizes within what the header allows. A last chunk cut
   * short (a killed run) ends the table; anything else wrong is an error.
   */
  private readChunkTable(dv: DataView, at: number): void {
    const { layout, chunkFrames } = this.header;
    const maxPacked = maxPackedBytes(this.header);
    const end = layout.startTick + layout.ticks;
    let next = layout.startTick;
    while (at + 12 <= this.bytes.byteLength) {
      const length = dv.getUint32(at, true);
      const firstTick = dv.getUint32(at + 4, true);
      const frames = dv.getUint32(at + 8, true);
      const k = this.chunks.length;
      if (firstTick !== next) throw this.error(`chunk ${k} starts at tick ${firstTick}; expected ${next} (chunks out of order, missing or damaged)`);
      if (frames < 1 || frames > chunkFrames) throw this.error(`chunk ${k} (tick ${firstTick}) holds ${frames} frames; expected 1 to ${chunkFrames}`);
      if (firstTick + frames - 1 > end) throw this.error(`chunk ${k} runs to tick ${firstTick + frames - 1}; the run ends at tick ${end}`);
      if (length < 1 || length > maxPacked) throw this.error(`chunk ${k} (tick ${firstTick}) says it is ${length} bytes; expected 1 to ${maxPacked} for its frames`);
      if (at + 12 + length > this.bytes.byteLength) break; // cut short: keep the whole chunks
      this.chunks.push({ offset: at + 12, length, firstTick, frames });
      at += 12 + length;
      next = firstTick + frames;
    }
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

  /** The first tick of the chunk holding `tick` (clamped to the recorded range): where its keyframe is. */
  keyTickOf(tick: number): number {
    const t = Math.max(this.firstTick, Math.min(this.lastTick, Math.floor(tick)));
    return this.chunks[this.chunkOf(t)].firstTick;
  }

  /** The frame of `tick` (clamped to the recorded range), as encoded bytes, checked to be that tick's whole frame. */
  async frameAt(tick: number): Promise<Uint8Array> {
    const t = Math.max(this.firstTick, Math.min(this.lastTick, Math.floor(tick)));
    const k = this.chunkOf(t);
    const entry = this.chunks[k];
    const index = t - entry.firstTick;
    let cur = this.cur;
    if (!cur || cur.chunk !== k || cur.index > index) {
      cur = { chunk: k, payload: await this.inflateChunk(k), index: -1, at: 0, frame: new Uint8Array(0) };
    }
    while (cur.index < index) this.nextFrame(cur, entry);
    this.cur = cur;
    this.checkFrame(cur.frame, k, t);
    return cur.frame.slice();
  }

  private async inflateChunk(k: number): Promise<Uint8Array> {
    const e = this.chunks[k];
    const where = `chunk ${k} (tick ${e.firstTick})`;
    // gzip's trailer states the inflated size (mod 2^32): an honest bomb is refused before inflating at all.
    const packed = this.bytes.subarray(e.offset, e.offset + e.length);
    if (packed.length < 18 || packed[0] !== 0x1f || packed[1] !== 0x8b) throw this.error(`${where} is not valid gzip`);
    const stated = new DataView(packed.buffer, packed.byteOffset + packed.length - 4, 4).getUint32(0, true);
    if (stated > this.maxChunk) throw this.error(`${where} inflates to ${stated} bytes, more than its ${e.frames} frames can hold`);
    let payload: Uint8Array;
    try {
      payload = await this.inflate(packed, this.maxChunk);
    } catch (err) {
      const tooLarge = err instanceof RangeError || (err as { code?: string }).code === 'ERR_BUFFER_TOO_LARGE';
      throw this.error(tooLarge ? `${where} inflates to more than ${this.maxChunk} bytes, more than its ${e.frames} frames can hold` : `${where} is not valid gzip`);
    }
    // A codec that ignores the cap still may not hand over more than a chunk can hold.
    if (payload.byteLength > this.maxChunk) throw this.error(`${where} inflates to ${payload.byteLength} bytes, more than its ${e.frames} frames can hold`);
    return payload;
  }

  /** Rebuilds the next frame of the current chunk: its length, then the bytes XORed with the frame before. */
  private nextFrame(cur: NonNullable<RecordingReader['cur']>, entry: ChunkEntry): void {
    const where = `chunk ${cur.chunk} (tick ${entry.firstTick}), frame ${cur.index + 1}`;
    const p = cur.payload;
    if (cur.at + 4 > p.byteLength) throw this.error(`${where} is missing: the chunk is cut short`);
    const len = new DataView(p.buffer, p.byteOffset + cur.at, 4).getUint32(0, true);
    if (len > this.maxFrame) throw this.error(`${where} says it is ${len} bytes; at most ${this.maxFrame} for this floor`);
    if (cur.at + 4 + len > p.byteLength) throw this.error(`${where} is cut short`);
    const frame = p.slice(cur.at + 4, cur.at + 4 + len);
    if (cur.index >= 0) {
      xorInto(frame, cur.frame, Math.min(len, cur.frame.length));
    }
    cur.frame = frame;
    cur.at += 4 + len;
    cur.index++;
    this.checkFrameHead(frame, cur.chunk, entry.firstTick + cur.index);
  }

  /** Magic, tick and robot count of a rebuilt frame: a chunk from elsewhere or shuffled frames do not pass. */
  private checkFrameHead(frame: Uint8Array, k: number, tick: number): void {
    const where = `chunk ${k}, tick ${tick}`;
    if (frame.byteLength < FRAME_HEADER_BYTES) throw this.error(`${where}: the frame is ${frame.byteLength} bytes; at least ${FRAME_HEADER_BYTES}`);
    const dv = new DataView(frame.buffer, frame.byteOffset, FRAME_HEADER_BYTES);
    if (dv.getUint32(0, true) !== FRAME_MAGIC) throw this.error(`${where}: the frame does not start with the frame magic`);
    const got = dv.getUint32(8, true);
    if (got !== tick) throw this.error(`${where}: the frame is of tick ${got}`);
    const robots = dv.getUint32(24, true);
    if (robots !== this.header.layout.robots) throw this.error(`${where}: the frame has ${robots} robots; the header says ${this.header.layout.robots}`);
  }

  /** The whole frame handed out: it decodes, and its sections fit its counts. */
  private checkFrame(frame: Uint8Array, k: number, tick: number): void {
    let problem: string | null;
    try {
      problem = frameProblem(decodeFrame(frame));
    } catch (e) {
      if (!(e instanceof FrameFormatError)) throw e;
      problem = e.message;
    }
    if (problem) throw this.error(`chunk ${k}, tick ${tick}: ${problem}`);
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
