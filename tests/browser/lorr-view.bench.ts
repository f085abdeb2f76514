/**
 * LoRR viewer benchmark (`npm run bench:viewer-lorr`): a generated problem of
 * 5,000 and 10,000 agents on the 500x140 warehouse floor, run for 150 steps
 * with `wsim lorr`, opened with `wsim view`: the time to scrub to a step and
 * the frames per second while playing. Printed and written to
 * test-output/lorr-bench.json; seeking must stay under a second.
 *
 * Frames per second are the page's animation frames counted in the page
 * (requestAnimationFrame runs once per frame the browser puts on screen)
 * over PLAY_SECONDS of steady playback, a second after the run opened,
 * while the step shown keeps advancing at the speed the run plays at.
 */
import type { ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { launch, openPage, shots, stop, wsim } from './browser.js';
import { exited, seekMs, startView, writeWarehouseProblem } from './lorr-fixture.js';

const SIZES = (process.env.BENCH_AGENTS ?? '5000,10000').split(',').map(Number);
const STEPS = 150;
/** Seconds of playback counted for frames per second (the run plays 10 steps a second: 150 steps last 15 s). */
const PLAY_SECONDS = 8;
/** Seconds of playback left out before counting: the first frames, the first heat map. */
const WARM_SECONDS = 1;

interface Playback {
  frames: number;
  seconds: number;
  /** Frames the viewer drew in that time (its own count: the same frames, checked). */
  drawn: number;
  /** Steps the display advanced by. */
  steps: number;
  /** Frames in which the step shown changed. */
  stepFrames: number;
  /** Gaps between frames, ms. */
  gaps: number[];
}

/** Counts animation frames in the page for `ms` of playback. */
function countFrames(page: Page, ms: number): Promise<Playback> {
  return page.evaluate(
    (ms) =>
      new Promise<Playback>((resolve) => {
        const h = window.__wsim;
        const gaps: number[] = [];
        let t0 = -1;
        let last = 0;
        let frames = 0;
        let drawn0 = 0;
        let tick0 = 0;
        let tick = 0;
        let stepFrames = 0;
        const frame = (t: number) => {
          if (t0 < 0) {
            // The first callback starts the clock.
            t0 = last = t;
            drawn0 = h.animationFrames;
            tick0 = tick = h.tick;
          } else {
            frames++;
            gaps.push(t - last);
            last = t;
            if (h.tick !== tick) {
              tick = h.tick;
              stepFrames++;
            }
          }
          if (t - t0 < ms) requestAnimationFrame(frame);
          else resolve({ frames, seconds: (t - t0) / 1000, drawn: h.animationFrames - drawn0, steps: h.tick - tick0, stepFrames, gaps });
        };
        requestAnimationFrame(frame);
      }),
    ms,
  );
}

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
      // Playing on its own, at the speed it opens with (10 steps a second).
      await page.waitForTimeout(WARM_SECONDS * 1000);
      const p = await countFrames(page, PLAY_SECONDS * 1000);
      const sorted = [...p.gaps].sort((x, y) => x - y);
      // What playback looks like (test-output/, not committed).
      await page.screenshot({ path: join(shots, `lorr-bench-${agents}.png`) });
      await page.click('#pause');
      const seeks: number[] = [];
      for (const t of [140, 7, 100, 63, 64, 150, 1, 90]) seeks.push(Math.round(await seekMs(page, t)));
      const r = {
        agents,
        steps: STEPS,
        lorrSeconds: +lorrSeconds.toFixed(1),
        fpsPlaying: +(p.frames / p.seconds).toFixed(1),
        framesCounted: p.frames,
        framesDrawnByViewer: p.drawn,
        medianFrameMs: Math.round(sorted[sorted.length >> 1] ?? 0),
        p95FrameMs: Math.round(sorted[Math.floor(sorted.length * 0.95)] ?? 0),
        stepsPlayed: p.steps,
        framesWithNewStep: p.stepFrames,
        seekMs: seeks,
        worstSeekMs: Math.max(...seeks),
      };
      results.push(r);
      console.log(
        `${agents} agents: ${r.fpsPlaying} fps playing (headless, software GL; frame median ${r.medianFrameMs} ms, p95 ${r.p95FrameMs} ms; ${r.stepsPlayed} steps shown in ${PLAY_SECONDS} s), seek worst ${r.worstSeekMs} ms (${seeks.join(', ')})`,
      );
      expect(errors).toEqual([]);
      expect(r.worstSeekMs).toBeLessThan(1000);
      // The frames counted are frames of playback: the viewer drew each one and the step shown kept advancing.
      expect(Math.abs(p.drawn - p.frames)).toBeLessThanOrEqual(2);
      expect(p.steps).toBeGreaterThan(PLAY_SECONDS * 10 * 0.5);
      await page.close();
    } finally {
      if (view) await stop(view.child);
      rmSync(dir, { recursive: true, force: true });
    }
  });
}
