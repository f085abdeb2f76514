import { readFileSync } from 'node:fs';
import { beforeAll, describe, expect, it } from 'vitest';
import { htmlReport } from '../../src/ci/html.js';
import { siteClockHours, siteClockTicks, siteSketch, type SiteSketch } from '../../src/ci/site.js';
import { aggregate } from '../../src/experiment/aggregate.js';
import { DEFAULT_KPIS, kpiDef } from '../../src/experiment/kpis.js';
import type { ExperimentPlan } from '../../src/experiment/load.js';
import { runOne, type RunResult } from '../../src/experiment/run-one.js';
import { scenarioFromJson } from '../../src/scenario/load.js';
import { scenarioPath } from '../helpers/scenarios.js';

let run: RunResult;
let sites: Map<string, SiteSketch>;
let html: string;
let plain: string;

beforeAll(() => {
  const file = scenarioPath('default.json');
  const scenario = { ...JSON.parse(readFileSync(file, 'utf8')), duration: '20m', startTime: '08:00' };
  delete scenario.$schema;
  run = runOne({ index: 0, variant: 'default', replication: 1, seed: '1', file, scenario });
  const plan: ExperimentPlan = {
    name: 'default',
    description: null,
    wsimVersion: 'test',
    baseline: 'default',
    replications: 1,
    seeds: ['1'],
    confidence: 0.95,
    kpis: DEFAULT_KPIS.map(kpiDef),
    variants: [{ name: 'default', description: null, set: {}, scenario: {}, assertions: [], layoutDigest: '' }],
  };
  const agg = aggregate(plan, '', [run]);
  sites = new Map([['default', siteSketch(scenarioFromJson(file, scenario).config)]]);
  html = htmlReport(agg, [run], sites);
  plain = htmlReport(agg, [run]);
});

describe('the HTML report reads at a glance', () => {
  it('labels KPIs in words with units, the report path in small print', () => {
    expect(html).toContain('<td class="l kpi" rowspan="1">Orders per hour<small>throughput.ordersPerHour</small></td>');
    expect(html).toContain('>Cycle time p95 (s)<small>cycleTimeSeconds.p95</small></td>');
    expect(html).toContain('>CO2e per order (g)<small>energy.co2eGramsPerOrder</small></td>');
  });

  it('gives utilisation in percent in the KPI table, as in the utilisation chart', () => {
    const u = run.report.robots.utilization;
    expect(u).toBeGreaterThan(0);
    expect(u).toBeLessThan(1);
    const row = /Robot utilisation \(%\)<small>robots\.utilization<\/small><\/td><td class="l" rowspan="1">none<\/td><td class="l">default<\/td><td>([\d.]+)<\/td>/.exec(html);
    expect(row).not.toBeNull();
    expect(Number(row![1])).toBeCloseTo(u * 100, 1);
    expect(html).toContain(`${(u * 100).toFixed(1)}%</text>`);
    expect(html).toContain('Utilisation, % of time');
    expect(html).toContain('Shares (utilisation, orders on time) are in percent');
  });

  it('reads time axes as the site clock from the scenario’s start time', () => {
    expect(html).toContain('site clock time');
    expect(html).toMatch(/class="xt">08:00<\/text>/);
    expect(html).toMatch(/class="xt">08:20<\/text>/);
    expect(html).not.toContain('simulated hours');
    // Without the site (merged shards): hours since the start.
    expect(plain).toContain('simulated hours');
    expect(siteClockHours(22 * 3600)(3.5)).toBe('day 2 01:30');
    // Ticks on round clock times: a run from 08:10 for 50 minutes is marked every 10 minutes from 08:10.
    const at = siteClockTicks(8 * 3600 + 600);
    expect(at(1 / 60, 50 / 60).map(siteClockHours(8 * 3600 + 600))).toEqual(['08:10', '08:20', '08:30', '08:40', '08:50', '09:00']);
    expect(siteClockTicks(0)(0, 8).map(siteClockHours(0))).toEqual(['00:00', '01:00', '02:00', '03:00', '04:00', '05:00', '06:00', '07:00', '08:00']);
  });

  it('draws the heat map over the floor plan: walls, the numbered stations and the chargers', () => {
    const heat = html.slice(html.indexOf('<svg class="chart heat"'));
    expect(heat).toContain('fill="#4b5563"'); // walls
    expect(heat).toContain('<title>station 0</title>');
    expect(heat).toContain('<title>station 1</title>');
    expect(heat).toContain('<title>charger</title>');
    expect(heat).toMatch(/class="sn">1<\/text>/);
    expect(plain).not.toContain('<title>station 0</title>');
  });
});
