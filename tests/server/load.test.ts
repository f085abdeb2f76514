import { Worker } from 'node:worker_threads';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { isFrame } from '../../src/record/frame-codec.js';
import { loadScenario } from '../../src/scenario/load.js';
import { WorkBudget } from '../../src/server/budget.js';
import { CLOSE_BUSY, DEFAULT_HUB } from '../../src/server/hub.js';
import { startLiveServer, type LiveServer } from '../../src/server/live-server.js';
import { scenarioPath } from '../helpers/scenarios.js';
import { fakeDist, heapAfterGc, sleep, TestViewer, until } from './clients.js';

/**
 * Server-wide limits, on 127.0.0.1: fifty viewers each within its own
 * message limit but together asking for restarts and 1,000-tick steps
 * without pause (which used to hold the event loop for seconds), and more
 * viewers than the server takes.
 */

const FLOODERS = 50;
/** Messages each flooder sends, restart and step 1000 in turn, one every SPACING_MS (under its limit of 20 a second). */
const ROUNDS = 10;
const SPACING_MS = 150;
/** How long the flooders keep reading after their last message. */
const DRAIN_MS = Number(process.env.FLOOD_DRAIN_MS ?? 400);
const MB = 1024 * 1024;

const configFor = (seed?: number | string) => loadScenario(scenarioPath('default.json'), { seed }).config;

/** What each flooder got back (see flooders.mjs). */
interface Tally {
  busy: string[];
  tooMany: number;
  other: string[];
}

/** Runs the flooders in a worker thread; resolves with their tallies when they are done. */
async function runFlooders(url: string, onStart: () => void): Promise<{ sentMs: number; tallies: Tally[] }> {
  const worker = new Worker(new URL('./flooders.mjs', import.meta.url), {
    workerData: { url, count: FLOODERS, rounds: ROUNDS, spacingMs: SPACING_MS, drainMs: DRAIN_MS },
  });
  try {
    return await new Promise((resolve, reject) => {
      worker.on('error', reject);
      worker.on('message', (m: { type: string; sentMs: number; tallies: Tally[] }) => {
        if (m.type === 'open') {
          onStart();
          worker.postMessage('go');
        } else resolve(m);
      });
    });
  } finally {
    await worker.terminate();
  }
}

/** Longest wait (ms) between the times in `at` within [from, to], the ends included. */
function maxGap(at: number[], from: number, to: number): number {
  const inside = [from, ...at.filter((t) => t > from && t < to), to];
  let gap = 0;
  for (let k = 1; k < inside.length; k++) gap = Math.max(gap, inside[k] - inside[k - 1]);
  return gap;
}

describe('wsim serve: 50 viewers flooding restarts and steps', () => {
  let server: LiveServer;
  let url: string;
  let good: TestViewer;
  /** When the good viewer got a frame, and anything at all (frames, heat maps, status: the latter two come every refreshMs). */
  const frameAt: number[] = [];
  const messageAt: number[] = [];
  let tallies: Tally[] = [];
  /** How long the flooders took to send everything (ROUNDS * SPACING_MS when they were not held up). */
  let sentMs = 0;
  const flood = { from: 0, to: 0 };
  let base: Awaited<ReturnType<typeof heapAfterGc>>;
  let peakRss = 0;

  beforeAll(async () => {
    server = await startLiveServer({
      configFor,
      dist: fakeDist(),
      port: 0,
      speed: 200,
      hub: { maxViewers: FLOODERS + 1, refreshMs: 250 },
    });
    url = server.url.replace('http', 'ws') + 'ws';
    good = new TestViewer(url, 2);
    good.ws.on('message', (data: Buffer, isBinary) => {
      messageAt.push(performance.now());
      if (isBinary && isFrame(new Uint8Array(data.buffer, data.byteOffset, data.byteLength))) frameAt.push(performance.now());
    });
    await good.open();
    await until(() => good.frameCount > 5, 5000, 'first frames');
    base = await heapAfterGc();
    let monitor: ReturnType<typeof setInterval> | undefined;
    const result = await runFlooders(url, () => {
      flood.from = performance.now();
      monitor = setInterval(() => (peakRss = Math.max(peakRss, process.memoryUsage().rss)), 25);
    }).finally(() => clearInterval(monitor));
    flood.to = performance.now();
    tallies = result.tallies;
    sentMs = result.sentMs;
  }, 60_000);

  afterAll(async () => {
    good?.close();
    await server?.close();
  });

  it('the good viewer keeps getting frames throughout', () => {
    const stall = maxGap(messageAt, flood.from, flood.to);
    // Frames while commands were coming in (afterwards the run may stay paused by the last step).
    const frameGap = maxGap(frameAt, flood.from, flood.from + sentMs);
    if (process.env.FLOOD_VERBOSE) {
      const floodMs = Math.round(flood.to - flood.from);
      console.log(JSON.stringify({ stallMs: Math.round(stall), frameGapMs: Math.round(frameGap), floodMs, sentMs: Math.round(sentMs), frames: frameAt.length, refused: server.hub.busy }));
    }
    // The server never stops answering for long (measured: 0.3-0.45 s, the first burst, with the rest of the suite running; without the budget, 17 s).
    expect(stall).toBeLessThan(1000);
    // Frames come less evenly: a step pauses the run, so none come until the next restart or step the budget takes.
    expect(frameGap).toBeLessThan(2000);
    expect(frameAt.length).toBeGreaterThan(((flood.to - flood.from) / 1000) * 5);
    expect(good.closed).toBeNull();
  });

  it('refused commands get a "server busy" reply saying when to try again', async () => {
    const busy = tallies.flatMap((t) => t.busy);
    // Most were refused: the 500 steps alone would take far longer than the flood lasted. Every refusal was told.
    expect(busy.length).toBeGreaterThan((FLOODERS * ROUNDS) / 2);
    expect(busy.length).toBe(server.hub.busy);
    for (const m of busy) expect(m).toMatch(/^server busy: (restart|step) refused, restarts and steps from all viewers are over this server.s limit; try again in \d+(\.\d)? s$/);
    // Each flooder stayed within its own limit: only the server-wide budget said no.
    expect(tallies.every((t) => t.tooMany === 0 && t.other.length === 0)).toBe(true);
    // They sent on time: the server's work never held them up.
    expect(sentMs).toBeLessThan(ROUNDS * SPACING_MS + 1500);
  });

  it('memory stays bounded', async () => {
    await until(() => server.hub.count === 1, 5000, 'only the good viewer left');
    const after = await heapAfterGc();
    if (process.env.FLOOD_VERBOSE) {
      const mb = (n: number) => +(n / MB).toFixed(1);
      console.log(JSON.stringify({ heapBefore: mb(base.heapUsed), heapAfter: mb(after.heapUsed), rssBefore: mb(base.rss), rssPeak: mb(peakRss), rssAfter: mb(after.rss) }));
    }
    expect(after.heapUsed - base.heapUsed).toBeLessThan(32 * MB);
    expect(peakRss - base.rss).toBeLessThan(256 * MB);
  });

  it('once the flood is over, a restart goes through again', async () => {
    const hellos = good.of('hello').length;
    const asker = new TestViewer(url, 2);
    await asker.open();
    // The budget refills at its rate: within a few seconds a restart is taken.
    for (let k = 0; k < 20 && good.of('hello').length === hellos; k++) {
      asker.send({ type: 'restart', seed: 5 });
      await sleep(250);
    }
    expect(good.of('hello').at(-1)!.layout.seed).toBe(5);
    asker.close();
  });
});

describe('the shared work budget', () => {
  it('lets a burst through, then refuses until the debt is paid back at its rate', () => {
    const b = new WorkBudget(250, 300, 0);
    expect(b.waitMs(0)).toBe(0);
    b.charge(200, 0);
    expect(b.waitMs(0)).toBe(0); // 100 ms left
    b.charge(300, 0); // a costly command: 200 ms in debt
    expect(b.waitMs(0)).toBeCloseTo(804, 0);
    expect(b.waitMs(500)).toBeCloseTo(304, 0);
    expect(b.waitMs(1000)).toBe(0);
    // Never more than the burst saved up, however long it was quiet.
    b.charge(0, 60_000);
    b.charge(301, 60_000);
    expect(b.waitMs(60_000)).toBeGreaterThan(0);
    const free = new WorkBudget(Number.POSITIVE_INFINITY, 300, 0);
    free.charge(1e9, 0);
    expect(free.waitMs(0)).toBe(0);
  });
});

describe('wsim serve: the viewer limit', () => {
  it('defaults to 32', () => {
    expect(DEFAULT_HUB.maxViewers).toBe(32);
  });

  it('closes a viewer over the limit with 1013 and a reason; a freed place is taken again', async () => {
    const server = await startLiveServer({ configFor, dist: fakeDist(), port: 0, hub: { maxViewers: 3 } });
    const url = server.url.replace('http', 'ws') + 'ws';
    const viewers = [0, 1, 2].map(() => new TestViewer(url, 2));
    try {
      await Promise.all(viewers.map((v) => v.open()));
      const extra = new TestViewer(url, 2);
      viewers.push(extra);
      await until(() => extra.closed !== null, 3000, 'the extra viewer to be closed');
      expect(extra.closed).toEqual({ code: CLOSE_BUSY, reason: 'server busy: 3 viewers already connected; try again later' });
      expect(extra.frameCount).toBe(0);
      expect(server.hub.refused).toBe(1);
      // The first three still stream; when one leaves, a newcomer gets in.
      viewers[0].close();
      await until(() => server.hub.count === 2, 3000, 'a place to free');
      const late = new TestViewer(url, 2);
      viewers.push(late);
      await until(() => late.frameCount > 0, 3000, 'frames to the newcomer');
      expect(late.closed).toBeNull();
    } finally {
      for (const v of viewers) v.close();
      await server.close();
    }
  });
});
