import type { ChildProcess } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { decodeFrame } from '../../src/record/frame-codec.js';
import { openRecording } from '../../src/record/open-recording.js';
import { nextCells, occupancy, waitChain } from '../../src/viewer/view/wait-chain.js';
import { launch, openPage, shots, stop, wsim } from './browser.js';

/**
 * A League of Robot Runners output of 5,000 agents on a 500x140 warehouse
 * floor (made here: shelf blocks two rows deep between one-row aisles),
 * opened with `wsim view OUT.json --problem PROBLEM.json`.
 */
const W = 500;
const H = 140;
const AGENTS = 5000;
const STEPS = 150;

function warehouseRows(): string[] {
  const rows: string[] = [];
  for (let r = 0; r < H; r++) {
    let s = '';
    for (let c = 0; c < W; c++) {
      const shelf = r >= 4 && r < H - 4 && r % 3 !== 0 && c >= 8 && c < W - 8 && c % 12 < 10;
      s += shelf ? '@' : '.';
    }
    rows.push(s);
  }
  return rows;
}

function writeProblem(dir: string): string {
  const rows = warehouseRows();
  const free: number[] = [];
  rows.forEach((row, r) => [...row].forEach((ch, c) => ch === '.' && free.push(r * W + c)));
  const agents = Array.from({ length: AGENTS }, (_, k) => free[Math.floor((k * free.length) / AGENTS)]);
  let seed = 12345;
  const rnd = () => ((seed = (seed * 1103515245 + 12345) % 2147483648) / 2147483648);
  const tasks = Array.from({ length: 4000 }, () => `${free[Math.floor(rnd() * free.length)]},${free[Math.floor(rnd() * free.length)]}`);
  for (const sub of ['maps', 'agents', 'tasks']) mkdirSync(join(dir, sub));
  writeFileSync(join(dir, 'maps', 'w.map'), `type octile\nheight ${H}\nwidth ${W}\nmap\n${rows.join('\n')}\n`);
  writeFileSync(join(dir, 'agents', 'w.agents'), `${AGENTS}\n${agents.join('\n')}\n`);
  writeFileSync(join(dir, 'tasks', 'w.tasks'), `${tasks.length}\n${tasks.join('\n')}\n`);
  const file = join(dir, 'w.json');
  writeFileSync(file, JSON.stringify({ mapFile: 'maps/w.map', agentFile: 'agents/w.agents', taskFile: 'tasks/w.tasks', teamSize: AGENTS, numTasksReveal: 1.5, version: '2024 LoRR' }));
  return file;
}

function exited(child: ChildProcess): Promise<number | null> {
  return new Promise((r) => child.once('exit', r));
}

/** Starts `wsim view ARGS` on a free port; resolves with its URL once it listens. */
function startView(args: string[]): Promise<{ child: ChildProcess; url: string }> {
  const child = wsim(['view', ...args, '--port', '0']);
  let out = '';
  child.stdout!.on('data', (d) => (out += d));
  child.stderr!.on('data', (d) => (out += d));
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`wsim view did not start: ${out}`)), 120_000);
    child.stdout!.on('data', () => {
      const m = /at (http:\/\/127\.0\.0\.1:\d+\/)/.exec(out);
      if (m) {
        clearTimeout(timer);
        resolve({ child, url: m[1] });
      }
    });
    child.once('exit', (code) => reject(new Error(`wsim view exited with ${code}: ${out}`)));
  });
}

/** Drags the scrubber to `tick` and returns the ms until the page shows that tick. */
function seekMs(page: Page, tick: number): Promise<number> {
  return page.evaluate(
    (t) =>
      new Promise<number>((resolve) => {
        const scrub = document.getElementById('scrub') as HTMLInputElement;
        const t0 = performance.now();
        scrub.value = String(t);
        scrub.dispatchEvent(new Event('input'));
        const poll = () => (window.__wsim.tick === t ? resolve(performance.now() - t0) : requestAnimationFrame(poll));
        poll();
      }),
    tick,
  );
}

let browser: Browser;
let dir: string;
let view: { child: ChildProcess; url: string };

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'wsim-lorr-view-'));
  const problem = writeProblem(dir);
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
