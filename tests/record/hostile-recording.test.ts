import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createGzip, gzipSync } from 'node:zlib';
import { beforeAll, describe, expect, it } from 'vitest';
import { openRecording } from '../../src/record/open-recording.js';
import { readRecording } from '../../src/record/recording-file.js';
import { RunRecorder } from '../../src/record/recording-file.js';
import { encodeChunkHeader, maxChunkBytes, RecordingFormatError, RecordingReader, RECORDING_MAGIC, type RecordingHeader } from '../../src/record/recording.js';
import { ScenarioError } from '../../src/scenario/errors.js';
import { gunzipCapped as browserGunzip, ReplaySource } from '../../src/viewer/sources/replay-source.js';
import { simFor } from '../helpers/scenarios.js';

interface Chunk {
  firstTick: number;
  frames: number;
  packed: Uint8Array;
}

/** A recording taken apart: its header JSON and its chunks, to damage and put back together. */
function split(bytes: Uint8Array): { header: Record<string, any>; chunks: Chunk[] } {
  const dv = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const hlen = dv.getUint32(8, true);
  const header = JSON.parse(Buffer.from(bytes.subarray(12, 12 + hlen)).toString('utf8'));
  const chunks: Chunk[] = [];
  for (let at = 12 + hlen; at + 12 <= bytes.length; ) {
    const length = dv.getUint32(at, true);
    chunks.push({ firstTick: dv.getUint32(at + 4, true), frames: dv.getUint32(at + 8, true), packed: bytes.slice(at + 12, at + 12 + length) });
    at += 12 + length;
  }
  return { header, chunks };
}

function join2(headerJson: string, chunks: readonly Chunk[]): Uint8Array {
  const json = Buffer.from(headerJson, 'utf8');
  const len = Buffer.alloc(4);
  len.writeUInt32LE(json.length);
  const parts: Uint8Array[] = [RECORDING_MAGIC, len, json];
  for (const c of chunks) parts.push(encodeChunkHeader(c.packed.length, c.firstTick, c.frames), c.packed);
  return new Uint8Array(Buffer.concat(parts));
}

/** Gzip of `mib` MiB of zeros, made a MiB at a time so the test never holds the inflated bytes. */
async function zeroBomb(mib: number): Promise<Uint8Array> {
  const gz = createGzip({ level: 9 });
  const out: Buffer[] = [];
  gz.on('data', (b: Buffer) => out.push(b));
  const done = new Promise((resolve) => gz.on('end', resolve));
  const mb = Buffer.alloc(1 << 20);
  for (let k = 0; k < mib; k++) if (!gz.write(mb)) await new Promise((r) => gz.once('drain', r));
  gz.end();
  await done;
  return new Uint8Array(Buffer.concat(out));
}

const FILE = 'run.wsrec';

/** Opens the bytes and reads every tick; returns the error thrown, if any. */
async function readAll(bytes: Uint8Array): Promise<unknown> {
  try {
    const r = openRecording(bytes, FILE);
    for (let t = r.firstTick; t <= r.lastTick; t++) await r.frameAt(t);
    return null;
  } catch (e) {
    return e;
  }
}

/** The reader's own error: one line, naming the file, a ScenarioError so the CLI exits 2 on it. */
async function refused(bytes: Uint8Array, reason: RegExp): Promise<void> {
  const e = await readAll(bytes);
  expect(e).toBeInstanceOf(RecordingFormatError);
  expect(e).toBeInstanceOf(ScenarioError);
  const msg = (e as Error).message;
  expect(msg.split('\n')).toHaveLength(1);
  expect(msg.startsWith(`${FILE}: not a wsim recording: `)).toBe(true);
  expect(msg).toMatch(reason);
}

describe('hostile recordings', () => {
  let good: Uint8Array;
  let parts: ReturnType<typeof split>;
  const withHeader = (edit: (h: Record<string, any>) => void) => {
    const h = structuredClone(parts.header);
    edit(h);
    return join2(JSON.stringify(h), parts.chunks);
  };

  beforeAll(() => {
    const dir = mkdtempSync(join(tmpdir(), 'wsim-hostile-rec-'));
    const file = join(dir, FILE);
    const sim = simFor('default.json', { duration: '2m' });
    const rec = new RunRecorder(sim, file, 16);
    sim.run();
    rec.finish();
    good = new Uint8Array(readFileSync(file));
    parts = split(good);
  });

  it('the recording the tests damage reads whole', async () => {
    expect(parts.chunks.length).toBeGreaterThan(4);
    expect(await readAll(good)).toBeNull();
    expect(await readAll(join2(JSON.stringify(parts.header), parts.chunks))).toBeNull();
  });

  /** Puts the bomb in place of chunk 1, then reads ticks 0 and 16; returns the error and what reading cost. */
  async function detonate(bomb: Uint8Array) {
    const chunks = parts.chunks.map((c, k) => (k === 1 ? { ...c, packed: bomb } : c));
    const bytes = join2(JSON.stringify(parts.header), chunks);
    const before = process.memoryUsage().arrayBuffers;
    const t0 = performance.now();
    const r = openRecording(bytes, FILE);
    await expect(r.frameAt(0)).resolves.toBeInstanceOf(Uint8Array);
    const error = await r.frameAt(16).catch((x: unknown) => x);
    return { error, ms: performance.now() - t0, grew: process.memoryUsage().arrayBuffers - before };
  }

  it('a chunk inflating to 64 MiB of zeros: refused from its gzip trailer before inflating', async () => {
    const cap = maxChunkBytes(parts.header as RecordingHeader);
    expect(cap).toBeLessThan(4 << 20); // 16 frames of a 12-robot floor
    const { error, ms, grew } = await detonate(await zeroBomb(64));
    expect(error).toBeInstanceOf(RecordingFormatError);
    expect((error as Error).message).toBe(`${FILE}: not a wsim recording: chunk 1 (tick 16) inflates to 67108864 bytes, more than its 16 frames can hold`);
    expect(grew).toBeLessThan(32 << 20);
    expect(ms).toBeLessThan(2000);
  });

  it('the same bomb with a lying gzip trailer: inflation stops at the cap, memory bounded', async () => {
    const bomb = await zeroBomb(64);
    new DataView(bomb.buffer, bomb.byteOffset).setUint32(bomb.length - 4, 1000, true);
    const cap = maxChunkBytes(parts.header as RecordingHeader);
    const { error, ms, grew } = await detonate(bomb);
    expect(error).toBeInstanceOf(RecordingFormatError);
    expect((error as Error).message).toBe(`${FILE}: not a wsim recording: chunk 1 (tick 16) inflates to more than ${cap} bytes, more than its 16 frames can hold`);
    expect(grew).toBeLessThan(32 << 20);
    expect(ms).toBeLessThan(2000);
  });

  it('readRecording (what the tests and tools use) caps inflation the same way', async () => {
    const bomb = await zeroBomb(64);
    new DataView(bomb.buffer, bomb.byteOffset).setUint32(bomb.length - 4, 1000, true);
    const chunks = parts.chunks.map((c, k) => (k === 1 ? { ...c, packed: bomb } : c));
    const before = process.memoryUsage().arrayBuffers;
    const r = readRecording(join2(JSON.stringify(parts.header), chunks));
    const error = await r.frameAt(16).catch((x: unknown) => x);
    expect(error).toBeInstanceOf(RecordingFormatError);
    expect((error as Error).message).toMatch(/not a wsim recording: chunk 1 \(tick 16\) inflates to more than \d+ bytes/);
    expect(process.memoryUsage().arrayBuffers - before).toBeLessThan(32 << 20);
  });

  it("the browser's inflater stops at the cap too", async () => {
    const bomb = await zeroBomb(64);
    const before = process.memoryUsage().arrayBuffers;
    await expect(browserGunzip(bomb, 1 << 20)).rejects.toBeInstanceOf(RangeError);
    expect(process.memoryUsage().arrayBuffers - before).toBeLessThan(32 << 20);
    const small = gzipSync(Buffer.from('frames'));
    expect(Buffer.from(await browserGunzip(small, 100)).toString()).toBe('frames');
  });

  it('a file cut to 8 bytes', async () => {
    await refused(good.subarray(0, 8), /truncated in its header \(8 bytes\)$/);
  });

  it('a file cut inside its header', async () => {
    await refused(good.subarray(0, 40), /truncated in its header \(\d+ bytes announced, 28 present\)$/);
  });

  it('a null header', async () => {
    await refused(join2('null', parts.chunks), /its header is null; expected an object$/);
  });

  it('a header that is not JSON', async () => {
    await refused(join2('{"layout":', parts.chunks), /its header is not valid JSON$/);
  });

  it('a negative width', async () => {
    await refused(withHeader((h) => (h.layout.width = -5)), /header\.layout\.width: Too small: expected number to be >=1$/);
  });

  it('rows that do not match the size', async () => {
    await refused(withHeader((h) => (h.layout.height += 1)), /header\.layout\.rows: \d+ rows for a height of \d+$/);
  });

  it('a station outside the floor', async () => {
    await refused(withHeader((h) => (h.layout.stations[0] = 1e9)), /header\.layout\.stations: cell 1000000000 is outside the \d+x\d+ floor$/);
  });

  it('zero robots on a floor with no people: nothing moves', async () => {
    await refused(withHeader((h) => (h.layout.robots = 0)), /header\.layout\.robots: is 0 and the site has no people or vehicles: nothing on the floor moves$/);
  });

  it('zero robots where people pick is a real recording and reads', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'wsim-rec-people-'));
    const file = join(dir, 'p2g.wsrec');
    const sim = simFor('person-to-goods.json', { duration: '1m' });
    const rec = new RunRecorder(sim, file, 16);
    sim.run();
    rec.finish();
    expect(await readAll(new Uint8Array(readFileSync(file)))).toBeNull();
  });

  it('a header robot count the frames disagree with', async () => {
    await refused(withHeader((h) => (h.layout.robots = 11)), /chunk 0, tick 0: the frame has 12 robots; the header says 11$/);
  });

  it('a zero-frame chunk size', async () => {
    await refused(withHeader((h) => (h.chunkFrames = 0)), /header\.chunkFrames: Too small/);
  });

  it('chunks shuffled: refused when opened, not played out of order', async () => {
    const c = parts.chunks;
    const shuffled = [c[0], c[2], c[1], ...c.slice(3)];
    await refused(join2(JSON.stringify(parts.header), shuffled), /chunk 1 starts at tick 32; expected 16 \(chunks out of order, missing or damaged\)$/);
  });

  it('a chunk missing in the middle', async () => {
    const c = parts.chunks;
    await refused(join2(JSON.stringify(parts.header), [c[0], c[1], ...c.slice(3)]), /chunk 2 starts at tick 48; expected 32/);
  });

  it('chunk payloads swapped under their headers: the frames give the wrong ticks', async () => {
    const c = parts.chunks;
    const swapped = c.map((x, k) => (k === 1 ? { ...x, packed: c[2].packed } : k === 2 ? { ...x, packed: c[1].packed } : x));
    await refused(join2(JSON.stringify(parts.header), swapped), /chunk 1, tick 16: the frame is of tick 32$/);
  });

  it('more frames in a chunk than the header allows', async () => {
    const c = parts.chunks.map((x, k) => (k === 0 ? { ...x, frames: 17 } : x));
    await refused(join2(JSON.stringify(parts.header), c), /chunk 0 \(tick 0\) holds 17 frames; expected 1 to 16$/);
  });

  it('a chunk that is not gzip', async () => {
    const c = parts.chunks.map((x, k) => (k === 1 ? { ...x, packed: new Uint8Array(x.packed.length).fill(7) } : x));
    await refused(join2(JSON.stringify(parts.header), c), /chunk 1 \(tick 16\) is not valid gzip$/);
  });

  it('a chunk length beyond what its frames can take', async () => {
    const bytes = new Uint8Array(good);
    const hlen = new DataView(bytes.buffer).getUint32(8, true);
    new DataView(bytes.buffer).setUint32(12 + hlen, 0xfffffff0, true);
    await refused(bytes, /chunk 0 \(tick 0\) says it is 4294967280 bytes; expected 1 to \d+ for its frames$/);
  });

  it('a file cut short after whole chunks still reads up to them', async () => {
    const r = openRecording(good.subarray(0, good.length - 10), FILE);
    expect(r.lastTick).toBeLessThan(split(good).chunks.at(-1)!.firstTick);
  });

  it('bad magic', async () => {
    await refused(new Uint8Array(64), /bad magic/);
  });

  it('the browser viewer gets the same one line, without a file name of its own', () => {
    let msg = '';
    try {
      ReplaySource.open(join2('null', parts.chunks));
    } catch (e) {
      expect(e).toBeInstanceOf(RecordingFormatError);
      msg = (e as Error).message;
    }
    expect(msg).toBe('not a wsim recording: its header is null; expected an object');
    expect(() => new RecordingReader(good.subarray(0, 8), () => new Uint8Array(0), 'x.wsrec')).toThrow('x.wsrec: not a wsim recording: truncated in its header (8 bytes)');
  });
});
