import { ScenarioError, ScenarioErrors } from '../scenario/errors.js';
import { readJsonFile } from '../scenario/load.js';
import { planHash, type ExperimentPlan } from './load.js';
import type { RunResult, RunTask } from './run-one.js';

/** `--shard i/n`: the i-th (1-based) of n slices. */
export interface ShardSpec {
  index: number;
  count: number;
}

/** Parses "2/5"; returns a message for anything else. */
export function parseShard(text: string): ShardSpec | string {
  const m = /^\s*(\d+)\s*\/\s*(\d+)\s*$/.exec(text);
  if (!m) return `--shard must be i/n (for example 1/4), got '${text}'`;
  const index = Number(m[1]);
  const count = Number(m[2]);
  if (count < 1 || index < 1 || index > count) return `--shard ${text}: i must be between 1 and n`;
  return { index, count };
}

/** Round robin over the ordered run list: run k belongs to shard (k mod n) + 1. */
export function shardTasks<T extends Pick<RunTask, 'index'>>(tasks: readonly T[], s: ShardSpec): T[] {
  return tasks.filter((t) => t.index % s.count === s.index - 1);
}

export interface ShardFile {
  format: 'wsim-shard/1';
  experiment: string;
  hash: string;
  shard: ShardSpec;
  totalRuns: number;
  plan: ExperimentPlan;
  runs: RunResult[];
}

export function shardFileName(s: ShardSpec): string {
  return `shard-${s.index}-of-${s.count}.json`;
}

export function makeShard(plan: ExperimentPlan, hash: string, s: ShardSpec, runs: RunResult[]): ShardFile {
  return { format: 'wsim-shard/1', experiment: plan.name, hash, shard: s, totalRuns: plan.variants.length * plan.replications, plan, runs };
}

export interface Merged {
  plan: ExperimentPlan;
  hash: string;
  runs: RunResult[];
}

const short = (h: string) => h.slice(0, 12);

/**
 * Reads shard files and checks that they come from one experiment (same plan
 * digest) and together hold every run exactly once. Returns the runs in run
 * order, ready to aggregate.
 */
export function mergeShards(files: readonly string[]): Merged {
  if (files.length === 0) throw new ScenarioError('wsim merge', '', 'no shard files given');
  const shards: { file: string; data: ShardFile }[] = [];
  const errors: ScenarioError[] = [];
  for (const file of files) {
    const data = readJsonFile(file) as Partial<ShardFile> | null;
    if (data === null || typeof data !== 'object' || data.format !== 'wsim-shard/1' || !Array.isArray(data.runs) || typeof data.hash !== 'string' || !data.plan) {
      errors.push(new ScenarioError(file, '', 'not a wsim shard file (written by wsim experiment --shard i/n)'));
      continue;
    }
    if (planHash(data.plan) !== data.hash) {
      errors.push(new ScenarioError(file, 'plan', 'does not match the file\'s hash: the shard file was edited or is damaged'));
      continue;
    }
    shards.push({ file, data: data as ShardFile });
  }
  if (errors.length > 0) throw new ScenarioErrors(errors);
  const first = shards[0];
  for (const s of shards.slice(1)) {
    if (s.data.hash !== first.data.hash) {
      errors.push(
        new ScenarioError(
          s.file,
          '',
          `belongs to a different experiment ('${s.data.experiment}', hash ${short(s.data.hash)}) than ${first.file} ('${first.data.experiment}', hash ${short(first.data.hash)}): run every shard from the same experiment file and wsim version`,
        ),
      );
    }
  }
  if (errors.length > 0) throw new ScenarioErrors(errors);

  const plan = first.data.plan;
  const expected: { variant: string; replication: number; seed: string }[] = [];
  for (const v of plan.variants) plan.seeds.forEach((seed, r) => expected.push({ variant: v.name, replication: r + 1, seed }));
  const owner: (string | undefined)[] = new Array(expected.length);
  const runs: RunResult[] = new Array(expected.length);
  const name = (k: number) => `run ${k} (${expected[k].variant}, replication ${expected[k].replication})`;
  for (const s of shards) {
    for (const r of s.data.runs) {
      const e = expected[r.index];
      if (e === undefined || e.variant !== r.variant || e.replication !== r.replication || e.seed !== r.seed) {
        errors.push(new ScenarioError(s.file, 'runs', `run ${r.index} (${r.variant}, replication ${r.replication}) is not in the experiment's run list`));
        continue;
      }
      if (owner[r.index] !== undefined) {
        errors.push(new ScenarioError(s.file, '', `${name(r.index)} is also in ${owner[r.index]}: each shard must be given once`));
        continue;
      }
      owner[r.index] = s.file;
      runs[r.index] = r;
    }
  }
  const missing = expected.map((_, k) => k).filter((k) => owner[k] === undefined);
  if (missing.length > 0) {
    const counts = [...new Set(shards.map((s) => s.data.shard.count))];
    const have = shards.map((s) => s.data.shard.index).sort((a, b) => a - b);
    const wanted = counts.length === 1 ? Array.from({ length: counts[0] }, (_, k) => k + 1).filter((k) => !have.includes(k)) : [];
    const hint = wanted.length > 0 ? ` (missing shard${wanted.length > 1 ? 's' : ''} ${wanted.map((k) => `${k}/${counts[0]}`).join(', ')})` : '';
    const list = missing.slice(0, 5).map(name).join(', ') + (missing.length > 5 ? `, and ${missing.length - 5} more` : '');
    errors.push(new ScenarioError('wsim merge', '', `${missing.length} of ${expected.length} runs are missing${hint}: ${list}`));
  }
  if (errors.length > 0) throw new ScenarioErrors(errors);
  return { plan, hash: first.data.hash, runs };
}
