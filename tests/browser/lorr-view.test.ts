import type { ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { decodeFrame } from '../../src/record/frame-codec.js';
import { openRecording } from '../../src/record/open-recording.js';
import { nextCells, occupancy, waitChain } from '../../src/viewer/view/wait-chain.js';
import { launch, openPage, shots, stop, wsim } from './browser.js';
import { exited, seekMs, startView, W, H, writeWarehouseProblem } from './lorr-fixture.js';

/**
 * A League of Robot Runners output of 5,000 agents on a 500x140 warehouse
 * floor (made here: shelf blocks two rows deep between one-row aisles),
 * opened with `wsim view OUT.json --problem PROBLEM.json`.
 */
const AGENTS = 5000;
const STEPS = 150;

let browser: Browser;
let dir: string;
let view: { child: ChildProcess; url: string };

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'wsim-lorr-view-'));
  const problem = writeWarehouseProblem(dir, AGENTS);
  const out = join(dir, 'out.json');
  const run = wsim(['lorr', problem, '--steps', String(STEPS), '--guidance', 'none', '--output', out, '--quiet']);
  expect(await exited(run)).toBe(0);
  view = await startView([out, '--problem', problem]);
  browser = await launch();
}, 300_000);

afterAll(async () => {
  await browser?.close();
  if (view) await stop(view.child);
  rmSync(dir, { recursive: true, force: true });
});

describe('a LoRR output of 5,000 agents in the viewer (wsim view)', () => {
  it('opens playing, scrubs to any step in under a second, and shows the wait-for chain and timeline of a selected agent', async () => {
    const { page, errors } = await openPage(browser, view.url);
    await page.waitForFunction((n) => window.__wsim.source === 'replay' && window.__wsim.robots === n, AGENTS, { timeout: 60_000 });
    // Playing on its own.
    const first = await page.evaluate(() => window.__wsim.tick);
    await page.waitForFunction((t) => window.__wsim.tick > t, first, { timeout: 20_000 });
    await page.click('#pause');

    // Seeks across the run, forwards and backwards.
    const times: number[] = [];
    for (const t of [140, 7, 100, 63, 64, 150, 1, 90]) times.push(await seekMs(page, t));
    const worst = Math.max(...times);
    writeFileSync(join(shots, 'lorr-seek.json'), JSON.stringify({ agents: AGENTS, steps: STEPS, seekMs: times, worstMs: worst }, null, 2));
    expect(worst).toBeLessThan(1000);

    // An agent at the head of a long wait-for chain at step 100 (found here from the same recording the page plays).
    const bytes = new Uint8Array(await (await fetch(new URL('view/file', view.url))).arrayBuffer());
    const reader = openRecording(bytes);
    const T = 100;
    const f = decodeFrame(await reader.frameAt(T));
    const occ = occupancy(f.cell, f.robotCount, new Int32Array(W * H));
    let best = { agent: -1, length: 0, chain: [] as number[] };
    for (let a = 0; a < f.robotCount; a++) {
      const c = waitChain(f.cell, nextCells(f)!, occ, a);
      if (c.agents.length > best.length) best = { agent: a, length: c.agents.length, chain: c.agents };
    }
    expect(best.length).toBeGreaterThanOrEqual(3);
    await seekMs(page, T);
    // Zoom in where the agent is, then click it.
    const box = (await page.locator('#stage canvas').boundingBox())!;
    let xy = (await page.evaluate((k) => window.__wsim.robotOnScreen(k), best.agent))!;
    await page.mouse.move(box.x + xy[0], box.y + xy[1]);
    for (let k = 0; k < 6; k++) await page.mouse.wheel(0, -240);
    await page.waitForTimeout(300);
    xy = (await page.evaluate((k) => window.__wsim.robotOnScreen(k), best.agent))!;
    await page.mouse.click(box.x + xy[0], box.y + xy[1]);
    await page.waitForFunction((a) => window.__wsim.selected() === a, best.agent);
    await page.waitForFunction(() => !document.getElementById('agent-timeline')!.hidden);
    await page.waitForTimeout(400);
    const text = (await page.locator('#agent-timeline').textContent())!;
    expect(text).toContain(`Agent ${best.agent}: timeline`);
    expect(text).toContain(`waits for ${best.chain.slice(1).join(' → ')}`);
    expect(text).toMatch(/Over the run: \d+ tasks, waited \d+ steps holding one, turned \d+ times/);
    await page.screenshot({ path: join(shots, 'lorr-chain.png') });

    // The heat map of waiting, accumulated to the step shown.
    await page.check('#ov-heat');
    await page.click('#fit');
    await seekMs(page, STEPS);
    await page.waitForTimeout(600);
    await page.screenshot({ path: join(shots, 'lorr-heat.png') });
    expect(errors).toEqual([]);
    await page.close();
  });
});
