import { existsSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gunzipSync } from 'node:zlib';
import { describe, expect, it, vi } from 'vitest';
import { main } from '../../src/cli/main.js';
import { quantizeBattery, decodeFrame } from '../../src/record/frame-codec.js';
import { readRecording, RunRecorder } from '../../src/record/recording-file.js';
import { RecordingReader } from '../../src/record/recording.js';
import { simFor } from '../helpers/scenarios.js';

interface Seen {
  cell: number[];
  pod: number[];
  state: number[];
  heading: number[];
  battery: number[];
  ordersOpen: number;
  ordersCompleted: number;
  events: number;
}

function capture(sim: ReturnType<typeof simFor>): Seen {
  const w = sim.world;
  const r = w.robots;
  const cap = sim.config.robots.battery.capacityWh;
  return {
    cell: Array.from(r.cell),
    pod: Array.from(r.pod),
    state: Array.from(r.state),
    heading: Array.from(r.heading),
    battery: Array.from(r.batteryWh, (b) => quantizeBattery(b, cap)),
    ordersOpen: w.books.openOrders,
    ordersCompleted: w.books.ordersCompleted,
    events: w.events.count,
  };
}

describe('recordings', () => {
  it('write, read back, scrub to any tick: the same state as the run', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'wsim-rec-'));
    const file = join(dir, 'run.wsrec');
    const sim = simFor('default.json', { duration: '5m' });
    const rec = new RunRecorder(sim, file, 16);
    const seen = new Map<number, Seen>();
    seen.set(0, capture(sim));
    sim.observe((f) => seen.set(f.tick, capture(sim)));
    sim.run();
    rec.finish();
    expect(readdirSync(dir)).toEqual(['run.wsrec']);

    const bytes = readFileSync(file);
    const reader = readRecording(bytes);
    expect(reader.layout.scenario).toBe('default');
    expect(reader.layout.rows).toEqual(sim.config.grid.rows);
    expect(reader.firstTick).toBe(0);
    expect(reader.lastTick).toBe(sim.config.ticks);
    // Far smaller than raw frames: the XOR of consecutive frames compresses well.
    const raw = (sim.config.ticks + 1) * decodeFrame(await reader.frameAt(0)).bytes;
    expect(bytes.length).toBeLessThan(raw / 4);

    // Forward, backward, across chunks, within one chunk, and clamped at the ends.
    const ticks = [0, 1, 2, 15, 16, 17, 200, 3, 450, 449, 100, 101, 102, sim.config.ticks, 31, 32];
    for (const t of ticks) {
      const f = decodeFrame(await reader.frameAt(t));
      const s = seen.get(t)!;
      expect(f.tick, `tick ${t}`).toBe(t);
      expect(Array.from(f.cell)).toEqual(s.cell);
      expect(Array.from(f.pod)).toEqual(s.pod);
      expect(Array.from(f.state)).toEqual(s.state);
      expect(Array.from(f.heading)).toEqual(s.heading);
      expect(Array.from(f.battery)).toEqual(s.battery);
      expect(f.ordersOpen).toBe(s.ordersOpen);
      expect(f.ordersCompleted).toBe(s.ordersCompleted);
      expect(f.events.count).toBe(t === 0 ? 0 : s.events);
      if (f.events.count > 0) expect(Array.from(f.events.tick).every((x) => x === t - 1)).toBe(true);
    }
    expect(decodeFrame(await reader.frameAt(1e9)).tick).toBe(sim.config.ticks);
    expect(decodeFrame(await reader.frameAt(-5)).tick).toBe(0);
  });

  it('a file cut short reads up to its last whole chunk; garbage is refused clearly', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'wsim-rec-'));
    const file = join(dir, 'run.wsrec');
    const sim = simFor('default.json', { duration: '2m' });
    const rec = new RunRecorder(sim, file, 32);
    sim.run();
    rec.finish();
    const bytes = readFileSync(file);
    const cut = readRecording(bytes.subarray(0, bytes.length - 10));
    expect(cut.lastTick).toBe(sim.config.ticks - (sim.config.ticks % 32) - 1);
    expect(decodeFrame(await cut.frameAt(40)).tick).toBe(40);
    expect(() => readRecording(new Uint8Array([1, 2, 3]))).toThrow(/not a wsim recording/);
    const header = bytes.subarray(0, 40);
    expect(() => new RecordingReader(header, (b) => gunzipSync(b))).toThrow(/truncated|no frames/);
  });

  it('wsim run --record writes a recording atomically', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'wsim-rec-'));
    const file = join(dir, 'cli.wsrec');
    const o = vi.spyOn(process.stdout, 'write').mockImplementation(() => true);
    const e = vi.spyOn(process.stderr, 'write').mockImplementation(() => true);
    let code: number;
    try {
      code = await main(['run', '--duration', '3m', '--record', file, '--quiet']);
    } finally {
      o.mockRestore();
      e.mockRestore();
    }
    expect(code).toBe(0);
    const reader = readRecording(readFileSync(file));
    expect(reader.lastTick).toBe(270);
    const f = decodeFrame(await reader.frameAt(270));
    expect(f.robotCount).toBe(12);
    expect(readdirSync(dir)).toEqual(['cli.wsrec']);
  });

  it('--record to an unwritable place fails cleanly before the run', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'wsim-rec-'));
    writeFileSync(join(dir, 'file'), 'x');
    let err = '';
    const o = vi.spyOn(process.stdout, 'write').mockImplementation(() => true);
    const e = vi.spyOn(process.stderr, 'write').mockImplementation((s) => ((err += String(s)), true));
    let code: number;
    try {
      code = await main(['run', '--duration', '1m', '--record', join(dir, 'file', 'x.wsrec'), '--quiet']);
    } finally {
      o.mockRestore();
      e.mockRestore();
    }
    expect(code).toBe(2);
    expect(err).toMatch(/^\S*x\.wsrec: cannot be written: \S*file is not a folder\n$/);
    expect(err).not.toMatch(/\n\s+at /);
    expect(existsSync(join(dir, 'file', 'x.wsrec'))).toBe(false);
  });
});
