import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { serviceCsv, serviceHtml, serviceMarkdown } from '../../src/ci/service.js';
import type { RunResult } from '../../src/experiment/run-one.js';
import { cli, tempDir } from '../experiment/fixtures.js';
import { scenarioPath } from '../helpers/scenarios.js';

const cls = (created: number, sla: number, p50: number, p95: number) => ({ priority: 1, dueSeconds: 1200, created, held: 0, completed: created, onTime: created * sla, sla, cycleTimeSeconds: { p50, p95 } });

function run(variant: string, replication: number, extra: Record<string, unknown>): RunResult {
  return { index: replication, variant, replication, seed: String(replication), wallSeconds: 0, report: { orders: { created: 0, completed: 0, open: 0 }, shipments: null, quality: null, ...extra } } as unknown as RunResult;
}

describe('the CI reports\' service section', () => {
  const runs = [
    run('base', 0, { orders: { byClass: { express: cls(10, 0.8, 100, 200), standard: cls(20, 1, 300, 500) } }, shipments: { parcels: 32, splitOrders: 2 }, quality: { pickErrors: 4, caughtAtPack: 3, misShipmentRate: 0.01 } }),
    run('base', 1, { orders: { byClass: { express: cls(12, 0.9, 110, 220), standard: cls(22, 1, 320, 540) } }, shipments: { parcels: 36, splitOrders: 4 }, quality: { pickErrors: 6, caughtAtPack: 5, misShipmentRate: 0.02 } }),
  ];

  it('writes the means over a variant\'s runs per class, and parcels and accuracy per variant, as CSV', () => {
    const files = serviceCsv(runs);
    expect(files.get('service-classes.csv')).toBe(
      'variant,class,runs,created,completed,on_time_pct,cycle_p50_s,cycle_p95_s\nbase,express,2,11,11,85,105,210\nbase,standard,2,21,21,100,310,520\n',
    );
    expect(files.get('shipments-quality.csv')).toBe('variant,runs,parcels,split_orders,pick_errors,caught_at_pack,mis_shipment_pct\nbase,2,34,3,5,4,1.5\n');
  });

  it('writes the same figures in the Markdown summary and the HTML report', () => {
    const md = serviceMarkdown(runs);
    expect(md).toContain('| base | express | 11 | 11 | 85 | 105 | 210 |');
    expect(md).toContain('| base | 34 | 3 | 5 | 4 | 1.5 |');
    const html = serviceHtml(runs);
    expect(html).toContain('<td class="l">standard</td><td>21</td><td>21</td><td>100</td><td>310</td><td>520</td>');
    expect(html).toContain('<td>34</td><td>3</td><td>5</td><td>4</td><td>1.5</td>');
  });

  it('a variant with quality but no shipping rules shows a dash for the parcels', () => {
    const md = serviceMarkdown([run('q', 0, { quality: { pickErrors: 1, caughtAtPack: 0, misShipmentRate: 0.5 } })]);
    expect(md).toContain('| q | – | – | 1 | 0 | 50 |');
    expect(md).not.toContain('| class |');
  });

  it('adds nothing when no run has the figures', () => {
    const plain = [run('base', 0, {})];
    expect(serviceCsv(plain).size).toBe(0);
    expect(serviceMarkdown(plain)).toBe('');
    expect(serviceHtml(plain)).toBe('');
  });
});

describe('wsim run\'s CI reports with service classes, shipping rules and accuracy', () => {
  it('add the service section, its CSV files and the accuracy and parcel KPIs', async () => {
    const dir = tempDir();
    const r = await cli('run', scenarioPath('service-classes.json'), '--quiet', '--duration', '1h', '--summary', join(dir, 'summary.md'), '--csv', join(dir, 'csv'), '--html', join(dir, 'report.html'));
    expect(r.code).toBe(0);
    const md = readFileSync(join(dir, 'summary.md'), 'utf8');
    expect(md).toContain('### Service classes, shipments and accuracy');
    expect(md).toMatch(/\| service-classes \| same-day \| \d+ \| \d+ \|/);
    const csvs = readdirSync(join(dir, 'csv'));
    for (const f of ['service-classes.csv', 'shipments-quality.csv', 'kpi-quality.misShipmentRate.csv', 'kpi-shipments.parcels.csv']) expect(csvs).toContain(f);
    expect(readFileSync(join(dir, 'csv', 'service-classes.csv'), 'utf8').split('\n')[0]).toBe('variant,class,runs,created,completed,on_time_pct,cycle_p50_s,cycle_p95_s');
    expect(readFileSync(join(dir, 'report.html'), 'utf8')).toContain('<h2>Service classes, shipments and accuracy</h2>');
  });
});
