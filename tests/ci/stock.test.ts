import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { stockCsv, stockHtml, stockMarkdown } from '../../src/ci/stock.js';
import type { RunResult } from '../../src/experiment/run-one.js';
import { cli, tempDir } from '../experiment/fixtures.js';
import { scenarioPath } from '../helpers/scenarios.js';

const inv = (fillRate: number, stockoutLines: number, daysOfCover: number | null) => ({
  fillRate,
  stockoutLines,
  cancelledLines: 2,
  backorderedLines: 1,
  pickedUnits: 1000,
  meanOnHandUnits: 500,
  turnsPerYear: 50,
  daysOfCover,
});

function run(variant: string, replication: number, extra: Record<string, unknown>): RunResult {
  return { index: replication, variant, replication, seed: String(replication), wallSeconds: 0, report: { inventory: null, inbound: null, ...extra } } as unknown as RunResult;
}

describe("the CI reports' stock section", () => {
  const runs = [
    run('min-max', 0, { inventory: inv(0.98, 10, 1), inbound: { putVisits: 40, unitsStowed: 900, putAwayRobotHours: 2 } }),
    run('min-max', 1, { inventory: inv(0.96, 20, null), inbound: { putVisits: 60, unitsStowed: 1100, putAwayRobotHours: 3.2 } }),
    run('off', 0, { inventory: inv(1, 0, 2) }),
  ];

  it('writes the means over a variant\'s runs as CSV, a dash (empty) where no run has the figure', () => {
    expect(stockCsv(runs).get('stock.csv')).toBe(
      'variant,runs,fill_rate_pct,stockout_lines,cancelled_lines,backordered_lines,picked_units,mean_on_hand_units,turns_per_year,days_of_cover,put_visits,units_stowed,put_away_robot_hours\n' +
        'min-max,2,97,15,2,1,1000,500,50,1,50,1000,2.6\n' +
        'off,1,100,0,2,1,1000,500,50,2,,,\n',
    );
  });

  it('writes the same figures in the Markdown summary and the HTML report', () => {
    expect(stockMarkdown(runs)).toContain('| min-max | 97 | 15 | 2 | 1 | 1000 | 500 | 50 | 1 | 50 | 1000 | 2.6 |');
    expect(stockMarkdown(runs)).toContain('| off | 100 | 0 | 2 | 1 | 1000 | 500 | 50 | 2 | – | – | – |');
    expect(stockHtml(runs)).toContain('<td class="l">min-max</td><td>97</td><td>15</td>');
  });

  it('adds nothing when no run has finite stock', () => {
    const plain = [run('base', 0, {})];
    expect(stockCsv(plain).size).toBe(0);
    expect(stockMarkdown(plain)).toBe('');
    expect(stockHtml(plain)).toBe('');
  });
});

describe("wsim run's CI reports with finite stock and inbound", () => {
  it('add the stock section, stock.csv and the stock and put-away KPIs', async () => {
    const dir = tempDir();
    const r = await cli('run', scenarioPath('inbound-peak.json'), '--quiet', '--duration', '8h', '--summary', join(dir, 'summary.md'), '--csv', join(dir, 'csv'), '--html', join(dir, 'report.html'));
    expect(r.code).toBe(0);
    const md = readFileSync(join(dir, 'summary.md'), 'utf8');
    expect(md).toContain('### Stock');
    expect(md).toMatch(/\| inbound-peak \| [\d.]+ \| \d+/);
    expect(md).toContain('| inventory.fillRate ↑ |');
    expect(md).toContain('| inbound.unitsStowed ↑ |');
    const csvs = readdirSync(join(dir, 'csv'));
    expect(csvs).toContain('stock.csv');
    expect(csvs).toContain('kpi-inventory.fillRate.csv');
    expect(csvs).toContain('kpi-inbound.unitsStowed.csv');
    const html = readFileSync(join(dir, 'report.html'), 'utf8');
    expect(html).toContain('<h2>Stock</h2>');
    expect(html).toContain('Lines filled from stock at once (%)');
    expect(html).toContain('Units stowed at put stations');
  });
});
