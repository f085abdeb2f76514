import type { ChildProcess } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { wsim } from './browser.js';

/** The warehouse floor LoRR problems are generated on: 500x140, shelf blocks two rows deep between one-row aisles. */
export const W = 500;
export const H = 140;

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

/** Writes a LoRR problem of `agents` agents on the warehouse floor into `dir` (map, agents and tasks in folders of their own); returns the problem JSON's path. */
export function writeWarehouseProblem(dir: string, agents: number): string {
  const rows = warehouseRows();
  const free: number[] = [];
  rows.forEach((row, r) => [...row].forEach((ch, c) => ch === '.' && free.push(r * W + c)));
  const starts = Array.from({ length: agents }, (_, k) => free[Math.floor((k * free.length) / agents)]);
  let seed = 12345;
  const rnd = () => ((seed = (seed * 1103515245 + 12345) % 2147483648) / 2147483648);
  const tasks = Array.from({ length: 4000 }, () => `${free[Math.floor(rnd() * free.length)]},${free[Math.floor(rnd() * free.length)]}`);
  for (const sub of ['maps', 'agents', 'tasks']) mkdirSync(join(dir, sub));
  writeFileSync(join(dir, 'maps', 'w.map'), `type octile\nheight ${H}\nwidth ${W}\nmap\n${rows.join('\n')}\n`);
  writeFileSync(join(dir, 'agents', 'w.agents'), `${agents}\n${starts.join('\n')}\n`);
  writeFileSync(join(dir, 'tasks', 'w.tasks'), `${tasks.length}\n${tasks.join('\n')}\n`);
  const file = join(dir, 'w.json');
  writeFileSync(file, JSON.stringify({ mapFile: 'maps/w.map', agentFile: 'agents/w.agents', taskFile: 'tasks/w.tasks', teamSize: agents, numTasksReveal: 1.5, version: '2024 LoRR' }));
  return file;
}

/** Resolves with a child's exit code. */
export function exited(child: ChildProcess): Promise<number | null> {
  return new Promise((r) => child.once('exit', r));
}

/** Starts `wsim view ARGS` on a free port; resolves with its URL once it listens. */
export function startView(args: string[]): Promise<{ child: ChildProcess; url: string }> {
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
export function seekMs(page: Page, tick: number): Promise<number> {
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
