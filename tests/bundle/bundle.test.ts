import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { execFileSync } from 'node:child_process';
import { afterAll, describe, expect, it } from 'vitest';
import { recordingDifference } from '../../src/bundle/bundle-compare.js';
import { BUNDLE_MAGIC, decodeBundle, encodeBundle, longestStallStart } from '../../src/bundle/bundle.js';
import { openRecording } from '../../src/record/open-recording.js';
import { cli } from '../helpers/cli.js';

const dir = mkdtempSync(join(tmpdir(), 'wsim-bundle-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** A small site whose layout is a MovingAI map file next to the scenario. */
function mapScenario(): string {
  writeFileSync(join(dir, 'site.map'), 'type octile\nheight 6\nwidth 10\nmap\n@@@@@@@@@@\n@P..R.R.C@\n@........@\n@.R.R.R..@\n@P.......@\n@@@@@@@@@@\n');
  const file = join(dir, 'site.json');
  writeFileSync(file, JSON.stringify({ name: 'map-site', seed: 3, duration: '4m', layout: { map: 'site.map' }, robots: { count: 4 }, demand: { ordersPerHour: 400 } }));
  return file;
}

function rewrite(file: string, to: string, change: (h: Record<string, unknown>, rec: Uint8Array) => Uint8Array | void): string {
  const b = decodeBundle(readFileSync(file));
  const header = structuredClone(b.header) as unknown as Record<string, unknown>;
  const rec = change(header, b.recording) ?? b.recording;
  writeFileSync(to, encodeBundle(header as never, rec));
  return to;
}

describe('repro bundles', () => {
  const bundle = join(dir, 'run.wsbundle');

  it('wsim run --bundle writes one file: scenario with its map inlined, seed, version, report and recording', async () => {
    const r = await cli('run', mapScenario(), '--seed', '9', '--bundle', bundle, '--quiet');
    expect(r.code).toBe(0);
    const bytes = readFileSync(bundle);
    expect(Array.from(bytes.subarray(0, 8))).toEqual(Array.from(BUNDLE_MAGIC));
    const b = decodeBundle(bytes);
    expect(b.header.format).toBe('wsim-bundle');
    expect(b.header.seed).toBe(9);
    expect(b.header.wsim).toMatch(/^\d+\.\d+\.\d+/);
    expect((b.header.scenario.layout as { grid: string[] }).grid[1]).toBe('@P..R.R.C@');
    expect(b.header.scenario.layout).not.toHaveProperty('map');
    expect((b.header.report as { seed: number }).seed).toBe(9);
    expect(openRecording(b.recording).lastTick).toBe(240);
  });

  it('wsim run --from-bundle re-runs it and finds it identical (exit 0), even with the map file gone', async () => {
    rmSync(join(dir, 'site.map'));
    const r = await cli('run', '--from-bundle', bundle);
    expect(r.code).toBe(0);
    expect(r.out).toMatch(/identical \(the report and all 241 recorded ticks\)/);
  });

  it('says where a re-run differs, exit 1: a report figure, or the first tick a robot is elsewhere', async () => {
    const bad = rewrite(bundle, join(dir, 'bad-report.wsbundle'), (h) => {
      (h.report as { robots: { waitTicks: number } }).robots.waitTicks += 1;
    });
    const r = await cli('run', '--from-bundle', bad);
    expect(r.code).toBe(1);
    expect(r.err).toMatch(/the re-run differs: the report differs at robots\.waitTicks: bundle \d+, now \d+/);
    // Two seeds: the recordings part at some tick with a robot elsewhere.
    const other = join(dir, 'other.wsbundle');
    writeFileSync(join(dir, 'site.map'), 'type octile\nheight 6\nwidth 10\nmap\n@@@@@@@@@@\n@P..R.R.C@\n@........@\n@.R.R.R..@\n@P.......@\n@@@@@@@@@@\n');
    expect((await cli('run', join(dir, 'site.json'), '--seed', '10', '--bundle', other, '--quiet')).code).toBe(0);
    const diff = await recordingDifference(openRecording(decodeBundle(readFileSync(bundle)).recording), openRecording(decodeBundle(readFileSync(other)).recording));
    expect(diff).toMatch(/^tick \d+: (robot \d+ is (at cell|in state) \d+, the bundle has|\d+ orders completed)/);
  });

  it('a damaged bundle gets one line and exit 2', async () => {
    const whole = readFileSync(bundle);
    const cases: [string, Uint8Array, RegExp][] = [
      ['cut.wsbundle', whole.subarray(0, whole.length - 100), /not a wsim bundle: header\.recordingBytes says \d+, but \d+ bytes follow the header \(the file is cut short\)/],
      ['magic.wsbundle', Buffer.from('hello world, not a bundle'), /not a wsim bundle: bad magic/],
      ['json.wsbundle', Buffer.concat([BUNDLE_MAGIC, Buffer.from([5, 0, 0, 0]), Buffer.from('{"a":')]), /not a wsim bundle: its header is not valid JSON/],
      ['huge.wsbundle', Buffer.concat([BUNDLE_MAGIC, Buffer.from([0, 0, 0, 0x7f])]), /its header says it is \d+ bytes; at most/],
    ];
    for (const [name, bytes, want] of cases) {
      writeFileSync(join(dir, name), bytes);
      const r = await cli('run', '--from-bundle', join(dir, name));
      expect(r.code, name).toBe(2);
      expect(r.err.trim().split('\n'), name).toHaveLength(1);
      expect(r.err, name).toMatch(want);
    }
    const v2 = rewrite(bundle, join(dir, 'v2.wsbundle'), (h) => void (h.version = 2));
    const r = await cli('run', '--from-bundle', v2);
    expect(r.code).toBe(2);
    expect(r.err).toMatch(/header\.version: 2 is not supported/);
    const broken = rewrite(bundle, join(dir, 'rec.wsbundle'), (_h, rec) => rec.subarray(0, 40));
    const r2 = await cli('run', '--from-bundle', broken);
    expect(r2.code).toBe(2);
    expect(r2.err).toMatch(/rec\.wsbundle: not a wsim recording/);
    const fifo = join(dir, 'fifo.wsbundle');
    execFileSync('mkfifo', [fifo]);
    const r3 = await cli('run', '--from-bundle', fifo);
    expect(r3.code).toBe(2);
    expect(r3.err).toMatch(/FIFO/);
  });

  it('the viewer opens a bundle at the longest stall its report lists, else at the start', () => {
    expect(longestStallStart({ robots: { stalls: { count: 3, longest: [{ startSeconds: 40, durationSeconds: 31 }, { startSeconds: 12, durationSeconds: 90 }] } } })).toBe(12);
    expect(longestStallStart({ robots: { waitTicks: 3 } })).toBeNull();
    expect(longestStallStart({ robots: { stalls: { longest: [{ startSeconds: 'x' }] } } })).toBeNull();
  });
});
