import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { decodeFrame, isFrame } from '../../src/record/frame-codec.js';
import { readRecording } from '../../src/record/recording-file.js';
import { browserAndSite, openPage, shots, startServe, stop, wsim } from './browser.js';

const ctx = browserAndSite();

const tick = (page: Page) => page.evaluate(() => window.__wsim.tick);
const canvasShot = (page: Page) => page.locator('#stage canvas').screenshot();

describe('the viewer in Chromium', () => {
  it('runs the default scenario in its worker: robots move, the canvas changes, the panel fills', async () => {
    const { page, errors } = await openPage(ctx.browser, ctx.site.url);
    expect(await page.evaluate(() => window.__wsim.source)).toBe('local');
    expect(await page.evaluate(() => window.__wsim.scenario)).toBe('default');
    expect(await page.evaluate(() => window.__wsim.renderer)).toBe('webgl');
    const cells0 = await page.evaluate(() => window.__wsim.cells());
    expect(cells0).toHaveLength(12);
    const read0 = await page.evaluate(() => window.__wsim.snapshot());
    const shot0 = await canvasShot(page);
    await page.selectOption('#speed', '100');
    await page.waitForFunction(() => window.__wsim.tick > 150, null, { timeout: 30_000 });
    const cells1 = await page.evaluate(() => window.__wsim.cells());
    expect(cells1.filter((c, i) => c !== cells0[i]).length).toBeGreaterThan(3);
    // The pixels differ too: read back from the canvas, and as the screen shows them.
    const read1 = await page.evaluate(() => window.__wsim.snapshot());
    expect(read1.length).toBeGreaterThan(5000);
    expect(read1).not.toBe(read0);
    expect((await canvasShot(page)).equals(shot0)).toBe(false);
    // One message per frame, not per robot; the page drew what it received.
    const h = await page.evaluate(() => ({ rx: window.__wsim.framesReceived, drawn: window.__wsim.framesDrawn, t: window.__wsim.tick }));
    expect(h.rx).toBeLessThanOrEqual(h.t + 1);
    expect(h.drawn).toBeGreaterThan(10);
    await page.waitForFunction(() => document.querySelector('#kpi-throughput')?.textContent?.includes('orders/h'), null, { timeout: 30_000 });
    expect(await page.locator('#stations tbody tr').count()).toBe(2);
    await page.check('#ov-heat');
    await page.waitForTimeout(1500);
    await page.screenshot({ path: join(shots, 'viewer-default.png') });
    expect(errors).toEqual([]);
    await page.close();
  });

  it('follows a clicked robot and shows its task, battery and planned path', async () => {
    const { page, errors } = await openPage(ctx.browser, ctx.site.url);
    await page.selectOption('#speed', '30');
    await page.waitForFunction(() => window.__wsim.tick > 40);
    await page.click('#pause');
    await page.waitForTimeout(300);
    // A robot with somewhere to go, if one is underway.
    const box = (await page.locator('#stage canvas').boundingBox())!;
    let picked = -1;
    for (let i = 0; i < 12 && picked < 0; i++) {
      const xy = await page.evaluate((k) => window.__wsim.robotOnScreen(k), i);
      await page.mouse.click(box.x + xy![0], box.y + xy![1]);
      await page.waitForTimeout(400);
      const text = await page.locator('#insp-body').textContent();
      if ((await page.evaluate(() => window.__wsim.selected())) === i && /cells? to go/.test(text ?? '')) picked = i;
    }
    expect(picked).toBeGreaterThanOrEqual(0);
    const text = (await page.locator('#inspector').textContent())!;
    expect(text).toMatch(new RegExp(`Robot #${picked}`));
    expect(text).toMatch(/battery\s*\d+% of 400 Wh/);
    expect(text).toMatch(/goal\s*r\d+ c\d+/);
    for (let k = 0; k < 5; k++) await page.mouse.wheel(0, -240);
    await page.click('#play');
    await page.waitForTimeout(1500);
    await page.screenshot({ path: join(shots, 'viewer-follow.png') });
    // The camera keeps the followed robot in the middle of the canvas, zoomed in.
    const at = (await page.evaluate((k) => window.__wsim.robotOnScreen(k), picked))!;
    expect(Math.abs(at[0] - box.width / 2)).toBeLessThan(40);
    expect(Math.abs(at[1] - box.height / 2)).toBeLessThan(40);
    // Single step while paused: exactly one tick.
    await page.click('#pause');
    await page.waitForTimeout(300);
    const t0 = await tick(page);
    await page.click('#step');
    await page.waitForFunction((t) => window.__wsim.tick === t + 1, t0);
    expect(errors).toEqual([]);
    await page.close();
  });

  it('shows a broken scenario’s problems with their paths, and keeps the current run', async () => {
    const { page, errors } = await openPage(ctx.browser, ctx.site.url);
    const dir = mkdtempSync(join(tmpdir(), 'wsim-e2e-'));
    const bad = join(dir, 'bad.json');
    writeFileSync(bad, JSON.stringify({ name: 'bad', duration: '1h', layout: { grid: ['@@@', '@P@', '@@@'] }, robots: { count: -2, speed: 'fast' }, demand: { ordersPerHour: 10 } }, null, 2));
    await page.setInputFiles('#file', bad);
    await page.waitForFunction(() => window.__wsim.errors().length > 0);
    const text = (await page.evaluate(() => window.__wsim.errors())).join('\n');
    expect(text).toMatch(/^bad\.json: robots\.count: Too small/m);
    expect(text).toMatch(/^bad\.json: robots\.speed: Invalid input: expected number/m);
    expect(await page.locator('.message h3').allTextContents()).toEqual(['Could not load bad.json']);
    // The default run carries on underneath.
    const t0 = await tick(page);
    await page.waitForFunction((t) => window.__wsim.tick > t, t0);
    expect(await page.evaluate(() => window.__wsim.scenario)).toBe('default');
    await page.screenshot({ path: join(shots, 'viewer-errors.png') });

    const syntax = join(dir, 'syntax.json');
    writeFileSync(syntax, '{\n  "name": "x",\n  "robots": { count: 3 }\n}\n');
    await page.setInputFiles('#file', syntax);
    await page.waitForFunction(() => window.__wsim.errors().some((e) => e.startsWith('syntax.json')));
    expect((await page.evaluate(() => window.__wsim.errors())).join('\n')).toMatch(/syntax\.json: not valid JSON at line 3, column \d+/);

    const map = join(dir, 'mapped.json');
    writeFileSync(map, JSON.stringify({ name: 'm', duration: '1h', layout: { map: 'site.map' }, robots: { count: 2 }, demand: { ordersPerHour: 10 } }));
    await page.setInputFiles('#file', map);
    await page.waitForFunction(() => window.__wsim.errors().some((e) => e.startsWith('mapped.json')));
    expect((await page.evaluate(() => window.__wsim.errors())).join('\n')).toMatch(/mapped\.json: layout\.map: the layout is read from the map file 'site\.map'/);
    expect(errors).toEqual([]);
    await page.close();
  });

  it('draws equipment and people: the hub’s belts, sorter and docks fill the equipment panel', async () => {
    const { page, errors } = await openPage(ctx.browser, `${ctx.site.url}?scenario=hub&speed=300`);
    await page.waitForFunction(() => window.__wsim.tick > 1500, null, { timeout: 60_000 });
    const text = (await page.locator('#equipment').textContent())!;
    expect(text).toMatch(/conveyors\s*\d+ totes on 5 belts/);
    expect(text).toMatch(/shipped\s*A \d+, B \d+, C \d+/);
    expect(await page.locator('#equipment').isVisible()).toBe(true);
    expect(await page.locator('#people-legend').isVisible()).toBe(false); // the hub has no pickers
    await page.screenshot({ path: join(shots, 'viewer-hub.png') });
    expect(errors).toEqual([]);
    await page.close();
  });

  it('marks the stations an arm picks at and lists the pack stations', async () => {
    const { page, errors } = await openPage(ctx.browser, `${ctx.site.url}?scenario=robot-picking&speed=100`);
    await page.waitForFunction(() => window.__wsim.tick > 600, null, { timeout: 60_000 });
    const rows = await page.locator('#stations tbody tr').allTextContents();
    expect(rows.filter((r) => r.includes('arm suction-arm')).length).toBe(2);
    expect(rows.filter((r) => !r.includes('arm')).length).toBe(2);
    await page.screenshot({ path: join(shots, 'viewer-arms.png') });
    await page.goto(`${ctx.site.url}?scenario=auto-pack&speed=100`);
    await page.waitForFunction(() => window.__wsim.tick > 300, null, { timeout: 60_000 });
    expect(await page.locator('#equipment').isVisible()).toBe(true);
    expect((await page.locator('#equipment').textContent())!).toMatch(/pack stations\s*auto \(machine\), bench \(bench, 2 people\)/);
    expect(errors).toEqual([]);
    await page.close();
  });

  it('lists the alert raised by an injected fault in the side panel', async () => {
    // alerts-drill.json breaks robot 5 down at 45 min; the detector flags it 3 min later.
    const { page, errors } = await openPage(ctx.browser, `${ctx.site.url}?scenario=alerts-drill&speed=max`);
    await page.waitForSelector('#alerts-list li', { timeout: 60_000 });
    const first = (await page.locator('#alerts-list li').last().textContent())!;
    expect(first).toBe('00:47:59 robot-stalled robot 5');
    expect(await page.locator('#alerts').isVisible()).toBe(true);
    expect(await page.locator('#alerts-count').textContent()).toMatch(/\d+ active, \d+ raised/);
    // At max speed the 8 h drill is over by now (Pause is disabled): the panel shows the whole run's alerts.
    await page.screenshot({ path: join(shots, 'viewer-alerts.png') });
    expect(errors).toEqual([]);
    await page.close();
  });

  it('runs a scenario file dropped on the page', async () => {
    const { page, errors } = await openPage(ctx.browser, ctx.site.url);
    const scenario = {
      name: 'dropped',
      duration: '10m',
      layout: { grid: ['@@@@@@@@@@', '@P.......@', '@..RRRR..@', '@........@', '@..RRRR.C@', '@........@', '@@@@@@@@@@'] },
      robots: { count: 4 },
      demand: { ordersPerHour: 120 },
    };
    const handle = await page.evaluateHandle((text) => {
      const dt = new DataTransfer();
      dt.items.add(new File([text], 'dropped.json', { type: 'application/json' }));
      return dt;
    }, JSON.stringify(scenario));
    await page.dispatchEvent('body', 'drop', { dataTransfer: handle });
    await page.waitForFunction(() => window.__wsim.scenario === 'dropped.json' && window.__wsim.robots === 4 && window.__wsim.tick > 5);
    expect(await page.locator('#scenario').inputValue()).toBe('dropped.json');
    expect(errors).toEqual([]);
    await page.close();
  });
});

describe('watching wsim serve', () => {
  it('shows the server’s run: the same ticks advance on two pages and a ws client; controls reach the server', async () => {
    const { child, url } = await startServe(['--speed', '20', '--duration', '20m']);
    const client = new WebSocket(url.replace('http', 'ws') + 'ws');
    let serverTick = -1;
    let paused = false;
    client.on('message', (data: Buffer, isBinary) => {
      if (!isBinary) {
        const m = JSON.parse(data.toString());
        if (m.type === 'status') paused = !m.playing;
        return;
      }
      const bytes = new Uint8Array(data.buffer, data.byteOffset, data.byteLength);
      if (isFrame(bytes)) serverTick = decodeFrame(bytes).tick;
    });
    try {
      const a = await openPage(ctx.browser, url);
      const b = await openPage(ctx.browser, url);
      for (const p of [a.page, b.page]) {
        await p.waitForFunction(() => window.__wsim.source === 'live' && window.__wsim.tick > 0);
        expect(await p.locator('#badge').textContent()).toBe('live');
        expect(await p.locator('#speed').inputValue()).toBe('20');
      }
      const t0 = await tick(a.page);
      await a.page.waitForFunction((t) => window.__wsim.tick > t + 20, t0, { timeout: 20_000 });
      // The pages and an independent client see one run: ticks within a frame or two of each other.
      const [ta, tb] = [await tick(a.page), await tick(b.page)];
      expect(Math.abs(ta - serverTick)).toBeLessThan(30);
      expect(Math.abs(tb - serverTick)).toBeLessThan(30);
      await a.page.screenshot({ path: join(shots, 'viewer-live.png') });
      // Pausing from one page pauses the server for everyone.
      await a.page.click('#pause');
      await b.page.waitForFunction(() => (document.querySelector('#pause') as HTMLButtonElement).disabled);
      expect(paused).toBe(true);
      await a.page.waitForTimeout(300);
      const frozen = await tick(b.page);
      await a.page.waitForTimeout(500);
      expect(await tick(b.page)).toBe(frozen);
      expect(serverTick).toBe(frozen);
      await b.page.click('#step');
      await a.page.waitForFunction((t) => window.__wsim.tick === t + 1, frozen);
      await b.page.click('#play');
      await a.page.waitForFunction((t) => window.__wsim.tick > t + 5, frozen + 1);
      expect(a.errors).toEqual([]);
      expect(b.errors).toEqual([]);
    } finally {
      client.terminate();
      expect(await stop(child)).toBe(0);
    }
  });

  it('wsim serve on an address it cannot use fails with a clear message', async () => {
    const child = wsim(['serve', '--port', '0', '--host', 'not an address']);
    let err = '';
    child.stderr!.on('data', (d) => (err += d));
    const code = await new Promise<number | null>((r) => child.once('exit', r));
    // Not a host name at all: refused as a usage error before any listening is tried.
    expect(code).toBe(2);
    expect(err).toMatch(/^wsim: 'not an address' is not a host name or address \(--host, --allow-host\)/);
    // A well-formed address this machine does not have: the listen itself fails, in one line.
    const other = wsim(['serve', '--port', '0', '--host', '192.0.2.1']);
    let otherErr = '';
    other.stderr!.on('data', (d) => (otherErr += d));
    expect(await new Promise<number | null>((r) => other.once('exit', r))).toBe(1);
    expect(otherErr).toMatch(/^wsim: cannot listen on 192\.0\.2\.1:0/);
  });
});

describe('recordings in the viewer', () => {
  it('opens a recording and scrubs to a tick showing the recorded state', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'wsim-e2e-'));
    const file = join(dir, 'run.wsrec');
    const run = wsim(['run', '--duration', '10m', '--record', file, '--quiet']);
    expect(await new Promise((r) => run.once('exit', r))).toBe(0);
    const reader = readRecording(readFileSync(file));
    const at300 = decodeFrame(await reader.frameAt(300));
    const at100 = decodeFrame(await reader.frameAt(100));
    const { page, errors } = await openPage(ctx.browser, ctx.site.url);
    await page.setInputFiles('#file', file);
    await page.waitForFunction(() => window.__wsim.source === 'replay');
    expect(await page.locator('#badge').textContent()).toBe('replay');
    expect(await page.locator('#scrubber').isVisible()).toBe(true);
    expect(await page.locator('#scrub').getAttribute('max')).toBe(String(reader.lastTick));
    await page.locator('#scrub').fill('300');
    await page.waitForFunction(() => window.__wsim.tick === 300);
    expect(await page.evaluate(() => window.__wsim.cells())).toEqual(Array.from(at300.cell));
    await page.locator('#scrub').fill('100');
    await page.waitForFunction(() => window.__wsim.tick === 100);
    expect(await page.evaluate(() => window.__wsim.cells())).toEqual(Array.from(at100.cell));
    await page.selectOption('#speed', '30');
    await page.click('#play');
    await page.waitForFunction(() => window.__wsim.tick > 130);
    await page.screenshot({ path: join(shots, 'viewer-replay.png') });
    expect(errors).toEqual([]);
    await page.close();
  });
});
