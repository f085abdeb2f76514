import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { planHash } from '../../src/experiment/load.js';
import { runsDigest } from '../../src/experiment/shard.js';
import { cli, smallExperiment, tempDir, writeJson } from './fixtures.js';

type Doc = Record<string, any>;

/**
 * Damaged and edited shard files through the real `wsim merge`: each bad
 * shard gets exactly one line naming the file and the path into it, exit 2,
 * no stack trace.
 */
describe('hostile shard files', () => {
  const dir = tempDir();
  let one = '';
  let two = '';
  const shard = (): Doc => JSON.parse(readFileSync(one, 'utf8'));
  /** Writes an edited copy of shard 1; `rehash` recomputes both digests, as a careful forger would. */
  const edited = (name: string, edit: (d: Doc) => void, rehash = false): string => {
    const d = shard();
    edit(d);
    if (rehash) {
      d.hash = planHash(d.plan);
      d.runsHash = runsDigest(d.runs);
    }
    return writeJson(dir, name, d);
  };
  const refused = async (files: string[], lines: RegExp[]) => {
    const r = await cli('merge', ...files, '--quiet');
    expect(r.code).toBe(2);
    expect(r.out).toBe('');
    expect(r.err).not.toMatch(/\n\s+at /);
    const got = r.err.trimEnd().split('\n');
    expect(got).toHaveLength(lines.length);
    lines.forEach((re, k) => expect(got[k]).toMatch(re));
  };

  beforeAll(async () => {
    const file = writeJson(dir, 'exp.json', smallExperiment({ replications: 2, duration: '2m' }));
    for (const s of ['1/2', '2/2']) {
      const r = await cli('experiment', file, '--workers', '1', '--shard', s, '--out', dir, '--quiet');
      expect(r.code).toBe(0);
    }
    one = join(dir, 'shard-1-of-2.json');
    two = join(dir, 'shard-2-of-2.json');
  });

  it('untouched shards carry a digest of their runs and merge', async () => {
    const d = shard();
    expect(Object.keys(d)).toEqual(['format', 'experiment', 'hash', 'runsHash', 'shard', 'totalRuns', 'plan', 'runs']);
    expect(d.runsHash).toBe(runsDigest(d.runs));
    const r = await cli('merge', one, two, '--quiet');
    expect(r.err).toBe('');
    expect(r.code).toBe(0);
  });

  it('runs[0] is null', async () => {
    await refused([edited('null-run.json', (d) => (d.runs[0] = null)), two], [/null-run\.json: runs\[0\]: .*expected object/i]);
  });

  it('a run missing its orders section, digests recomputed: the schema catches it', async () => {
    const f = edited('no-orders.json', (d) => delete d.runs[1].report.orders, true);
    await refused([f, two], [/no-orders\.json: runs\[1\]\.report\.orders: required, but missing/]);
  });

  it('a KPI figure replaced by text, digests recomputed', async () => {
    const f = edited('text-kpi.json', (d) => (d.runs[0].report.energy.co2eGramsPerOrder = 'low'), true);
    await refused([f, two], [/text-kpi\.json: runs\[0\]\.report: energy\.co2eGramsPerOrder: expected a number, got string/]);
  });

  it('an edited result: the run digest no longer matches', async () => {
    const f = edited('edited.json', (d) => (d.runs[0].report.throughput.ordersPerHour += 100));
    await refused([f, two], [/edited\.json: runs: run data does not match its hash; was it edited\?/]);
  });

  it('a shard written before run digests existed is refused with the reason', async () => {
    const f = edited('old.json', (d) => delete d.runsHash);
    await refused([f, two], [/old\.json: runsHash: missing: written by a wsim that did not record a digest of its runs; run this shard again/]);
  });

  it('a plan with a broken KPI path, digests recomputed', async () => {
    const f = edited('kpi-path.json', (d) => (d.plan.kpis[0].path = 'throughput..x'), true);
    await refused([f, two], [/kpi-path\.json: plan\.kpis\[0\]\.path: /]);
  });

  it('nesting 200 deep: refused by the limit of 64 before anything recursive reads it', async () => {
    const text = readFileSync(one, 'utf8').replace('"report":{', `"junk":${'['.repeat(200)}${']'.repeat(200)},"report":{`);
    const f = join(dir, 'deep.json');
    writeFileSync(f, text);
    await refused([f, two], [/deep\.json: nests lists and objects more than 64 levels deep/]);
  });

  it('several bad shards: one line each', async () => {
    const a = edited('bad-a.json', (d) => (d.runs = 'none'));
    const b = edited('bad-b.json', (d) => (d.shard.index = 'first'));
    await refused([a, b], [/bad-a\.json: runs: /, /bad-b\.json: shard\.index: /]);
  });
});
