/**
 * LoRR viewer benchmark (`npm run bench:viewer-lorr`): a generated problem of
 * 5,000 and 10,000 agents on the 500x140 warehouse floor, run for 150 steps
 * with `wsim lorr`, opened with `wsim view`: the time to scrub to a step and
 * the frames per second while playing. Printed and written to
 * test-output/lorr-bench.json; seeking must stay under a second.
 */
import type { ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { launch, openPage, shots, stop, wsim } from './browser.js';
import { exited, seekMs, startView, writeWarehouseProblem } from './lorr-fixture.js';

const SIZES = (process.env.BENCH_AGENTS ?? '5000,10000').split(',').map(Number);
const STEPS = 150;
/** Seconds of playback counted for frames per second. */
const PLAY_SECONDS = 6;

let browser: Browser;
const results: unknown[] = [];

beforeAll(async () => {
  browser = await launch();
});

afterAll(async () => {
  await browser?.close();
  writeFileSync(join(shots, 'lorr-bench.json'), JSON.stringify(results, null, 2) + '\n');
  console.log(`\nwritten to ${join(shots, 'lorr-bench.json')}`);
});

for (const agents of SIZES) {
  it(`${agents} agents: seek time and frames per second while playing`, async () => {
    const dir = mkdtempSync(join(tmpdir(), 'wsim-lorr-bench-'));
    let view: { child: ChildProcess; url: string } | null = null;
    try {
      const problem = writeWarehouseProblem(dir, agents);
      const out = join(dir, 'out.json');
      const t0 = Date.now();
      expect(await exited(wsim(['lorr', problem, '--steps', String(STEPS), '--guidance', 'none', '--output', out, '--quiet']))).toBe(0);
      const lorrSeconds = (Date.now() - t0) / 1000;
      view = await startView([out, '--problem', problem]);
      const { page, errors } = await openPage(browser, view.url);
      await page.waitForFunction((n) => window.__wsim.source === 'replay' && window.__wsim.robots === n, agents, { timeout: 120_000 });
      // Playing on its own, at the speed it opens with.
      const a = await page.evaluate(() => ({ af: window.__wsim.animationFrames, tick: window.__wsim.tick, t: performance.now() }));
      await page.waitForTimeout(PLAY_SECONDS * 1000);
      const b = await page.evaluate(() => ({ af: window.__wsim.animationFrames, tick: window.__wsim.tick, t: performance.now() }));
      const secs = (b.t - a.t) / 1000;
      await page.click('#pause');
      const seeks: number[] = [];
      for (const t of [140, 7, 100, 63, 64, 150, 1, 90]) seeks.push(Math.round(await seekMs(page, t)));
      const r = {
        agents,
        steps: STEPS,
        lorrSeconds: +lorrSeconds.toFixed(1),
        fpsPlaying: +((b.af - a.af) / secs).toFixed(1),
        stepsPlayed: b.tick - a.tick,
        seekMs: seeks,
        worstSeekMs: Math.max(...seeks),
      };
      results.push(r);
      console.log(`${agents} agents: ${r.fpsPlaying} fps playing (headless, software GL), seek worst ${r.worstSeekMs} ms (${seeks.join(', ')})`);
      await page.screenshot({ path: join(shots, `lorr-bench-${agents}.png`) });
      expect(errors).toEqual([]);
      expect(r.worstSeekMs).toBeLessThan(1000);
      await page.close();
    } finally {
      if (view) await stop(view.child);
      rmSync(dir, { recursive: true, force: true });
    }
  });
}
