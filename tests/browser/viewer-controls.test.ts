import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { clock } from '../../src/viewer/ui/format.js';
import { browserAndSite, openPage, shots, startServe, stop, wsim } from './browser.js';

const ctx = browserAndSite();

const tick = (page: Page) => page.evaluate(() => window.__wsim.tick);

/** The default scenario's report from `wsim run` (same seed as the viewer's first run). */
async function defaultReport(): Promise<{ orders: { completed: number; open: number }; cycleTimeSeconds: { p50: number; p95: number } }> {
  const file = join(mkdtempSync(join(tmpdir(), 'wsim-e2e-')), 'report.json');
  const run = wsim(['run', '--report', file, '--quiet']);
  expect(await new Promise((r) => run.once('exit', r))).toBe(0);
  return JSON.parse(readFileSync(file, 'utf8'));
}

describe('viewer controls', () => {
  it('says when a run has ended, with the run’s final figures, and Play runs it again with the same seed', async () => {
    const report = await defaultReport();
    const { page, errors } = await openPage(ctx.browser, `${ctx.site.url}?speed=max`);
    await page.waitForSelector('#ended', { state: 'visible', timeout: 60_000 });
    const card = page.locator('#run-end');
    expect(await card.isVisible()).toBe(true);
    const text = (await card.textContent())!;
    expect(text).toMatch(/Run ended after 1h 00m 00s simulated · seed 1/);
    // The page's own run is the CLI's run: the same orders completed and open.
    expect(text).toContain(`Orders completed${report.orders.completed.toLocaleString('en')}`);
    expect(text).toContain(`Orders open at the end${report.orders.open}`);
    expect(text).toContain(`Cycle time p50 / p95${clock(report.cycleTimeSeconds.p50)} / ${clock(report.cycleTimeSeconds.p95)}`);
    expect(text).not.toContain('part this page saw');
    expect(await page.locator('#play').isDisabled()).toBe(false);
    await page.screenshot({ path: join(shots, 'viewer-ended.png') });
    // Space at the end: the run starts again, with its seed, and the end marks go.
    await page.locator('#stage canvas').click({ position: { x: 5, y: 5 } });
    await page.selectOption('#speed', '10');
    await page.keyboard.press(' ');
    await page.waitForFunction(() => window.__wsim.tick > 0 && window.__wsim.tick < 500);
    await page.waitForSelector('#ended', { state: 'hidden' });
    expect(await card.isVisible()).toBe(false);
    expect(await page.locator('#clock-run').textContent()).toMatch(/seed 1$/);
    expect(errors).toEqual([]);
    await page.close();
  });

  it('answers the keyboard: Space pauses and plays, arrows step, + and - change speed, F fits; shows frames per second', async () => {
    const { page, errors } = await openPage(ctx.browser, `${ctx.site.url}?speed=30`);
    await page.waitForFunction(() => window.__wsim.tick > 20);
    await page.keyboard.press(' ');
    await page.waitForFunction(() => (document.querySelector('#pause') as HTMLButtonElement).disabled);
    await page.waitForTimeout(300);
    const t0 = await tick(page);
    await page.keyboard.press('ArrowRight');
    await page.waitForFunction((t) => window.__wsim.tick === t + 1, t0);
    await page.keyboard.press('Shift+ArrowRight');
    await page.waitForFunction((t) => window.__wsim.tick === t + 11, t0);
    await page.keyboard.press('+');
    expect(await page.locator('#speed').inputValue()).toBe('100');
    await page.keyboard.press('-');
    await page.keyboard.press('-');
    expect(await page.locator('#speed').inputValue()).toBe('10');
    // Typing in the seed box is typing, not driving the run.
    await page.locator('#seed').fill('');
    await page.locator('#seed').press('-');
    expect(await page.locator('#seed').inputValue()).toBe('-');
    expect(await page.locator('#speed').inputValue()).toBe('10');
    await page.locator('#seed').fill('');
    await page.locator('#seed').blur();
    await page.locator('#stage canvas').hover();
    // Zoomed in, robot 0 leaves its place; F brings the whole floor back.
    const fitted = (await page.evaluate(() => window.__wsim.robotOnScreen(0)))!;
    for (let k = 0; k < 4; k++) await page.mouse.wheel(0, -300);
    await page.waitForTimeout(100);
    const zoomed = (await page.evaluate(() => window.__wsim.robotOnScreen(0)))!;
    expect(Math.abs(zoomed[0] - fitted[0]) + Math.abs(zoomed[1] - fitted[1])).toBeGreaterThan(20);
    await page.keyboard.press('f');
    await page.waitForTimeout(100);
    const back = (await page.evaluate(() => window.__wsim.robotOnScreen(0)))!;
    expect(Math.abs(back[0] - fitted[0]) + Math.abs(back[1] - fitted[1])).toBeLessThan(2);
    await page.keyboard.press(' ');
    await page.waitForFunction((t) => window.__wsim.tick > t + 5, t0 + 11);
    const fps = (await page.locator('#fps').textContent())!;
    expect(fps).toMatch(/^\d+ fps$/);
    expect(parseInt(fps, 10)).toBeGreaterThan(0);
    expect(errors).toEqual([]);
    await page.close();
  });

  it('has a legend for every cell kind and a congestion scale in seconds; hovering a cell names it and what stands there', async () => {
    const { page, errors } = await openPage(ctx.browser, `${ctx.site.url}?speed=30`);
    await page.waitForFunction(() => window.__wsim.tick > 30);
    const legend = (await page.locator('#cell-legend').textContent())!;
    for (const kind of ['wall', 'floor', 'storage location', 'pick station', 'charger', 'pod', 'station number', 'queue']) expect(legend).toContain(kind);
    expect(await page.locator('#heat-scale').isVisible()).toBe(false);
    await page.check('#ov-heat');
    expect(await page.locator('#heat-scale').isVisible()).toBe(true);
    await page.waitForFunction(() => /^\d[\d.,]* s$/.test(document.querySelector('#heat-scale .scale-ticks span:last-child')?.textContent ?? ''));
    expect(await page.locator('#heat-scale').textContent()).toMatch(/seconds robots on their way waited in each cell/);
    await page.click('#pause');
    await page.waitForTimeout(300);
    const box = (await page.locator('#stage canvas').boundingBox())!;
    const cells = await page.evaluate(() => window.__wsim.cells());
    const width = 34;
    const xy = (await page.evaluate(() => window.__wsim.robotOnScreen(5)))!;
    await page.mouse.move(box.x + xy[0], box.y + xy[1]);
    await page.waitForSelector('#hover', { state: 'visible' });
    const text = (await page.locator('#hover').textContent())!;
    expect(text).toContain(`row ${Math.floor(cells[5] / width)}, column ${cells[5] % width} · `);
    expect(text).toMatch(/robot 5 · [a-z ]+/);
    await page.screenshot({ path: join(shots, 'viewer-hover.png') });
    // Off the floor: no readout.
    await page.mouse.move(box.x + 3, box.y + 3);
    await page.waitForSelector('#hover', { state: 'hidden' });
    expect(errors).toEqual([]);
    await page.close();
  });

  it('lists every station in station order, scrolling, with figures that change while the order stays', async () => {
    const { page, errors } = await openPage(ctx.browser, `${ctx.site.url}?speed=100`);
    const scenario = {
      name: 'many-stations',
      duration: '1h',
      layout: { generate: { kind: 'warehouse', width: 60, height: 52, stations: 16, chargers: 4 } },
      robots: { count: 40 },
      demand: { ordersPerHour: 900 },
    };
    const file = join(mkdtempSync(join(tmpdir(), 'wsim-e2e-')), 'many-stations.json');
    writeFileSync(file, JSON.stringify(scenario));
    await page.setInputFiles('#file', file);
    await page.waitForFunction(() => window.__wsim.scenario === 'many-stations.json' && window.__wsim.tick > 30, null, { timeout: 30_000 });
    expect(await page.locator('#stations-count').textContent()).toBe('16, in station order');
    const samples: string[][] = [];
    const figures = new Set<string>();
    for (let k = 0; k < 6; k++) {
      await page.waitForTimeout(400);
      const rows = await page.locator('#stations tbody tr').evaluateAll((trs) => trs.map((tr) => Array.from((tr as HTMLTableRowElement).cells, (c) => c.textContent ?? '')));
      samples.push(rows.map((r) => r[0]));
      figures.add(rows.map((r) => `${r[2]}/${r[3]}`).join(' '));
    }
    const order = Array.from({ length: 16 }, (_, s) => String(s));
    for (const ids of samples) expect(ids).toEqual(order);
    // The run went on meanwhile: queues and pods at the stations changed.
    expect(figures.size).toBeGreaterThan(1);
    // More rows than the box holds: it scrolls rather than growing the panel.
    const box = await page.locator('#stations-section .table-scroll').evaluate((el) => ({ client: el.clientHeight, scroll: el.scrollHeight }));
    expect(box.scroll).toBeGreaterThan(box.client);
    await page.screenshot({ path: join(shots, 'viewer-stations.png') });
    expect(errors).toEqual([]);
    await page.close();
  });

  it('goes back to the server’s run from a local one through the scenario menu', async () => {
    const { child, url } = await startServe(['--speed', '20', '--duration', '20m']);
    try {
      const { page, errors } = await openPage(ctx.browser, url);
      await page.waitForFunction(() => window.__wsim.source === 'live' && window.__wsim.tick > 0);
      expect(await page.locator('#scenario').inputValue()).toBe('default (server)');
      await page.selectOption('#scenario', 'hub');
      await page.waitForFunction(() => window.__wsim.source === 'local' && window.__wsim.scenario === 'hub' && window.__wsim.tick > 0);
      // The server's run is still on the menu while the hub plays here.
      expect(await page.locator('#scenario option').allTextContents()).toContain('default (server)');
      await page.selectOption('#scenario', 'default (server)');
      await page.waitForFunction(() => window.__wsim.source === 'live' && window.__wsim.robots === 12);
      const t = await tick(page);
      await page.waitForFunction((t0) => window.__wsim.tick > t0, t);
      expect(await page.locator('#badge').textContent()).toBe('live');
      expect(await page.locator('#scenario').inputValue()).toBe('default (server)');
      expect((await page.locator('#scenario option').allTextContents()).filter((o) => o.includes('(server)'))).toEqual(['default (server)']);
      expect(errors).toEqual([]);
      await page.close();
    } finally {
      expect(await stop(child)).toBe(0);
    }
  });
});
