import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { SHORT_PODS_SECTION, STOCK_SECTION } from '../../src/inventory/frame.js';
import { decodeFrame } from '../../src/record/frame-codec.js';
import { readRecording } from '../../src/record/recording-file.js';
import { browserAndSite, openPage, root, shots, wsim } from './browser.js';

const ctx = browserAndSite();

describe('stock-outs in the viewer', () => {
  it('a recording of a run with finite stock: the panel shows the lines waiting for stock and the pods holding their SKUs are marked', async () => {
    // The default site with two units in every slot: stock runs out within minutes and nothing restocks it.
    const dir = mkdtempSync(join(tmpdir(), 'wsim-e2e-'));
    const base = JSON.parse(readFileSync(join(root, 'scenarios/default.json'), 'utf8'));
    const scenario = { ...base, name: 'short-stock', duration: '20m', inventory: { initial: { units: 2 } } };
    delete scenario.$schema;
    writeFileSync(join(dir, 'short.json'), JSON.stringify(scenario));
    const file = join(dir, 'short.wsrec');
    const run = wsim(['run', join(dir, 'short.json'), '--record', file, '--quiet']);
    expect(await new Promise((r) => run.once('exit', r))).toBe(0);
    const reader = readRecording(readFileSync(file));
    const at = 1000;
    const f = decodeFrame(await reader.frameAt(at));
    const counts = Array.from(f.named.get(STOCK_SECTION)!);
    const marks = Array.from(f.named.get(SHORT_PODS_SECTION)!);
    const marked = marks.filter((m) => m === 1).length;
    // The run has stock-outs by then, lines waiting and pods marked: the test can see them.
    expect(counts[0]).toBeGreaterThan(0);
    expect(marked).toBeGreaterThan(0);

    const { page, errors } = await openPage(ctx.browser, ctx.site.url);
    await page.setInputFiles('#file', file);
    await page.waitForFunction(() => window.__wsim.source === 'replay');
    await page.locator('#scrub').fill(String(at));
    await page.waitForFunction((t) => window.__wsim.tick === t, at);
    expect(await page.evaluate(() => [window.__wsim.stockWaiting, window.__wsim.shortPods])).toEqual([counts[0], marked]);
    // The panel refreshes a few times a second.
    const want = `${counts[0].toLocaleString('en')} line${counts[0] === 1 ? '' : 's'}`;
    await page.waitForFunction((w) => document.querySelector('#kpi-stock')?.textContent === w, want, { timeout: 10_000 });
    expect(await page.locator('#stock').isVisible()).toBe(true);
    expect(await page.locator('#stock-detail div').allTextContents()).toEqual([
      `${counts[1].toLocaleString('en')} stock-outs so far, ${counts[2]} cancelled`,
      `${marked} pod${marked === 1 ? '' : 's'} holding their SKUs`,
    ]);
    await page.waitForTimeout(500);
    await page.screenshot({ path: join(shots, 'viewer-stock.png') });
    expect(errors).toEqual([]);
    await page.close();
  });

  it('a run without finite stock shows no stock figure', async () => {
    const { page, errors } = await openPage(ctx.browser, `${ctx.site.url}?speed=100`);
    await page.waitForFunction(() => window.__wsim.tick > 100, null, { timeout: 30_000 });
    await page.waitForFunction(() => document.querySelector('#kpi-throughput')?.textContent?.includes('orders/h'), null, { timeout: 30_000 });
    expect(await page.evaluate(() => [window.__wsim.stockWaiting, window.__wsim.shortPods])).toEqual([-1, -1]);
    expect(await page.locator('#stock').isVisible()).toBe(false);
    expect(errors).toEqual([]);
    await page.close();
  });
});
