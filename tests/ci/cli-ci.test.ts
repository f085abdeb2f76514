import { existsSync, readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { scenarioPath } from '../helpers/scenarios.js';
import { cli, smallExperiment, tempDir, writeJson } from '../experiment/fixtures.js';
import { parseXml, type XmlElement } from './xml.js';

/** The default scenario, 10 minutes, with the given assertions. */
function scenarioWith(assertions: string[]): Record<string, unknown> {
  const s = JSON.parse(readFileSync(scenarioPath('default.json'), 'utf8'));
  delete s.$schema;
  return { ...s, duration: '10m', assertions };
}

const reportArgs = (dir: string) => ['--junit', join(dir, 'junit.xml'), '--summary', join(dir, 'summary.md'), '--csv', join(dir, 'csv'), '--html', join(dir, 'report.html')];

function checkJunit(xml: string): XmlElement {
  const root = parseXml(xml);
  expect(root.name).toBe('testsuites');
  let tests = 0;
  let failures = 0;
  for (const suite of root.children) {
    expect(suite.name).toBe('testsuite');
    const cases = suite.children;
    expect(Number(suite.attrs.tests)).toBe(cases.length);
    const failed = cases.filter((c) => c.children.some((f) => f.name === 'failure')).length;
    expect(Number(suite.attrs.failures)).toBe(failed);
    for (const c of cases) {
      expect(c.name).toBe('testcase');
      expect(c.attrs.classname).toBe(suite.attrs.name);
      expect(c.attrs.name.length).toBeGreaterThan(0);
      for (const f of c.children) {
        expect(f.name).toBe('failure');
        expect(f.attrs.message.length).toBeGreaterThan(0);
      }
    }
    tests += cases.length;
    failures += failed;
  }
  expect(Number(root.attrs.tests)).toBe(tests);
  expect(Number(root.attrs.failures)).toBe(failures);
  return root;
}

function checkSelfContained(html: string): void {
  expect(html.startsWith('<!doctype html>')).toBe(true);
  expect(html).not.toMatch(/<script/i);
  expect(html).not.toMatch(/<link/i);
  expect(html).not.toMatch(/(src|href)\s*=\s*["']?\s*(https?:)?\/\//i);
  expect(html).not.toMatch(/url\(\s*["']?(https?:)?\/\//i);
  expect(html).not.toMatch(/@import/i);
  expect(html).not.toMatch(/https?:/i);
  expect(html.match(/<svg /g)?.length ?? 0).toBeGreaterThanOrEqual(5);
  for (const title of ['Orders completed per hour', 'Backlog: open orders', 'Share of completed orders by cycle time', 'Utilisation', 'robot wait time']) {
    expect(html).toContain(title);
  }
  expect(html).toMatch(/<table>.*throughput\.ordersPerHour/s);
}

describe('CI mode: wsim run', () => {
  it('passing assertions: exit 0, every report written', async () => {
    const dir = tempDir();
    const file = writeJson(dir, 'ok.json', scenarioWith(['throughput.ordersPerHour >= 10', 'robots.conflicts == 0', 'cycleTimeSeconds.p95 <= 3600']));
    const r = await cli('run', file, '--report', join(dir, 'r.json'), ...reportArgs(dir));
    expect(r.code).toBe(0);
    expect(r.out).toMatch(/assertions: all 3 passed/);
    const report = JSON.parse(readFileSync(join(dir, 'r.json'), 'utf8'));
    expect(report.timeSeries.intervalSeconds).toBe(60);
    expect(report.timeSeries.openOrders).toHaveLength(10);
    expect(report.timeSeries.ordersCompleted.reduce((s: number, x: number) => s + x, 0)).toBeLessThanOrEqual(report.orders.completed);
    expect(report.cycleTimeHistogram.counts.reduce((s: number, x: number) => s + x, 0)).toBe(report.orders.completed);
    expect(report.congestionGrid.rows).toBe(14);
    const suite = checkJunit(readFileSync(join(dir, 'junit.xml'), 'utf8'));
    expect(suite.children[0].attrs.name).toBe('default');
    const html = readFileSync(join(dir, 'report.html'), 'utf8');
    checkSelfContained(html);
    // The verdict first, before the title.
    expect(html.indexOf('<div class="banner ok">&#10003; PASS: all 3 assertions hold.</div>')).toBeGreaterThan(0);
    expect(html.indexOf('class="banner')).toBeLessThan(html.indexOf('<h1>'));
    expect(readFileSync(join(dir, 'summary.md'), 'utf8')).toMatch(/✅ All 3 assertions passed/);
    expect(readdirSync(join(dir, 'csv')).sort()).toContain('runs.csv');
  });

  it('a failed assertion: exit 1, after writing every report', async () => {
    const dir = tempDir();
    const file = writeJson(dir, 'fail.json', scenarioWith(['throughput.ordersPerHour >= 100000', 'robots.conflicts == 0']));
    const r = await cli('run', file, '--quiet', '--report', join(dir, 'r.json'), ...reportArgs(dir));
    expect(r.code).toBe(1);
    expect(r.err).toMatch(/^wsim: assertion failed: throughput\.ordersPerHour >= 100000 {2}\(got \d+(\.\d+)?\)$/m);
    expect(r.out).toBe('');
    for (const f of ['r.json', 'junit.xml', 'summary.md', 'report.html', 'csv/assertions.csv']) expect(existsSync(join(dir, f)), f).toBe(true);
    const root = checkJunit(readFileSync(join(dir, 'junit.xml'), 'utf8'));
    expect(root.attrs.failures).toBe('1');
    const failure = root.children[0].children[0].children[0];
    expect(failure.attrs.message).toMatch(/throughput\.ordersPerHour = [\d.]+, expected >= 100000/);
    expect(readFileSync(join(dir, 'summary.md'), 'utf8')).toMatch(/❌ 1 of 2 assertions failed/);
    expect(readFileSync(join(dir, 'report.html'), 'utf8')).toContain('<div class="banner bad">&#10007; FAIL: 1 of 2 assertions do not hold (see Assertions).</div>');
    expect(readFileSync(join(dir, 'csv/assertions.csv'), 'utf8')).toMatch(/throughput\.ordersPerHour >= 100000,throughput\.ordersPerHour,>=,100000,[\d.]+,1,false/);
  });

  it('a bad assertion: exit 2 with its place in the file, nothing run or written', async () => {
    const dir = tempDir();
    const typo = writeJson(dir, 'typo.json', scenarioWith(['sla.hitRate >= 0.9', 'throughput.orderPerHour >= 1']));
    const r = await cli('run', typo, ...reportArgs(dir));
    expect(r.code).toBe(2);
    expect(r.err).toBe(`${typo}: assertions[1]: 'throughput.orderPerHour' is not a field of the report (did you mean throughput.ordersPerHour?)\n`);
    expect(existsSync(join(dir, 'junit.xml'))).toBe(false);
    const syntax = writeJson(dir, 'syntax.json', scenarioWith(['sla.hitRate >= lots']));
    const s = await cli('validate', syntax);
    expect(s.code).toBe(2);
    expect(s.err).toBe(`${syntax}: assertions[0]: 'lots' is not a number\n`);
  });
});

describe('CI mode: wsim experiment', () => {
  it('assertions on each variant\'s mean; exit 1 after every report when one fails', async () => {
    const dir = tempDir();
    const file = writeJson(dir, 'e.json', smallExperiment({ replications: 2, assertions: ['throughput.ordersPerHour >= 150', 'robots.conflicts == 0'] }));
    const r = await cli('experiment', file, '--workers', '1', '--out', dir, ...reportArgs(dir));
    expect(r.code).toBe(1); // two robots cannot keep up with 240 orders/h
    expect(r.err).toMatch(/wsim: assertion failed: two: throughput\.ordersPerHour >= 150 {2}\(got [\d.]+, the mean of 2 runs\)/);
    expect(r.err).not.toMatch(/twelve: throughput/);
    expect(r.err).toMatch(/\[100%\] 4 of 4 runs done/);
    expect(r.out).toMatch(/throughput\.ordersPerHour {2}\[higher is better; best: twelve\]/);
    const agg = JSON.parse(readFileSync(join(dir, 'experiment.json'), 'utf8'));
    expect(agg.passed).toBe(false);
    expect(agg.assertions.map((a: { variant: string; passed: boolean }) => `${a.variant}:${a.passed}`)).toEqual(['twelve:true', 'twelve:true', 'two:false', 'two:true']);
    const root = checkJunit(readFileSync(join(dir, 'junit.xml'), 'utf8'));
    expect(root.children.map((s) => s.attrs.name)).toEqual(['small/twelve', 'small/two']);
    expect(root.attrs.failures).toBe('1');
    const html = readFileSync(join(dir, 'report.html'), 'utf8');
    checkSelfContained(html);
    expect(html).toContain('FAIL: 1 of 4 assertions do not hold');
    // Best marks are explained, and given only where the lead over the baseline is significant.
    expect(html).toContain('marked only where the difference is significant at 95%');
    const aggregate = JSON.parse(readFileSync(join(dir, 'experiment.json'), 'utf8'));
    const marked = (html.match(/<td class="best">/g) ?? []).length;
    const significantLeads = aggregate.kpis.filter((t: { best: string | null; variants: { variant: string; diff: { significant: boolean } | null }[] }) => {
      const best = t.variants.find((v) => v.variant === t.best);
      if (!best) return false;
      if (best.diff) return best.diff.significant;
      const others = t.variants.filter((v) => v.diff);
      return others.length > 0 && others.every((v) => v.diff!.significant);
    }).length;
    expect(marked).toBe(significantLeads);
    expect(marked).toBeLessThan(aggregate.kpis.length);
    const md = readFileSync(join(dir, 'summary.md'), 'utf8');
    expect(md).toMatch(/\| KPI \| twelve \| two \|/);
    expect(md).toMatch(/\| ❌ \| two \| `throughput\.ordersPerHour >= 150` \|/);
    expect(md).toMatch(/Paired difference to \*\*twelve\*\*/);
    const csvs = readdirSync(join(dir, 'csv')).sort();
    expect(csvs).toEqual([
      'assertions.csv',
      'kpi-congestion.totalWaitTicks.csv',
      'kpi-cycleTimeSeconds.p50.csv',
      'kpi-cycleTimeSeconds.p95.csv',
      'kpi-energy.co2eGramsPerOrder.csv',
      'kpi-orders.open.csv',
      'kpi-robots.utilization.csv',
      'kpi-sla.hitRate.csv',
      'kpi-throughput.ordersPerHour.csv',
      'runs.csv',
      'stalls.csv',
    ]);
    const runs = readFileSync(join(dir, 'csv/runs.csv'), 'utf8').trim().split('\n');
    expect(runs[0]).toMatch(/^variant,replication,seed,conflicts,throughput\.ordersPerHour,/);
    expect(runs.slice(1).map((l) => l.split(',').slice(0, 3).join(','))).toEqual(['twelve,1,1-r1', 'twelve,2,1-r2', 'two,1,1-r1', 'two,2,1-r2']);
  });

  it('all assertions passing: exit 0; --quiet prints nothing', async () => {
    const dir = tempDir();
    const file = writeJson(dir, 'p.json', smallExperiment({ replications: 2, duration: '5m', assertions: ['robots.conflicts == 0'] }));
    const r = await cli('experiment', file, '--workers', '1', '--quiet', '--junit', join(dir, 'j.xml'));
    expect(r).toEqual({ code: 0, out: '', err: '' });
    checkJunit(readFileSync(join(dir, 'j.xml'), 'utf8'));
  });

  it('--schema prints the experiment JSON Schema', async () => {
    const r = await cli('experiment', '--schema');
    expect(r.code).toBe(0);
    const schema = JSON.parse(r.out);
    expect(schema.required).toEqual(expect.arrayContaining(['name', 'base', 'variants', 'replications']));
  });
});
