import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { Sim } from '../../src/sim/sim.js';
import { aggregate, planTasks } from '../../src/experiment/aggregate.js';
import { loadExperiment } from '../../src/experiment/load.js';
import { runTasks } from '../../src/experiment/pool.js';
import type { RunTask } from '../../src/experiment/run-one.js';
import { shardTasks } from '../../src/experiment/shard.js';
import { scenarioFromJson } from '../../src/scenario/load.js';
import { cli, smallExperiment, tempDir, writeJson } from './fixtures.js';

/** Order arrivals of a run: (tick, lines) of every order created. */
function arrivals(task: RunTask): number[] {
  const sim = new Sim(scenarioFromJson(task.file, task.scenario, { seed: task.seed }).config);
  const seen: number[] = [];
  sim.observe((f) => {
    for (let k = 0; k < f.events.count; k++) if (f.events.kind[k] === 0) seen.push(f.tick, f.events.b[k]);
  });
  sim.run();
  return seen;
}

describe('experiments', () => {
  it('common random numbers: every variant sees the same order arrivals in replication r', () => {
    const file = writeJson(
      tempDir(),
      'crn.json',
      smallExperiment({
        replications: 2,
        variants: [
          { name: 'twelve', set: {} },
          { name: 'four', set: { 'robots.count': 4 } },
          { name: 'whca', set: { 'fleet.planner': 'whca', 'fleet.assignment': 'hungarian' } },
          { name: 'random-slots', set: { 'demand.slotting': 'random' } },
        ],
      }),
    );
    const { plan, scenarioFile } = loadExperiment(file);
    const tasks = planTasks(plan, scenarioFile);
    const byRep = (r: number) => tasks.filter((t) => t.replication === r).map(arrivals);
    const rep1 = byRep(1);
    expect(rep1[0].length).toBeGreaterThan(40);
    for (const a of rep1.slice(1)) expect(a).toEqual(rep1[0]);
    const rep2 = byRep(2);
    for (const a of rep2.slice(1)) expect(a).toEqual(rep2[0]);
    expect(rep2[0]).not.toEqual(rep1[0]); // replications differ
    expect(tasks.map((t) => t.seed)).toEqual(['1-r1', '1-r2', '1-r1', '1-r2', '1-r1', '1-r2', '1-r1', '1-r2']);
  });

  it('a variant with far fewer robots ranks worse, significantly', async () => {
    const dir = tempDir();
    const file = writeJson(dir, 'rank.json', smallExperiment({ duration: '15m' }));
    const r = await cli('experiment', file, '--workers', '1', '--out', dir, '--quiet');
    expect(r.code).toBe(0);
    const agg = JSON.parse(readFileSync(join(dir, 'experiment.json'), 'utf8'));
    const kpi = (p: string) => agg.kpis.find((k: { path: string }) => k.path === p);
    const thr = kpi('throughput.ordersPerHour');
    expect(thr.better).toBe('higher');
    expect(thr.best).toBe('twelve');
    const two = thr.variants[1];
    expect(two.variant).toBe('two');
    expect(two.diff.mean).toBeLessThan(0);
    expect(two.diff.significant).toBe(true);
    expect(two.diff.ci[1]).toBeLessThan(0);
    expect(kpi('cycleTimeSeconds.p95').best).toBe('twelve');
    expect(kpi('orders.open').best).toBe('twelve');
    expect(kpi('robots.utilization').best).toBeNull(); // no better direction
    expect(agg.runs).toHaveLength(6);
    expect(Object.keys(agg)).toEqual([
      'format', 'name', 'description', 'hash', 'wsimVersion', 'baseline', 'replications', 'confidence', 'seeds', 'variants', 'kpis', 'assertions', 'passed', 'conflicts', 'runs',
    ]);
    expect(JSON.stringify(agg)).not.toMatch(/wall/i);
  });

  it('workers=1 and workers=2 give byte-identical aggregates', async () => {
    const file = writeJson(tempDir(), 'w.json', smallExperiment({ replications: 2, duration: '5m' }));
    const { plan, scenarioFile, hash } = loadExperiment(file);
    const tasks = planTasks(plan, scenarioFile);
    const one = await runTasks(tasks, { workers: 1 });
    const order: number[] = [];
    const two = await runTasks(tasks, { workers: 2, onProgress: (_d, _t, r) => order.push(r.index) });
    expect(order.slice().sort()).toEqual([0, 1, 2, 3]);
    expect(two.map((r) => r.index)).toEqual([0, 1, 2, 3]);
    const a = JSON.stringify(aggregate(plan, hash, one));
    const b = JSON.stringify(aggregate(plan, hash, two));
    expect(b).toBe(a);
    expect(JSON.stringify(two.map((r) => r.report))).toBe(JSON.stringify(one.map((r) => r.report)));
  });

  it('shards are round robin slices of the ordered run list', () => {
    const tasks = Array.from({ length: 7 }, (_, index) => ({ index }));
    expect(shardTasks(tasks, { index: 1, count: 3 }).map((t) => t.index)).toEqual([0, 3, 6]);
    expect(shardTasks(tasks, { index: 3, count: 3 }).map((t) => t.index)).toEqual([2, 5]);
  });

  it('merging shards gives exactly the unsharded aggregate and reports', async () => {
    const dir = tempDir();
    const file = writeJson(dir, 'm.json', smallExperiment({ replications: 2, duration: '5m', assertions: ['robots.conflicts == 0'] }));
    const whole = join(dir, 'whole');
    const r0 = await cli('experiment', file, '--workers', '1', '--out', whole, '--quiet', '--summary', join(whole, 's.md'), '--junit', join(whole, 'j.xml'), '--html', join(whole, 'r.html'), '--csv', join(whole, 'csv'));
    expect(r0.code).toBe(0);
    const shards = join(dir, 'shards');
    for (const s of ['1/3', '2/3', '3/3']) {
      const r = await cli('experiment', file, '--workers', '1', '--shard', s, '--out', shards, '--quiet');
      expect(r.code).toBe(0);
    }
    expect(readdirSync(shards).sort()).toEqual(['shard-1-of-3.json', 'shard-2-of-3.json', 'shard-3-of-3.json']);
    const merged = join(dir, 'merged');
    const files = readdirSync(shards).map((f) => join(shards, f));
    const rm = await cli('merge', ...files.reverse(), '--out', merged, '--summary', join(merged, 's.md'), '--junit', join(merged, 'j.xml'), '--html', join(merged, 'r.html'), '--csv', join(merged, 'csv'));
    expect(rm.code).toBe(0);
    expect(rm.out).toMatch(/throughput\.ordersPerHour/);
    for (const f of ['experiment.json', 's.md', 'j.xml', 'r.html', 'csv/runs.csv', 'csv/kpi-throughput.ordersPerHour.csv']) {
      expect(readFileSync(join(merged, f), 'utf8'), f).toBe(readFileSync(join(whole, f), 'utf8'));
    }

    // Missing, repeated, and foreign shards are refused with exit 2.
    const missing = await cli('merge', files[0], files[1], '--quiet');
    expect(missing.code).toBe(2);
    expect(missing.err).toMatch(/runs are missing \(missing shard 1\/3\)/);
    const twice = await cli('merge', ...files, files[0], '--quiet');
    expect(twice.code).toBe(2);
    expect(twice.err).toMatch(/is also in .*each shard must be given once/);
    const other = writeJson(dir, 'other.json', smallExperiment({ replications: 2, duration: '6m' }));
    await cli('experiment', other, '--workers', '1', '--shard', '1/3', '--out', join(dir, 'other'), '--quiet');
    const foreign = await cli('merge', files[1], files[2], join(dir, 'other', 'shard-1-of-3.json'), '--quiet');
    expect(foreign.code).toBe(2);
    expect(foreign.err).toMatch(/belongs to a different experiment/);
    const notShard = await cli('merge', file);
    expect(notShard.code).toBe(2);
    expect(notShard.err).toMatch(/not a wsim shard file/);
  });
});
