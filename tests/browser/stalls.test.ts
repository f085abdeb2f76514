import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { scenarioPath } from '../helpers/scenarios.js';
import { browserAndSite, openPage, shots } from './browser.js';

const ctx = browserAndSite();

describe('stalls in the viewer', () => {
  it('lists the longest stalls behind broken-down robots; clicking one selects its robot, brings it to the middle and draws its chain', async () => {
    const { page, errors } = await openPage(ctx.browser, ctx.site.url);
    // The dense site with a robot in every 25 broken down for 20 minutes and waited out: queues form behind them.
    const dense = JSON.parse(readFileSync(scenarioPath('dense.json'), 'utf8'));
    delete dense.$schema;
    const breakdowns = Array.from({ length: 20 }, (_, k) => ({ robot: k * 25, at: '1m', for: '20m' }));
    const file = join(mkdtempSync(join(tmpdir(), 'wsim-stalls-')), 'breakdowns.json');
    writeFileSync(file, JSON.stringify({ ...dense, name: 'breakdowns', duration: '10m', faults: { robots: { replanAbove: '1h', breakdowns } } }));
    await page.setInputFiles('#file', file);
    await page.waitForFunction(() => window.__wsim.scenario === 'breakdowns.json' && window.__wsim.robots === 500);
    await page.selectOption('#speed', '100');
    await page.waitForFunction(() => window.__wsim.tick > 300, null, { timeout: 60_000 });
    await page.click('#pause');
    // The panel refreshes a few times a second.
    await page.waitForFunction(() => document.querySelectorAll('#stalls-list li[data-k]').length >= 3, null, { timeout: 10_000 });
    expect(await page.locator('#stalls').isVisible()).toBe(true);
    expect(await page.locator('#stalls-count').textContent()).toMatch(/^\d+ robots? waiting$/);
    // Text and title are read in one call, and until two reads 400 ms apart agree: the tick in
    // flight when the pause landed may still redraw the list, and a row's title must match its text.
    const read = () =>
      page.evaluate(() => Array.from(document.querySelectorAll('#stalls-list li[data-k]')).map((li) => [li.textContent ?? '', li.getAttribute('title') ?? '']));
    let list = await read();
    for (let tries = 0; ; tries++) {
      await page.waitForTimeout(400);
      const again = await read();
      if (JSON.stringify(again) === JSON.stringify(list)) break;
      expect(tries, 'the stall list keeps changing while paused').toBeLessThan(10);
      list = again;
    }
    const rows = list.map(([text]) => text);
    for (const t of rows) expect(t).toMatch(/^(\d+m )?\d+s (robot in the way|deadlock cycle|closed cell|station queue|charger): \d+( → \d+)*$/);
    // Longest first; the first has lasted since about the breakdowns (at 1 minute, the pause at 5 or more).
    const secs = rows.map((t) => {
      const m = /^(?:(\d+)m )?(\d+)s/.exec(t)!;
      return Number(m[1] ?? 0) * 60 + Number(m[2]);
    });
    expect(secs).toEqual([...secs].sort((a, b) => b - a));
    expect(secs[0]).toBeGreaterThan(180);
    // The row with the longest chain.
    const arrows = rows.map((t) => t.split('→').length);
    const k = arrows.indexOf(Math.max(...arrows));
    expect(arrows[k]).toBeGreaterThanOrEqual(3);
    const row = page.locator(`#stalls-list li[data-k="${k}"]`);
    const robot = Number(/robot (\d+)/.exec(list[k][1])![1]);
    // The chain starts at the robot the stall selects.
    expect(rows[k]).toMatch(new RegExp(`: ${robot} → `));
    await page.screenshot({ path: join(shots, 'stalls-panel.png') });
    await row.click();
    expect(await page.evaluate(() => window.__wsim.selected())).toBe(robot);
    const box = (await page.locator('#stage canvas').boundingBox())!;
    await page.mouse.move(box.x + box.width / 2, box.y + box.height / 2);
    for (let z = 0; z < 4; z++) await page.mouse.wheel(0, -240);
    await page.waitForTimeout(1500);
    const at = (await page.evaluate((i) => window.__wsim.robotOnScreen(i), robot))!;
    expect(Math.abs(at[0] - box.width / 2)).toBeLessThan(40);
    expect(Math.abs(at[1] - box.height / 2)).toBeLessThan(40);
    await page.screenshot({ path: join(shots, 'stalls-chain.png') });
    expect(errors).toEqual([]);
    await page.close();
  });
});
