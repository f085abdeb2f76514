import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { loadExperiment } from '../../src/experiment/load.js';
import { scenarioPath } from '../helpers/scenarios.js';
import { cli, smallExperiment, tempDir, writeJson } from './fixtures.js';

/**
 * Hostile experiment files through the real CLI: each is refused with exit
 * code 2 and one line naming the file, the path into it and the limit, with
 * no stack trace and nothing run.
 */
describe('hostile experiment files', () => {
  const dir = tempDir();
  const oneLine = (r: { code: number; out: string; err: string }) => {
    expect(r.code).toBe(2);
    expect(r.out).toBe('');
    expect(r.err).not.toMatch(/\n\s+at /);
    expect(r.err.trimEnd().split('\n')).toHaveLength(1);
  };

  afterEach(() => {
    // A failed pollution test must not leak into the others.
    delete (Object.prototype as Record<string, unknown>).x;
  });

  it('more runs in total than the limit: refused before any variant is built', async () => {
    const variants = Array.from({ length: 1000 }, (_, i) => ({ name: `v${i}`, set: {} }));
    const file = writeJson(dir, 'runs.json', smallExperiment({ replications: 10_000, variants }));
    const r = await cli('experiment', file, '--workers', '1', '--quiet');
    oneLine(r);
    expect(r.err).toMatch(/runs\.json: replications: 1000 variant\(s\) x 10000 replications is 10000000 runs; at most 10000 are supported/);
  });

  it('exactly the limit is accepted as far as the run count goes', () => {
    // 2 variants x 5000: the count passes, so loading gets as far as the plan.
    const file = writeJson(dir, 'limit.json', smallExperiment({ replications: 5000 }));
    expect(loadExperiment(file).plan.seeds).toHaveLength(5000);
  });

  it('a dotted path of 100,000 segments: refused at once', async () => {
    const path = Array.from({ length: 100_000 }, () => 'a').join('.');
    const file = writeJson(dir, 'path.json', smallExperiment({ variants: [{ name: 'long', set: { [path]: 1 } }] }));
    const t0 = performance.now();
    const r = await cli('experiment', file, '--workers', '1', '--quiet');
    expect(performance.now() - t0).toBeLessThan(2000);
    oneLine(r);
    expect(r.err).toMatch(/path\.json: variants\[0\]\.set\["a\.a\.a.*\.\.\."\]: .*\(199999 characters\) is too long: at most 256 characters/);
  });

  it('a dotted path of more than 32 keys', async () => {
    const path = Array.from({ length: 40 }, () => 'a').join('.');
    const file = writeJson(dir, 'keys.json', smallExperiment({ variants: [{ name: 'deep', set: { [path]: 1 } }] }));
    const r = await cli('experiment', file, '--workers', '1', '--quiet');
    oneLine(r);
    expect(r.err).toMatch(/keys\.json: variants\[0\]\.set\[.*\]: .* has 40 keys; at most 32/);
  });

  it('a set value nested 200 deep (under the parser limit of 256): refused by the experiment limit of 32', async () => {
    const text = JSON.stringify(smallExperiment({ variants: [{ name: 'deep', set: { 'robots.count': 0 } }] })).replace(
      '"robots.count":0',
      `"robots.count":${'['.repeat(200)}${']'.repeat(200)}`,
    );
    const file = join(dir, 'nested.json');
    writeFileSync(file, text);
    const r = await cli('experiment', file, '--workers', '1', '--quiet');
    oneLine(r);
    expect(r.err).toMatch(/nested\.json: variants\[0\]\.set\["robots\.count"\]: the value nests lists and objects more than 32 levels deep/);
  });

  it('a set value 32 levels deep gets past the depth check (the scenario loader judges it)', async () => {
    let v: unknown = 1;
    for (let k = 0; k < 31; k++) v = [v];
    const file = writeJson(dir, 'ok-depth.json', smallExperiment({ variants: [{ name: 'a', set: { 'robots.count': v } }] }));
    const r = await cli('experiment', file, '--workers', '1', '--quiet');
    expect(r.code).toBe(2);
    expect(r.err).toMatch(/ok-depth\.json: variants\[0\]\.set\["robots\.count"\]: /);
    expect(r.err).not.toMatch(/levels deep/);
  });

  it('a base scenario nested 200 deep, inline or in its own file: refused by the limit of 64', async () => {
    const scenario = JSON.parse(readFileSync(scenarioPath('default.json'), 'utf8'));
    scenario.demand.junk = 0;
    const deep = (text: string) => text.replace('"junk":0', `"junk":${'['.repeat(200)}${']'.repeat(200)}`);
    const inline = join(dir, 'inline-deep.json');
    writeFileSync(inline, deep(JSON.stringify(smallExperiment({ base: scenario }))));
    const a = await cli('experiment', inline, '--workers', '1', '--quiet');
    oneLine(a);
    expect(a.err).toMatch(/inline-deep\.json: nests lists and objects more than 64 levels deep/);
    const baseFile = join(dir, 'deep-base.json');
    writeFileSync(baseFile, deep(JSON.stringify(scenario)));
    const b = await cli('experiment', writeJson(dir, 'uses-deep.json', smallExperiment({ base: baseFile })), '--workers', '1', '--quiet');
    oneLine(b);
    expect(b.err).toMatch(/deep-base\.json: nests lists and objects more than 64 levels deep/);
  });

  it('a KPI path and an assertion of 100,000 characters: refused by length, without searching for a near miss', async () => {
    const file = writeJson(dir, 'long-kpi.json', smallExperiment({ kpis: [`throughput${'.a'.repeat(50_000)}`] }));
    const t0 = performance.now();
    const r = await cli('experiment', file, '--workers', '1', '--quiet');
    expect(performance.now() - t0).toBeLessThan(2000);
    oneLine(r);
    expect(r.err).toMatch(/long-kpi\.json: kpis\[0\]: is 100010 characters; at most 256/);
    const assertion = writeJson(dir, 'long-assertion.json', smallExperiment({ assertions: [`${'x'.repeat(100_000)} > 1`] }));
    const a = await cli('experiment', assertion, '--workers', '1', '--quiet');
    oneLine(a);
    expect(a.err).toMatch(/long-assertion\.json: assertions\[0\]: is 100004 characters; at most 512/);
  });

  for (const key of ['__proto__.x', 'constructor.prototype.x', 'robots.__proto__.x', 'prototype']) {
    it(`'${key}' in set: one line, and Object.prototype untouched`, async () => {
      const file = writeJson(dir, 'proto.json', smallExperiment({ variants: [{ name: 'p', set: { [key]: 'polluted', 'robots.count': 'x' } }] }));
      const r = await cli('experiment', file, '--workers', '1', '--quiet');
      oneLine(r);
      expect(r.err).toMatch(/proto\.json: variants\[0\]\.set\[".*"\]: .*'(__proto__|constructor|prototype)' is not a scenario field and cannot be set/);
      expect(() => loadExperiment(file)).toThrow(/cannot be set/);
      expect(({} as Record<string, unknown>).x).toBeUndefined();
    });
  }

  it('20,000 bad set entries: still one line, at once', async () => {
    const set = Object.fromEntries(Array.from({ length: 20_000 }, (_, k) => [`__proto__.x${k}`, k]));
    const file = writeJson(dir, 'many.json', smallExperiment({ variants: [{ name: 'many', set }] }));
    const t0 = performance.now();
    const r = await cli('experiment', file, '--workers', '1', '--quiet');
    expect(performance.now() - t0).toBeLessThan(2000);
    oneLine(r);
    expect(r.err).toMatch(/many\.json: variants\[0\]\.set\["__proto__\.x0"\]: /);
    expect(({} as Record<string, unknown>).x0).toBeUndefined();
  });

  it('a literal "__proto__" key in set (an own property after JSON.parse): refused, nothing polluted', async () => {
    const file = join(dir, 'proto-key.json');
    writeFileSync(file, `{"name":"p","base":${JSON.stringify(scenarioPath('default.json'))},"replications":1,"variants":[{"name":"p","set":{"__proto__":{"x":1}}}]}`);
    const r = await cli('experiment', file, '--workers', '1', '--quiet');
    oneLine(r);
    expect(r.err).toMatch(/proto-key\.json: variants\[0\]\.set\["__proto__"\]: .*'__proto__' is not a scenario field/);
    expect(({} as Record<string, unknown>).x).toBeUndefined();
  });
});
