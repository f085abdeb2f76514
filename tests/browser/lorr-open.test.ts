import type { ChildProcess } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launch, openPage, serveDist, shots, wsim } from './browser.js';

/**
 * A LoRR output opened with the viewer's Open…, picked together with its
 * problem and the map, agents and tasks files the problem names (in folders
 * of their own, as the start-kit lays them out: matched by file name).
 */
const W = 24;
const H = 12;
const AGENTS = 10;

function writeProblem(dir: string): string {
  const rows = Array.from({ length: H }, (_, r) => Array.from({ length: W }, (_, c) => (r % 4 === 2 && c > 2 && c < W - 3 && c % 6 !== 0 ? '@' : '.')).join(''));
  const free: number[] = [];
  rows.forEach((row, r) => [...row].forEach((ch, c) => ch === '.' && free.push(r * W + c)));
  const agents = Array.from({ length: AGENTS }, (_, k) => free[k * 17]);
  const tasks = Array.from({ length: 30 }, (_, k) => `${free[(k * 37) % free.length]},${free[(k * 53 + 11) % free.length]}`);
  for (const sub of ['maps', 'agents', 'tasks']) mkdirSync(join(dir, sub));
  writeFileSync(join(dir, 'maps', 'small.map'), `type octile\nheight ${H}\nwidth ${W}\nmap\n${rows.join('\n')}\n`);
  writeFileSync(join(dir, 'agents', 'small.agents'), `${AGENTS}\n${agents.join('\n')}\n`);
  writeFileSync(join(dir, 'tasks', 'small.tasks'), `${tasks.length}\n${tasks.join('\n')}\n`);
  const file = join(dir, 'small.json');
  writeFileSync(file, JSON.stringify({ mapFile: 'maps/small.map', agentFile: 'agents/small.agents', taskFile: 'tasks/small.tasks', teamSize: AGENTS, numTasksReveal: 1, version: '2024 LoRR' }));
  return file;
}

function exited(child: ChildProcess): Promise<number | null> {
  return new Promise((r) => child.once('exit', r));
}

let browser: Browser;
let site: { url: string; close(): Promise<void> };
let dir: string;
let problem: string;
let out: string;

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'wsim-lorr-open-'));
  problem = writeProblem(dir);
  out = join(dir, 'small-out.json');
  expect(await exited(wsim(['lorr', problem, '--steps', '60', '--output', out, '--quiet']))).toBe(0);
  browser = await launch();
  site = await serveDist();
});

afterAll(async () => {
  await browser?.close();
  await site?.close();
  if (dir) rmSync(dir, { recursive: true, force: true });
});

describe('Open… with a LoRR output and its problem', () => {
  it('names the missing files in one line, then opens the full set as a replay', async () => {
    const { page, errors } = await openPage(browser, site.url);
    // The output alone: its problem is needed.
    await page.setInputFiles('#file', [out]);
    await page.waitForFunction(() => window.__wsim.errors().length > 0);
    expect(await page.evaluate(() => window.__wsim.errors())).toEqual([
      'small-out.json is a League of Robot Runners output: open it together with its problem JSON and the map, agents and tasks files the problem names',
    ]);
    // With its problem but not the problem's files: those are named.
    await page.setInputFiles('#file', [out, problem, join(dir, 'agents', 'small.agents')]);
    await page.waitForFunction(() => window.__wsim.errors().some((e) => e.startsWith('small.json')));
    expect(await page.evaluate(() => window.__wsim.errors())).toEqual([
      'small.json names small.map, small.tasks, not among the files opened: open them together with small-out.json and small.json',
    ]);
    expect(await page.evaluate(() => window.__wsim.source)).toBe('local');
    // The whole set, in any order.
    await page.setInputFiles('#file', [join(dir, 'tasks', 'small.tasks'), out, join(dir, 'maps', 'small.map'), problem, join(dir, 'agents', 'small.agents')]);
    await page.waitForFunction((n) => window.__wsim.source === 'replay' && window.__wsim.robots === n, AGENTS, { timeout: 30_000 });
    expect(await page.evaluate(() => window.__wsim.scenario)).toBe('small-out.json on small.json');
    expect(await page.evaluate(() => window.__wsim.errors())).toEqual([]);
    // Every step is there: scrub to the last one.
    expect(await page.locator('#scrub').getAttribute('max')).toBe('60');
    await page.evaluate(() => {
      const scrub = document.getElementById('scrub') as HTMLInputElement;
      scrub.value = '60';
      scrub.dispatchEvent(new Event('input'));
    });
    await page.waitForFunction(() => window.__wsim.tick === 60);
    await page.click('#fit');
    await page.waitForTimeout(500);
    await page.screenshot({ path: join(shots, 'lorr-open.png') });
    expect(errors).toEqual([]);
    await page.close();
  });
});
