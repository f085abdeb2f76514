import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadExperiment } from '../../src/experiment/load.js';
import { parseDotted, setAt } from '../../src/experiment/dotted.js';
import { ScenarioErrors } from '../../src/scenario/errors.js';
import { scenarioPath } from '../helpers/scenarios.js';
import { cli, smallExperiment, tempDir, writeJson } from './fixtures.js';

/** The error lines loading `doc` gives (file name shown as exp.json). */
function problems(doc: unknown): string[] {
  const dir = tempDir();
  const file = writeJson(dir, 'exp.json', doc);
  try {
    loadExperiment(file);
  } catch (e) {
    if (e instanceof ScenarioErrors || e instanceof Error) return e.message.split('\n').map((l) => l.replace(file, 'exp.json'));
    throw e;
  }
  return [];
}

const withVariants = (...variants: unknown[]) => smallExperiment({ variants: [{ name: 'base', set: {} }, ...variants] });

describe('dotted paths', () => {
  it('sets values anywhere, creating objects on the way', () => {
    const doc: Record<string, unknown> = { robots: { count: 1 }, outbound: { docks: [{ id: 'a' }, { id: 'b' }] } };
    setAt(doc, parseDotted('robots.count'), 40);
    setAt(doc, parseDotted('fleet.planner'), 'whca');
    setAt(doc, parseDotted('outbound.docks[1].share'), 2);
    setAt(doc, parseDotted('outbound.docks.0.share'), 3);
    expect(doc).toEqual({ robots: { count: 40 }, fleet: { planner: 'whca' }, outbound: { docks: [{ id: 'a', share: 3 }, { id: 'b', share: 2 }] } });
    expect(() => parseDotted('a..b')).toThrow(/empty segment/);
    expect(() => setAt(doc, parseDotted('robots.count.x'), 1)).toThrow(/robots\.count is a number: cannot set 'x'/);
  });
});

describe('experiment files: errors point into the file', () => {
  it('a variant setting a bad value', () => {
    expect(problems(withVariants({ name: 'neg', set: { 'robots.count': -5 } }))).toEqual([
      'exp.json: variants[1].set["robots.count"]: Too small: expected number to be >=0',
    ]);
  });

  it('unknown keys, bad choices, keys through numbers, too many robots', () => {
    const p = problems(
      withVariants(
        { name: 'typo', set: { 'robots.cuont': 3 } },
        { name: 'planner', set: { 'fleet.planner': 'astar' } },
        { name: 'through', set: { 'robots.count.x': 1 } },
        { name: 'crowd', set: { 'robots.count': 5000 } },
        { name: 'seed', set: { seed: 3 } },
      ),
    );
    expect(p[0]).toMatch(/^exp\.json: variants\[1\]\.set\["robots\.cuont"\]: .*cuont/);
    expect(p[1]).toMatch(/^exp\.json: variants\[2\]\.set\["fleet\.planner"\]: Invalid option/);
    expect(p[2]).toBe('exp.json: variants[3].set["robots.count.x"]: robots.count is a number: cannot set \'x\' inside it');
    expect(p[3]).toMatch(/^exp\.json: variants\[4\]\.set\["robots\.count"\]: 5000 robots do not fit/);
    expect(p[4]).toMatch(/^exp\.json: variants\[5\]\.set\["seed"\]: every replication's seed comes from the experiment/);
    expect(p).toHaveLength(5);
  });

  it('the experiment\'s own fields', () => {
    const doc = smallExperiment({ baseline: 'nope', replications: 0, kpis: ['throughput.orderPerHour'], assertions: ['sla.hitRate => 1'] });
    const p = problems(doc);
    expect(p).toContain('exp.json: replications: Too small: expected number to be >=1');
    expect(p).toContain("exp.json: assertions[0]: unknown comparison '=>': use >=, <=, >, <, == or !=");
    expect(problems(smallExperiment({ baseline: 'nope' }))).toEqual(["exp.json: baseline: no variant is named 'nope' (variants: twelve, two)"]);
    expect(problems(smallExperiment({ kpis: ['throughput.orderPerHour'] }))).toEqual([
      "exp.json: kpis[0]: 'throughput.orderPerHour' is not a field of the report (did you mean throughput.ordersPerHour?) (in variant 'twelve')",
    ]);
    expect(problems(smallExperiment({ assertions: ['sla.hitRate >= 0.9', 'stations[7].utilization < 1'] }))).toEqual([
      "exp.json: assertions[1]: 'stations[7]': there are only 2 entries (in variant 'twelve')",
    ]);
    const { replications, ...noReps } = smallExperiment();
    void replications;
    expect(problems(noReps)).toEqual(['exp.json: replications: required, but missing']);
    expect(problems(smallExperiment({ variants: [{ name: 'a', set: {} }, { name: 'a', set: {} }] }))).toEqual([
      "exp.json: variants[1].name: 'a' is also the name of variants[0]",
    ]);
  });

  it('the base: a missing file, a bad inline scenario', () => {
    expect(problems(smallExperiment({ base: 'nowhere.json' }))[0]).toMatch(/^exp\.json: base: file not found: .*nowhere\.json$/);
    const inline = { name: 'x', duration: '1h', layout: { grid: ['@@@', '@P@', '@@@'] }, robots: { count: -1 }, demand: { ordersPerHour: 1 } };
    expect(problems(smallExperiment({ base: inline }))).toEqual(['exp.json: base.robots.count: Too small: expected number to be >=0']);
  });

  it('a problem only this variant\'s settings cause, off the set paths', () => {
    const p = problems(withVariants({ name: 'no-stations', set: { layout: { grid: ['@@@@', '@R.@', '@@@@'] }, 'robots.count': 1 } }));
    expect(p.length).toBeGreaterThan(0);
    expect(p[0]).toMatch(/^exp\.json: variants\[1\]\.set\["layout"\]/);
  });

  it('the CLI exits 2 with those lines and no stack trace', async () => {
    const dir = tempDir();
    const file = writeJson(dir, 'exp.json', withVariants({ name: 'neg', set: { 'robots.count': -5 } }));
    const r = await cli('experiment', file, '--workers', '1');
    expect(r.code).toBe(2);
    expect(r.err).toBe(`${file}: variants[1].set["robots.count"]: Too small: expected number to be >=0\n`);
    const missing = await cli('experiment', join(dir, 'none.json'));
    expect(missing.code).toBe(2);
    expect(missing.err).toMatch(/none\.json: file not found/);
    const usage = await cli('experiment', file, '--shard', '4/3');
    expect(usage.code).toBe(2);
    expect(usage.err).toMatch(/--shard 4\/3: i must be between 1 and n/);
  });

  it("a variant checks its scenario's assertions, then the experiment's", () => {
    const base = JSON.parse(readFileSync(scenarioPath('default.json'), 'utf8'));
    const file = writeJson(
      tempDir(),
      'exp.json',
      smallExperiment({
        base: { ...base, assertions: ['robots.conflicts == 0'] },
        assertions: ['sla.hitRate >= 0.5'],
        variants: [
          { name: 'a', set: {} },
          { name: 'b', set: { assertions: ['orders.open < 1000'] } },
        ],
      }),
    );
    const { plan } = loadExperiment(file);
    expect(plan.variants.map((v) => v.assertions)).toEqual([
      ['robots.conflicts == 0', 'sla.hitRate >= 0.5'],
      ['orders.open < 1000', 'sla.hitRate >= 0.5'],
    ]);
    expect(problems(smallExperiment({ base: { ...base, assertions: ['robots.conflict == 0'] } }))).toEqual([
      "exp.json: base.assertions[0]: 'robots.conflict' is not a field of the report (did you mean robots.conflicts?)",
    ]);
  });

  it('resolves a valid file: seeds shared by every variant, a plan digest', () => {
    const dir = tempDir();
    const file = writeJson(dir, 'exp.json', smallExperiment({ base: scenarioPath('default.json') }));
    const a = loadExperiment(file);
    expect(a.plan.seeds).toEqual(['1-r1', '1-r2', '1-r3']);
    expect(a.plan.baseline).toBe('twelve');
    expect((a.plan.variants[1].scenario.robots as { count: number }).count).toBe(2);
    expect(a.plan.variants[0].scenario.duration).toBe('10m');
    expect(a.hash).toMatch(/^[0-9a-f]{64}$/);
    expect(loadExperiment(writeJson(tempDir(), 'other.json', smallExperiment())).hash).toBe(a.hash); // no paths in the digest
    expect(loadExperiment(writeJson(dir, 'more.json', smallExperiment({ replications: 4 }))).hash).not.toBe(a.hash);
  });
});
