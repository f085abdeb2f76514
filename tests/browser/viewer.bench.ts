/**
 * Viewer benchmark (`npm run bench:viewer`): the JavaScript time per
 * animation frame of the viewer's update (interpolating and writing every
 * robot's particle, overlays) and of pixi's render call, and frames per
 * second, in headless Chromium with software GL, for 1,000 and 5,000 robots
 * on a generated 500x140 warehouse run in the page's worker at full speed and
 * at 10x;
 * then the size of streamed frames at 1,000 robots from `wsim serve`'s
 * server. Figures vary with the machine: compare runs taken on one machine.
 * Printed and written to test-output/bench-viewer.json.
 */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { deflateRawSync } from 'node:zlib';
import { afterAll, beforeAll, expect, it } from 'vitest';
import WebSocket from 'ws';
import type { Browser } from 'playwright-core';
import { isFrame } from '../../src/record/frame-codec.js';
import { scenarioFromJson } from '../../src/scenario/load.js';
import { startLiveServer } from '../../src/server/live-server.js';
import { benchScenario } from '../../src/viewer/scenarios.js';
import { dist, launch, serveDist, shots } from './browser.js';

const SECONDS = Number(process.env.BENCH_SECONDS ?? 10);
const SIZES = (process.env.BENCH_ROBOTS ?? '1000,5000').split(',').map(Number);
/** 'max': the worker simulates flat out (on a small machine it takes a core from drawing); 10: ten times real time. */
const SPEEDS = (process.env.BENCH_SPEEDS ?? 'max,10').split(',');

let browser: Browser;
let site: { url: string; close(): Promise<void> };
const results: Record<string, unknown> = {};

beforeAll(async () => {
  browser = await launch();
  site = await serveDist();
});

afterAll(async () => {
  await browser?.close();
  await site?.close();
  writeFileSync(join(shots, 'bench-viewer.json'), JSON.stringify(results, null, 2) + '\n');
  console.log(`\nwritten to ${join(shots, 'bench-viewer.json')}`);
});

function stats(xs: number[]) {
  const s = [...xs].sort((a, b) => a - b);
  const q = (p: number) => s[Math.min(s.length - 1, Math.floor(p * s.length))] ?? NaN;
  const mean = s.reduce((a, b) => a + b, 0) / Math.max(1, s.length);
  return { mean: +mean.toFixed(3), p50: +q(0.5).toFixed(3), p95: +q(0.95).toFixed(3), max: +(s[s.length - 1] ?? NaN).toFixed(3), n: s.length };
}

for (const n of SIZES) for (const speed of SPEEDS) {
  it(`viewer update and render with ${n} robots at speed ${speed}`, async () => {
    const page = await browser.newPage({ viewport: { width: 1400, height: 850 } });
    await page.goto(`${site.url}?bench=${n}&speed=${speed}`);
    await page.waitForFunction((k) => window.__wsim?.robots === k && window.__wsim.framesReceived > 3, n, { timeout: 120_000 });
    await page.waitForTimeout(1000);
    const start = await page.evaluate(() => {
      window.__wsim.timings.length = 0;
      return { af: window.__wsim.animationFrames, rx: window.__wsim.framesReceived, tick: window.__wsim.tick, t: performance.now() };
    });
    await page.waitForTimeout(SECONDS * 1000);
    const end = await page.evaluate(() => ({
      af: window.__wsim.animationFrames,
      rx: window.__wsim.framesReceived,
      tick: window.__wsim.tick,
      t: performance.now(),
      timings: window.__wsim.timings.slice(),
      bytes: window.__wsim.bytesReceived,
    }));
    await page.screenshot({ path: join(shots, `bench-${n}-${speed}.png`) });
    await page.close();
    const secs = (end.t - start.t) / 1000;
    const r = {
      robots: n,
      speed,
      seconds: +secs.toFixed(1),
      fps: +((end.af - start.af) / secs).toFixed(1),
      framesFromWorkerPerSecond: +((end.rx - start.rx) / secs).toFixed(1),
      ticksPerSecond: +((end.tick - start.tick) / secs).toFixed(1),
      updateMs: stats(end.timings.map((x) => x.update)),
      renderMs: stats(end.timings.map((x) => x.render)),
      updateAndRenderMs: stats(end.timings.map((x) => x.update + x.render)),
    };
    results[`viewer-${n}-${speed}`] = r;
    console.log(
      `${n} robots at ${speed}: ${r.fps} fps (headless, software GL), worker ${r.ticksPerSecond} ticks/s in ${r.framesFromWorkerPerSecond} frames/s; ` +
        `JS per frame: update mean ${r.updateMs.mean} ms (p95 ${r.updateMs.p95}), render call mean ${r.renderMs.mean} ms (p95 ${r.renderMs.p95}), both mean ${r.updateAndRenderMs.mean} ms`,
    );
    expect(r.updateMs.n).toBeGreaterThan(10);
  });
}

it('bytes per streamed frame at 1,000 robots (wsim serve)', async () => {
  const json = benchScenario(1000).json;
  const server = await startLiveServer({ configFor: (seed) => scenarioFromJson('bench-1000.json', json, { seed }).config, dist, port: 0, speed: 'max' });
  const sizes: number[] = [];
  let deflated = 0;
  let ticks = 0;
  const ws = new WebSocket(server.url.replace('http', 'ws') + 'ws');
  ws.on('message', (data: Buffer, isBinary) => {
    if (!isBinary) return;
    const bytes = new Uint8Array(data.buffer, data.byteOffset, data.byteLength);
    if (!isFrame(bytes)) return;
    sizes.push(bytes.length);
    if (sizes.length % 10 === 0) deflated += deflateRawSync(bytes).length * 10;
    ticks += new DataView(bytes.buffer, bytes.byteOffset).getUint32(12, true);
  });
  await new Promise((r) => setTimeout(r, 4000));
  ws.terminate();
  await server.close();
  const s = stats(sizes);
  const r = {
    frames: sizes.length,
    bytesPerFrame: s,
    fixedPartBytes: Math.min(...sizes),
    ticksPerFrame: +(ticks / Math.max(1, sizes.length)).toFixed(1),
    deflatedMeanBytes: Math.round(deflated / Math.max(1, Math.floor(sizes.length / 10) * 10)),
  };
  results['stream-1000'] = r;
  console.log(`stream at 1000 robots: ${r.frames} frames, bytes per frame mean ${s.mean} (min ${r.fixedPartBytes}, p95 ${s.p95}); deflated about ${r.deflatedMeanBytes}`);
  expect(sizes.length).toBeGreaterThan(10);
});
