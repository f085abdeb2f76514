import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { checkReportPath, evaluate, numberAt, parseAssertion } from '../../src/scenario/assertions.js';
import { runStalls, stallsMarkdown } from '../../src/ci/stalls.js';
import { templateReport } from '../../src/experiment/load.js';
import type { RunResult } from '../../src/experiment/run-one.js';
import { buildReport } from '../../src/sim/report.js';
import { cli, tempDir, writeJson } from '../experiment/fixtures.js';
import { loadScenario } from '../../src/scenario/load.js';
import { loaderMessages, scenarioPath, simFromJson } from '../helpers/scenarios.js';

/** The shipped dense scenario, shortened. */
function dense(duration: string): Record<string, unknown> {
  const s = JSON.parse(readFileSync(scenarioPath('dense.json'), 'utf8'));
  delete s.$schema;
  return { ...s, duration };
}

function denseStalls(duration = '10m') {
  const sim = simFromJson(dense(duration));
  sim.run();
  return buildReport(sim.world, sim.planner.name, sim.assignment.name, 0).robots.stalls;
}

describe('robots.stalls on a dense run', () => {
  it('lists episodes longer than the threshold, longest first, each chain a line of neighbours', () => {
    const s = denseStalls();
    expect(s.thresholdSeconds).toBe(30);
    expect(s.count).toBeGreaterThan(0);
    expect(s.longest.length).toBe(Math.min(20, s.count));
    expect(s.longestSeconds).toBe(s.longest[0].durationSeconds);
    let prev = Infinity;
    let robotSeconds = 0;
    for (const e of s.longest) {
      expect(e.durationSeconds).toBeGreaterThan(30);
      expect(e.durationSeconds).toBeLessThanOrEqual(prev);
      prev = e.durationSeconds;
      robotSeconds += e.robotSeconds;
      expect(e.robotSeconds).toBeGreaterThanOrEqual(e.durationSeconds);
      expect(['robot', 'cycle', 'closure', 'queue', 'charger']).toContain(e.cause);
      // Each robot once; a cycle ends with the robot it comes back to, named twice.
      expect(new Set(e.chain).size).toBe(e.chain.length - (e.cause === 'cycle' ? 1 : 0));
      if (e.cause === 'cycle') expect(e.chain.indexOf(e.chain[e.chain.length - 1])).toBeLessThan(e.chain.length - 1);
      expect(e.cells.length).toBe(e.chain.length + (e.cause === 'closure' ? 1 : 0));
      // Each robot of the chain waits for the next one, in the cell next to it.
      for (let k = 1; k < e.cells.length; k++) {
        const a = e.cells[k - 1];
        const b = e.cells[k];
        expect(Math.abs(a.row - b.row) + Math.abs(a.col - b.col)).toBe(1);
      }
      expect(e.robots).toEqual([...e.robots].sort((a, b) => a - b));
    }
    if (s.count <= 20) expect(s.robotSeconds).toBeCloseTo(robotSeconds, 3);
  });

  it('is the same on a second run', () => {
    expect(JSON.stringify(denseStalls('4m'))).toBe(JSON.stringify(denseStalls('4m')));
  });
});

describe('gating on stalls', () => {
  it('resolves robots.stalls paths in assertions', () => {
    const template = templateReport(loadScenario(scenarioPath('default.json')).config);
    for (const p of ['robots.stalls.longestSeconds <= 120', 'robots.stalls.count == 0', 'robots.stalls.robotSeconds < 10']) {
      expect(checkReportPath(template, parseAssertion(p).segments)).toBeNull();
    }
    const report = { robots: { stalls: { longestSeconds: 121 } } };
    const a = parseAssertion('robots.stalls.longestSeconds <= 120');
    expect(evaluate(a, numberAt(report, a.segments)).passed).toBe(false);
    report.robots.stalls.longestSeconds = 120;
    expect(evaluate(a, numberAt(report, a.segments)).passed).toBe(true);
  });

  it('wsim run exits 0 when a stalls assertion holds and 1 when it fails', async () => {
    const dir = tempDir();
    const ok = writeJson(dir, 'ok.json', { ...dense('5m'), fleet: { stallThreshold: '10s' }, assertions: ['robots.stalls.longestSeconds <= 3600'] });
    const bad = writeJson(dir, 'bad.json', { ...dense('5m'), assertions: ['robots.stalls.longestSeconds <= 1'] });
    const pass = await cli('run', ok, '--report', join(dir, 'ok-report.json'), '--csv', join(dir, 'csv'), '--summary', join(dir, 'summary.md'), '--html', join(dir, 'report.html'));
    expect(pass.code).toBe(0);
    expect(pass.out).toMatch(/\n {2}stalls {8}\d+ longer than 10s, longest \d/);
    // Every CI report shows the section: the episodes as CSV rows, a Markdown table, an HTML table.
    const csv = readFileSync(join(dir, 'csv', 'stalls.csv'), 'utf8').trim().split('\n');
    expect(csv[0]).toBe('variant,replication,seed,start_s,duration_s,cause,robot_s,ongoing,chain,robots,cells');
    expect(readFileSync(join(dir, 'summary.md'), 'utf8')).toMatch(/### Stalls\n[\s\S]*\| variant \| episodes \| longest \(s\) \| robot-seconds \|/);
    expect(readFileSync(join(dir, 'report.html'), 'utf8')).toMatch(/<h2>Stalls<\/h2>.*<table>/);
    const fail = await cli('run', bad, '--quiet');
    expect(fail.code).toBe(1);
    expect(fail.out + fail.err).toMatch(/robots\.stalls\.longestSeconds/);
    const report = JSON.parse(readFileSync(join(dir, 'ok-report.json'), 'utf8'));
    expect(report.robots.stalls.longestSeconds).toBeGreaterThan(1);
    expect(report.robots.stalls.longest.length).toBeGreaterThan(0);
    expect(csv.length - 1).toBe(report.robots.stalls.longest.length);
    expect(csv[1]).toMatch(new RegExp(`^dense,1,7,${report.robots.stalls.longest[0].startSeconds},`));
  });
});

describe('fleet.stallThreshold', () => {
  const base = { name: 'x', duration: '1h', layout: { grid: ['@@@@', '@PR@', '@..@', '@@@@'] }, robots: { count: 1, battery: { chargeBelow: 0 } }, demand: { ordersPerHour: 0 } };
  it('takes a duration and refuses anything else in one line', () => {
    expect(loaderMessages({ ...base, fleet: { stallThreshold: '2m' } })).toEqual([]);
    expect(loaderMessages({ ...base, fleet: { stallThreshold: 0 } })).toEqual(['site.json: fleet.stallThreshold: expected a duration above zero']);
    expect(loaderMessages({ ...base, fleet: { stallThreshold: 'soon' } })[0]).toMatch(/^site\.json: fleet\.stallThreshold: expected a duration/);
    expect(loaderMessages({ ...base, fleet: { stallThreshold: -5 } })[0]).toMatch(/^site\.json: fleet\.stallThreshold: /);
    expect(loaderMessages({ ...base, fleet: { stallThreshold: 400 * 86400 } })).toEqual(['site.json: fleet.stallThreshold: expected at most 366 days']);
  });
});

describe('stalls from merged shards', () => {
  it('reads a hand-edited or older run defensively', () => {
    const run = (stalls: unknown) => ({ index: 0, variant: 'v|x', replication: 1, seed: '1', wallSeconds: 0, report: { robots: { stalls } } }) as unknown as RunResult;
    expect(runStalls(run(undefined))).toBeNull();
    const s = runStalls(run({ count: '3', longest: [{ cause: '<b>|x', chain: [1, 'a', 2], cells: [null, { row: 1, col: 2 }], durationSeconds: 40 }, 7] }))!;
    expect(s.count).toBe(0);
    expect(s.longest).toEqual([{ startSeconds: 0, durationSeconds: 40, robots: [], chain: [1, 2], cells: [{ row: 0, col: 0 }, { row: 1, col: 2 }], cause: 'robot', robotSeconds: 0, ongoing: false }]);
    const md = stallsMarkdown([run({ count: 1, longestSeconds: 40, robotSeconds: 40, thresholdSeconds: 30, longest: [{ cause: 'x|y', chain: [1], durationSeconds: 40 }] })]);
    expect(md).toContain('| v\\|x | 1 | 40 | 40 |');
    expect(md).toContain('| 0 | 40 | robot | 1 | v\\|x #1 |');
  });
});
