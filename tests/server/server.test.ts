import { request } from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadScenario, scenarioFromJson } from '../../src/scenario/load.js';
import { startLiveServer, type LiveServer } from '../../src/server/live-server.js';
import { scenarioPath } from '../helpers/scenarios.js';
import { fakeDist, sleep, stalledViewer, TestViewer, until } from './clients.js';

function configFor(name: string, duration = '30m') {
  return (seed?: number | string) => loadScenario(scenarioPath(name), { seed, duration }).config;
}

function get(url: string, method = 'GET'): Promise<{ status: number; type: string; body: string }> {
  return new Promise((resolve, reject) => {
    const req = request(url, { method }, (res) => {
      let body = '';
      res.on('data', (d) => (body += d));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, type: String(res.headers['content-type'] ?? ''), body }));
    });
    req.on('error', reject);
    req.end();
  });
}

describe('wsim serve: HTTP and the ws stream', () => {
  let server: LiveServer;
  let ws: string;
  const viewers: TestViewer[] = [];
  const viewer = (headers?: Record<string, string>) => {
    const v = new TestViewer(ws, 50, headers);
    viewers.push(v);
    return v;
  };

  beforeAll(async () => {
    server = await startLiveServer({ configFor: configFor('default.json'), dist: fakeDist(), port: 0, speed: 200 });
    ws = server.url.replace('http', 'ws') + 'ws';
  });

  afterAll(async () => {
    for (const v of viewers) v.close();
    await server.close();
  });

  it('binds to 127.0.0.1 and serves the viewer, live.json and nothing outside dist', async () => {
    expect(server.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/$/);
    const index = await get(server.url);
    expect(index.status).toBe(200);
    expect(index.type).toMatch(/text\/html/);
    expect(index.body).toMatch(/wsim viewer/);
    expect((await get(server.url + 'app.js')).type).toMatch(/javascript/);
    const live = await get(server.url + 'live.json');
    expect(JSON.parse(live.body)).toEqual({ ws: 'ws', scenario: 'default' });
    expect((await get(server.url + '../../etc/passwd')).status).toBe(404);
    expect((await get(server.url + '%2e%2e/%2e%2e/etc/passwd')).status).toBe(404);
    expect((await get(server.url + 'missing.js')).status).toBe(404);
    expect((await get(server.url, 'POST')).status).toBe(405);
  });

  it('two viewers both get the layout, the status and frames of the same run', async () => {
    const a = viewer();
    const b = viewer();
    await Promise.all([a.open(), b.open()]);
    await until(() => a.frameCount > 20 && b.frameCount > 20, 5000, 'frames on both viewers');
    for (const v of [a, b]) {
      const hello = v.of('hello')[0];
      expect(hello.layout.scenario).toBe('default');
      expect(hello.layout.robots).toBe(12);
      expect(hello.layout.rows.length).toBe(14);
      expect(v.of('status')[0].ticks).toBe(2700);
      const f = v.frames[v.frames.length - 1];
      expect(f.robotCount).toBe(12);
      expect(f.stationQueue.length).toBe(2);
    }
    // One run: the two streams agree on the state at a tick both received.
    const common = a.frames.find((f) => b.frames.some((g) => g.tick === f.tick));
    if (common) {
      const other = b.frames.find((g) => g.tick === common.tick)!;
      expect(Array.from(other.cell)).toEqual(Array.from(common.cell));
    }
    // Ticks only go forward and every tick's events reach each viewer once (covered ticks add up).
    for (const v of [a, b]) {
      const ticks = v.frames.map((f) => f.tick);
      expect(ticks.every((t, k) => k === 0 || t > ticks[k - 1])).toBe(true);
      for (let k = 1; k < v.frames.length; k++) expect(v.frames[k].ticksCovered).toBe(v.frames[k].tick - v.frames[k - 1].tick);
    }
    expect(server.hub.count).toBeGreaterThanOrEqual(2);
  });

  it('viewers steer the shared run: pause, step, speed, restart with a seed, inspect', async () => {
    const a = viewer();
    const b = viewer();
    await Promise.all([a.open(), b.open()]);
    await until(() => a.frameCount > 2 && b.frameCount > 2);
    a.send({ type: 'pause' });
    await until(() => b.of('status').some((s) => !s.playing), 3000, 'pause seen by the other viewer');
    await sleep(100);
    const paused = server.run.tick;
    await sleep(200);
    expect(server.run.tick).toBe(paused);
    b.send({ type: 'step', count: 3 });
    await until(() => a.lastTick === paused + 3, 3000, 'stepped frame');
    a.send({ type: 'speed', speed: 'max' });
    await until(() => b.of('status').some((s) => s.speed === 'max'), 3000, 'speed change');
    a.send({ type: 'inspect', robot: 0 });
    await until(() => a.of('robot').length > 0, 3000, 'robot details');
    const r = a.of('robot')[0];
    expect(r.robot).toBe(0);
    expect(typeof r.state).toBe('string');
    if (r.goal >= 0) expect(r.path[r.path.length - 1]).toBe(r.goal);
    expect(b.of('robot')).toHaveLength(0); // the reply goes to whoever asked
    const hellos = b.of('hello').length;
    a.send({ type: 'restart', seed: 77 });
    await until(() => b.of('hello').length > hellos, 3000, 'new layout after restart');
    expect(b.of('hello').at(-1)!.layout.seed).toBe(77);
    await until(() => b.of('status').some((s) => s.seed === 77 && s.playing), 3000, 'playing again');
    a.send({ type: 'speed', speed: 200 });
  });

  it('bad messages get an error reply (or a close when oversized); the server stays up', async () => {
    const a = viewer();
    const other = viewer();
    await Promise.all([a.open(), other.open()]);
    const cases: [unknown, RegExp][] = [
      ['{not json', /not valid JSON/],
      [{ type: 'explode' }, /bad control message/],
      [{ type: 'speed', speed: -3 }, /speed/],
      [{ type: 'speed' }, /speed: required/],
      [{ type: 'step', count: 1e9 }, /count/],
      [{ type: 'inspect', robot: 5000 }, /no robot 5000/],
      [[1, 2, 3], /bad control message/],
    ];
    for (const [m, re] of cases) {
      const before = a.of('error').length;
      a.send(m);
      await until(() => a.of('error').length > before, 3000, `error reply to ${JSON.stringify(m)}`);
      expect(a.of('error').at(-1)!.message).toMatch(re);
    }
    a.ws.send(Buffer.from([1, 2, 3]));
    await until(() => a.of('error').some((e) => /JSON text, not binary/.test(e.message)));
    // Oversized: ws closes with 1009 (message too big).
    const big = viewer();
    await big.open();
    big.send({ type: 'pause', pad: 'x'.repeat(10_000) });
    await until(() => big.closed !== null, 3000, 'close of the oversized sender');
    expect(big.closed!.code).toBe(1009);
    // Flooding is cut short.
    const flood = viewer();
    await flood.open();
    for (let k = 0; k < 100; k++) flood.send({ type: 'inspect', robot: 0 });
    await until(() => flood.of('error').some((e) => /too many messages/.test(e.message)), 3000, 'rate limit');
    // Everyone else carries on; new viewers connect.
    const n = other.frameCount;
    await until(() => other.frameCount > n + 5, 3000, 'frames after the bad messages');
    const late = viewer();
    await late.open();
    await until(() => late.frameCount > 0);
  });

  it('refuses browser pages from another origin and paths other than /ws', async () => {
    const foreign = viewer({ origin: 'http://evil.example' });
    await expect(foreign.open()).rejects.toThrow(/403/);
    const wrong = new TestViewer(ws.replace(/ws$/, 'other'));
    await expect(wrong.open()).rejects.toThrow(/404/);
    const same = viewer({ origin: server.url.replace(/\/$/, '') });
    await same.open();
  });
});

/** 2,000 robots: 24 KB frames, so a viewer that does not read fills the kernel's socket buffers within a second. */
const BIG = {
  name: 'big',
  duration: '4h',
  layout: { generate: { kind: 'warehouse', width: 200, height: 60, stations: 8, chargers: 8 } },
  robots: { count: 2000, battery: { chargeBelow: 0 } },
  demand: { ordersPerHour: 3000 },
};

describe('wsim serve: a viewer that does not read', () => {
  it('is skipped (latest state wins) without the server buffering for it, then dropped; others keep receiving', async () => {
    const highWater = 64 * 1024;
    const server = await startLiveServer({
      configFor: (seed) => scenarioFromJson('big.json', BIG, { seed }).config,
      dist: fakeDist(),
      port: 0,
      speed: 'max',
      // Short slices and a high frame rate: megabytes a second toward the viewer that does not read.
      sliceMs: 1,
      hub: { highWaterBytes: highWater, maxFps: 500, stallMs: 2500, refreshMs: 200 },
    });
    const ws = server.url.replace('http', 'ws') + 'ws';
    const good = new TestViewer(ws, 5);
    try {
      await good.open();
      const slow = await stalledViewer(server.port);
      await until(() => server.hub.allStats().some((s) => s.framesSkipped > 0), 10_000, 'the slow viewer to back up');
      const memBefore = process.memoryUsage();
      const goodBefore = good.frameCount;
      // While the slow viewer is backed up: its socket buffer stays bounded and the good viewer keeps going.
      let maxBuffered = 0;
      for (let k = 0; k < 40; k++) {
        await sleep(25);
        for (const s of server.hub.allStats()) maxBuffered = Math.max(maxBuffered, s.bufferedAmount);
      }
      const stuck = server.hub.allStats().reduce((a, b) => (a.framesSkipped > b.framesSkipped ? a : b));
      const frameBytes = good.frames[good.frames.length - 1].bytes;
      // Over the high-water mark by at most what one round of sends adds (a frame, a heat map, a status).
      expect(maxBuffered).toBeLessThan(highWater + 3 * frameBytes + 16 * 1024);
      expect(stuck.framesSkipped).toBeGreaterThan(20);
      expect(stuck.pendingEvents).toBeLessThanOrEqual(8192); // the event log's bound
      expect(good.frameCount - goodBefore).toBeGreaterThan(20);
      const memAfter = process.memoryUsage();
      const grew = memAfter.heapUsed + memAfter.arrayBuffers - (memBefore.heapUsed + memBefore.arrayBuffers);
      const skippedBytes = stuck.framesSkipped * frameBytes;
      // The frames it skipped would have cost this much if queued; the process grew far less (GC noise aside).
      expect(grew).toBeLessThan(Math.max(32 * 1024 * 1024, skippedBytes));
      // After stallMs it is disconnected; the good viewer still streams.
      await until(() => server.hub.dropped >= 1, 8000, 'the slow viewer to be dropped');
      await until(() => slow.destroyed || slow.readableEnded || server.hub.count === 1, 5000, 'the slow socket to close');
      const n = good.frameCount;
      await until(() => good.frameCount > n + 10, 3000, 'frames after the drop');
      slow.destroy();
    } finally {
      good.close();
      await server.close();
    }
  });
});
