import { createHash } from 'node:crypto';
import { z } from 'zod';
import { formatSegments as formatSegs, parseAssertion, parsePath, valueAt, type Segment } from '../scenario/assertions.js';
import { flattenIssues, ScenarioError, ScenarioErrors } from '../scenario/errors.js';
import { readJsonFile } from '../scenario/load.js';
import { canonicalJson, jsonDepth } from './dotted.js';
import { MAX_RUNS, planHash, type ExperimentPlan } from './load.js';
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
  /** Digest of the runs (runsDigest): merge refuses a shard whose results were changed after it was written. */
  runsHash: string;
  shard: ShardSpec;
  totalRuns: number;
  plan: ExperimentPlan;
  runs: RunResult[];
}

/** Digest of a shard's runs: sha256 of their canonical JSON, the same before writing and after reading back. */
export function runsDigest(runs: readonly unknown[]): string {
  return createHash('sha256').update(canonicalJson(runs)).digest('hex');
}

const Digest = z.string().regex(/^[0-9a-f]{64}$/, 'expected a sha256 digest (64 hex digits)');
const Count = z.number().int().nonnegative();
/** A report figure: JSON has no NaN, so a figure without a value reads back as null. */
const Figure = z.number().nullable();
const figures = (...keys: string[]) => z.looseObject(Object.fromEntries(keys.map((k) => [k, Figure])));

const Name = z.string().min(1).max(200);
const PlanSchema = z.looseObject({
  name: z.string(),
  description: z.string().nullable(),
  wsimVersion: z.string(),
  baseline: Name,
  replications: z.number().int().min(1).max(MAX_RUNS),
  seeds: z.array(z.string()).min(1).max(MAX_RUNS),
  confidence: z.number().gt(0).lt(1),
  kpis: z.array(z.looseObject({ path: z.string().min(1).max(256), label: z.string(), better: z.enum(['higher', 'lower', 'none']) })).max(100),
  variants: z
    .array(
      z.looseObject({
        name: Name,
        description: z.string().nullable(),
        set: z.record(z.string(), z.unknown()),
        scenario: z.record(z.string(), z.unknown()),
        assertions: z.array(z.string().max(1000)).max(1000),
        layoutDigest: z.string(),
      }),
    )
    .min(1)
    .max(1000),
});

/**
 * The report sections merging reads: counts, throughput, cycle times, SLA
 * and the robots' conflicts. Other sections are read only through KPI paths,
 * checked against the plan's KPIs once the plan is known.
 */
const RunReportSchema = z.looseObject({
  orders: figures('created', 'completed', 'open'),
  lines: figures('created', 'picked', 'open'),
  throughput: figures('ordersPerHour', 'linesPerHour'),
  cycleTimeSeconds: figures('mean', 'p50', 'p95', 'p99', 'max'),
  sla: figures('dueSeconds', 'onTime', 'hitRate'),
  robots: z.looseObject({ count: Count, utilization: Figure, conflicts: Count }),
});

const RunSchema = z.looseObject({
  index: Count,
  variant: Name,
  replication: z.number().int().min(1),
  seed: z.string(),
  wallSeconds: Figure,
  report: RunReportSchema,
});

const ShardSchema = z.looseObject({
  format: z.literal('wsim-shard/1'),
  experiment: z.string(),
  hash: Digest,
  runsHash: Digest,
  shard: z.looseObject({ index: z.number().int().min(1), count: z.number().int().min(1).max(MAX_RUNS) }),
  totalRuns: Count,
  plan: PlanSchema,
  runs: z.array(RunSchema).max(MAX_RUNS),
});

export function shardFileName(s: ShardSpec): string {
  return `shard-${s.index}-of-${s.count}.json`;
}

export function makeShard(plan: ExperimentPlan, hash: string, s: ShardSpec, runs: RunResult[]): ShardFile {
  return { format: 'wsim-shard/1', experiment: plan.name, hash, runsHash: runsDigest(runs), shard: s, totalRuns: plan.variants.length * plan.replications, plan, runs };
}

export interface Merged {
  plan: ExperimentPlan;
  hash: string;
  runs: RunResult[];
}

const short = (h: string) => h.slice(0, 12);

/** Deepest nesting a shard may have: its scenarios and reports are about a dozen levels deep. */
const MAX_SHARD_DEPTH = 64;
const NOT_A_SHARD = 'not a wsim shard file (written by wsim experiment --shard i/n)';

/**
 * Reads one shard file and checks all of it: shape, plan digest, run-data
 * digest, plan contents and the report figures merging reads. Returns the
 * shard, or the one problem that makes it unusable (one line per bad shard).
 */
function readShard(file: string): ShardFile | ScenarioError {
  let data: unknown;
  try {
    data = readJsonFile(file);
  } catch (e) {
    if (e instanceof ScenarioError) return e;
    throw e;
  }
  if (data === null || typeof data !== 'object' || (data as { format?: unknown }).format !== 'wsim-shard/1') return new ScenarioError(file, '', NOT_A_SHARD);
  // Before anything recursive (the schema, the digests) walks the document.
  if (jsonDepth(data, MAX_SHARD_DEPTH) > MAX_SHARD_DEPTH) return new ScenarioError(file, '', `nests lists and objects more than ${MAX_SHARD_DEPTH} levels deep: ${NOT_A_SHARD}`);
  if ((data as { runsHash?: unknown }).runsHash === undefined) {
    return new ScenarioError(file, 'runsHash', 'missing: written by a wsim that did not record a digest of its runs; run this shard again with this version');
  }
  const parsed = ShardSchema.safeParse(data);
  if (!parsed.success) return firstIssue(file, parsed.error.issues, data);
  // The document as written, not zod's copy: the digests cover every field.
  const shard = data as ShardFile;
  if (planHash(shard.plan) !== shard.hash) return new ScenarioError(file, 'plan', "does not match the file's hash: the shard file was edited or is damaged");
  if (runsDigest(shard.runs) !== shard.runsHash) return new ScenarioError(file, 'runs', 'run data does not match its hash; was it edited?');
  return checkPlan(file, shard.plan) ?? checkFigures(file, shard) ?? shard;
}

function firstIssue(file: string, issues: readonly z.core.$ZodIssue[], data: unknown): ScenarioError {
  const all = flattenIssues(issues, [], data);
  const more = all.length > 1 ? ` (and ${all.length - 1} more problem${all.length > 2 ? 's' : ''})` : '';
  return new ScenarioError(file, all[0].path, `${all[0].message}${more}`);
}

/** What the aggregate relies on in a plan and the schema cannot say: one seed per replication, names, parsable paths. */
function checkPlan(file: string, p: ExperimentPlan): ScenarioError | null {
  const fail = (path: string, msg: string) => new ScenarioError(file, `plan.${path}`, msg);
  if (p.seeds.length !== p.replications) return fail('seeds', `has ${p.seeds.length} seeds for ${p.replications} replications`);
  if (p.variants.length * p.replications > MAX_RUNS) return fail('replications', `${p.variants.length * p.replications} runs; at most ${MAX_RUNS} are supported`);
  const names = p.variants.map((v) => v.name);
  const dup = names.findIndex((n, i) => names.indexOf(n) !== i);
  if (dup >= 0) return fail(`variants[${dup}].name`, `'${names[dup]}' is also the name of an earlier variant`);
  if (!names.includes(p.baseline)) return fail('baseline', `'${p.baseline}' is not one of the variants`);
  for (const [k, kpi] of p.kpis.entries()) {
    const problem = syntaxProblem(() => parsePath(kpi.path));
    if (problem) return fail(`kpis[${k}].path`, problem);
  }
  for (const [i, v] of p.variants.entries()) {
    for (const [k, text] of v.assertions.entries()) {
      const problem = syntaxProblem(() => parseAssertion(text));
      if (problem) return fail(`variants[${i}].assertions[${k}]`, problem);
    }
  }
  return null;
}

function syntaxProblem(parse: () => unknown): string | null {
  try {
    parse();
    return null;
  } catch (e) {
    return (e as Error).message;
  }
}

/**
 * Every figure a KPI or assertion reads must be a number (null: no value)
 * where the run's report has it, and the report must have the section: a run
 * without `orders` would otherwise drop out of the averages silently.
 */
function checkFigures(file: string, shard: ShardFile): ScenarioError | null {
  const paths = new Map<string, Segment[][]>();
  const kpiSegs = shard.plan.kpis.map((k) => parsePath(k.path));
  for (const v of shard.plan.variants) paths.set(v.name, [...kpiSegs, ...v.assertions.map((a) => parseAssertion(a).segments)]);
  for (const [k, run] of shard.runs.entries()) {
    const report = run.report as unknown as Record<string, unknown>;
    for (const segs of paths.get(run.variant) ?? []) {
      const top = segs[0];
      if ('key' in top && !Object.hasOwn(report, top.key)) return new ScenarioError(file, `runs[${k}].report.${top.key}`, 'required, but missing');
      const v = valueAt(report, segs);
      if (v !== undefined && v !== null && typeof v !== 'number') {
        return new ScenarioError(file, `runs[${k}].report`, `${formatSegs(segs)}: expected a number, got ${Array.isArray(v) ? 'a list' : typeof v}`);
      }
    }
  }
  return null;
}

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
    const data = readShard(file);
    if (data instanceof ScenarioError) errors.push(data);
    else shards.push({ file, data });
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
