import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { simFor } from '../helpers/scenarios.js';
import { browserAndSite, openPage } from './browser.js';

/**
 * The viewer's in-browser worker and the engine in Node reach the same state
 * at the same ticks: every robot's cell and the orders completed, hashed.
 */

const ctx = browserAndSite();

/** FNV-1a over the robots' cells and the orders completed. */
function stateHash(cells: ArrayLike<number>, ordersCompleted: number): string {
  let h = 0x811c9dc5;
  const mix = (v: number) => {
    for (let k = 0; k < 4; k++) {
      h ^= (v >>> (8 * k)) & 0xff;
      h = Math.imul(h, 0x01000193);
    }
  };
  for (let i = 0; i < cells.length; i++) mix(cells[i]);
  mix(ordersCompleted);
  return (h >>> 0).toString(16).padStart(8, '0');
}

/** Node: the state hash after every tick up to `ticks`, index = tick. */
function nodeHashes(scenario: string, seed: number, ticks: number): { hashes: string[]; orders: number[] } {
  const sim = simFor(`${scenario}.json`, { seed });
  const hashes: string[] = [];
  const orders: number[] = [];
  sim.observe((f) => {
    hashes[f.tick] = stateHash(f.cell.subarray(0, f.robotCount), f.ordersCompleted);
    orders[f.tick] = f.ordersCompleted;
  });
  sim.run(ticks);
  return { hashes, orders };
}

/** The browser: restarts the worker's run with `seed`, pauses, then steps `every` ticks at a time, hashing each state it reaches. */
async function browserHashes(page: Page, seed: number, every: number, upTo: number): Promise<Map<number, string>> {
  await page.evaluate((s) => {
    window.__wsim.control({ type: 'restart', seed: s });
    window.__wsim.control({ type: 'pause' });
  }, seed);
  // Let the frames in flight arrive; the paused tick then stays put.
  let t0 = -2;
  for (let tries = 0; tries < 50; tries++) {
    await page.waitForTimeout(200);
    const t = await page.evaluate(() => window.__wsim.tick);
    if (t === t0) break;
    t0 = t;
  }
  const out = new Map<number, string>();
  const read = async () => {
    const s = await page.evaluate(() => ({ tick: window.__wsim.tick, cells: window.__wsim.cells(), orders: window.__wsim.ordersCompleted }));
    // Tick 0 is the start, before Node's first frame: nothing to compare.
    if (s.tick > 0) out.set(s.tick, stateHash(s.cells, s.orders));
    return s.tick;
  };
  let tick = await read();
  while (tick + every <= upTo) {
    const want = tick + every;
    await page.evaluate((n) => window.__wsim.control({ type: 'step', count: n }), every);
    await page.waitForFunction((w) => window.__wsim.tick === w, want, { timeout: 60_000 });
    tick = await read();
  }
  return out;
}

describe('the same run in the browser worker and in Node', () => {
  for (const [scenario, every, upTo] of [
    ['default', 100, 1200],
    ['dense', 40, 320],
  ] as const) {
    it(`${scenario}: the same robot cells and orders completed at the same ticks, for the same seed`, async () => {
      const seed = 11;
      const { page, errors } = await openPage(ctx.browser, `${ctx.site.url}?scenario=${scenario}&speed=1`);
      const seen = await browserHashes(page, seed, every, upTo);
      const node = nodeHashes(scenario, seed, upTo);
      expect(seen.size).toBeGreaterThanOrEqual(upTo / every - 1);
      for (const [tick, hash] of seen) expect(`${tick}: ${hash}`).toBe(`${tick}: ${node.hashes[tick]}`);
      // Something happened: robots moved and orders were completed by the last tick compared.
      const last = Math.max(...seen.keys());
      expect(new Set([...seen.values()]).size).toBeGreaterThan(seen.size / 2);
      if (scenario === 'default') expect(node.orders[last]).toBeGreaterThan(0);
      // Sanity: another seed gives other states, so equal hashes mean something.
      const other = nodeHashes(scenario, seed + 1, upTo);
      expect([...seen].filter(([tick, hash]) => other.hashes[tick] !== hash).length).toBeGreaterThan(seen.size / 2);
      expect(errors).toEqual([]);
      await page.close();
    });
  }
});
