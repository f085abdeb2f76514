import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdirSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium, type Browser, type Page } from 'playwright-core';
import { afterAll, beforeAll } from 'vitest';
import { serveStatic } from '../../src/server/static.js';

export const root = fileURLToPath(new URL('../../', import.meta.url));
export const dist = join(root, 'dist');
/** Screenshots for people to look at (gitignored). */
export const shots = join(root, 'test-output');

/** Debian's Chromium, headless, software GL. */
export function launch(): Promise<Browser> {
  if (!existsSync(join(dist, 'index.html'))) throw new Error('dist/ is missing: run `npm run build` (npm run test:browser does)');
  mkdirSync(shots, { recursive: true });
  return chromium.launch({
    executablePath: process.env.CHROMIUM ?? '/usr/bin/chromium',
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run', '--disable-quic'],
  });
}

/** Serves the built viewer on a free port of 127.0.0.1 (a plain static site: no live server behind it). */
export async function serveDist(): Promise<{ url: string; close(): Promise<void> }> {
  const files = serveStatic(dist);
  const server: Server = createServer(files);
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}/`,
    close: () => new Promise<void>((r) => server.close(() => r())),
  };
}

/**
 * A browser and the built viewer served for a whole test file: started before
 * its first test, closed after its last. Read the fields inside tests.
 */
export function browserAndSite(): { browser: Browser; site: { url: string; close(): Promise<void> } } {
  const ctx = {} as { browser: Browser; site: { url: string; close(): Promise<void> } };
  beforeAll(async () => {
    ctx.browser = await launch();
    ctx.site = await serveDist();
  });
  afterAll(async () => {
    await ctx.browser?.close();
    await ctx.site?.close();
  });
  return ctx;
}

/** A page with its errors collected (a page error fails the test that checks `errors`). */
export async function openPage(browser: Browser, url: string): Promise<{ page: Page; errors: string[] }> {
  const page = await browser.newPage({ viewport: { width: 1400, height: 850 } });
  const errors: string[] = [];
  page.on('pageerror', (e) => errors.push(e.message));
  await page.goto(url);
  await page.waitForFunction(() => (window as unknown as { __wsim?: { ready: boolean; tick: number } }).__wsim?.ready && window.__wsim.tick >= 0, null, { timeout: 30_000 });
  return { page, errors };
}

/** Runs the real CLI (`node src/cli/bin.mjs ...`). */
export function wsim(args: string[]): ChildProcess {
  return spawn(process.execPath, [join(root, 'src/cli/bin.mjs'), ...args], { cwd: root, stdio: ['ignore', 'pipe', 'pipe'] });
}

/** Starts `wsim serve` on a free port; resolves with its URL once it listens. */
export function startServe(args: string[]): Promise<{ child: ChildProcess; url: string; output: () => string }> {
  const child = wsim(['serve', '--port', '0', ...args]);
  let out = '';
  child.stdout!.on('data', (d) => (out += d));
  child.stderr!.on('data', (d) => (out += d));
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`wsim serve did not start: ${out}`)), 20_000);
    const check = () => {
      const m = /at (http:\/\/127\.0\.0\.1:\d+\/)/.exec(out);
      if (m) {
        clearTimeout(timer);
        resolve({ child, url: m[1], output: () => out });
      }
    };
    child.stdout!.on('data', check);
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`wsim serve exited with ${code}: ${out}`));
    });
  });
}

/** Stops a child with SIGINT and returns its exit code. */
export function stop(child: ChildProcess): Promise<number | null> {
  if (child.exitCode !== null) return Promise.resolve(child.exitCode);
  return new Promise((resolve) => {
    const kill = setTimeout(() => child.kill('SIGKILL'), 5000);
    child.once('exit', (code) => {
      clearTimeout(kill);
      resolve(code);
    });
    child.kill('SIGINT');
  });
}

declare global {
  interface Window {
    __wsim: import('../../src/viewer/test-hook.js').TestHook;
  }
}
