import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { dirname, isAbsolute, join } from 'node:path';
import { checkReportPath, parseAssertion, parsePath } from '../scenario/assertions.js';
import type { SimConfig } from '../core/config.js';
import { Sim } from '../sim/sim.js';
import type { Report } from '../metrics/report.js';
import { buildReport } from '../sim/report.js';
import { flattenIssues, ScenarioError, ScenarioErrors } from '../scenario/errors.js';
import { readJsonFile, scenarioFromJson } from '../scenario/load.js';
import { canonicalJson, cloneJson, DottedPathError, jsonDepth, MAX_VALUE_DEPTH, parseDotted, setAt, splitReportedPath, type Key } from './dotted.js';
import { DEFAULT_KPIS, kpiDef, type KpiDef, type KpiInput } from './kpis.js';
import { Experiment, type ExperimentFile } from './schema.js';

/** One variant as it runs: the base scenario with the experiment's duration and the variant's settings applied. */
export interface PlanVariant {
  name: string;
  description: string | null;
  set: Record<string, unknown>;
  /** The scenario document each replication runs (its seed replaced by the replication's). */
  scenario: Record<string, unknown>;
  /** Checked on the variant's mean: the scenario's own, then the experiment's. */
  assertions: string[];
  /** Digest of the variant's floor (generated layouts and map files included). */
  layoutDigest: string;
}

/**
 * Everything that decides an experiment's results, with no file paths or
 * clock in it: its digest names the experiment for shard merging.
 */
export interface ExperimentPlan {
  name: string;
  description: string | null;
  wsimVersion: string;
  baseline: string;
  replications: number;
  /** Seed of each replication, the same in every variant (common random numbers). */
  seeds: string[];
  confidence: number;
  kpis: KpiDef[];
  variants: PlanVariant[];
}

export interface LoadedExperiment {
  file: string;
  /** The file scenario paths (maps) resolve against: the base scenario file, or the experiment file for an inline base. */
  scenarioFile: string;
  plan: ExperimentPlan;
  hash: string;
}

/** Seed of replication r (1-based): the same in every variant. */
export function replicationSeed(base: number | string, r: number): string {
  return `${base}-r${r}`;
}

export function wsimVersion(): string {
  try {
    return (JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8')) as { version: string }).version;
  } catch {
    return 'unknown';
  }
}

/** Digest of a plan: equal plans, equal digests, on any machine. */
export function planHash(plan: ExperimentPlan): string {
  return createHash('sha256').update(canonicalJson(plan)).digest('hex');
}

function layoutDigest(config: SimConfig): string {
  const g = config.grid;
  return createHash('sha256').update(`${g.width}x${g.height}:`).update(g.kind).digest('hex').slice(0, 16);
}

/** A report of the scenario before its first tick: every field the finished run's report will have. */
export function templateReport(config: SimConfig): Report {
  const sim = new Sim(config);
  return buildReport(sim.world, config.fleet.planner, config.fleet.assignment, 0);
}

const quote = (k: string) => JSON.stringify(k);

function restPath(keys: readonly string[]): string {
  return keys.map((k) => (/^\d+$/.test(k) ? `[${k}]` : `.${k}`)).join('');
}

const isPrefix = (a: readonly string[], b: readonly string[]) => a.length <= b.length && a.every((k, i) => k === b[i]);

interface SetKey {
  raw: string;
  keys: string[];
}

/** Points a problem found in a variant's merged scenario back into the experiment file. */
function mapVariantError(expFile: string, scenarioFile: string, i: number, setKeys: SetKey[], e: ScenarioError): ScenarioError {
  if (e.file !== scenarioFile) return e;
  const at = splitReportedPath(e.path);
  let best: SetKey | undefined;
  for (const k of setKeys) if (isPrefix(k.keys, at) && (!best || k.keys.length > best.keys.length)) best = k;
  if (best) return new ScenarioError(expFile, `variants[${i}].set[${quote(best.raw)}]${restPath(at.slice(best.keys.length))}`, e.detail);
  const under = setKeys.filter((k) => isPrefix(at, k.keys));
  if (under.length === 1) {
    return new ScenarioError(expFile, `variants[${i}].set[${quote(under[0].raw)}]`, e.path ? `${e.detail} (at ${e.path})` : e.detail);
  }
  return new ScenarioError(expFile, `variants[${i}]`, `with this variant's settings, ${e.path ? `${e.path}: ` : ''}${e.detail}`);
}

function asErrors(e: unknown): ScenarioError[] {
  if (e instanceof ScenarioErrors) return e.errors;
  if (e instanceof ScenarioError) return [e];
  throw e;
}

/** Loads, validates and resolves an experiment file. Throws ScenarioError(s) pointing into the experiment (or base) file. */
export function loadExperiment(file: string): LoadedExperiment {
  return experimentFromJson(file, readJsonFile(file));
}

/** Most runs (variants x replications) one experiment may ask for: a day of a large machine, not an accident's worth. */
export const MAX_RUNS = 10_000;

/**
 * Checks every variant's `set` keys and values before anything else reads
 * them: a reserved key would reach shared prototypes, a huge path or a value
 * nested thousands deep would hang or exhaust the stack in later steps.
 * Works on the raw document, iteratively, and stops at the first bad entry:
 * a file of 200,000 of them gets one line, not 200,000.
 */
function checkSetEntries(file: string, json: unknown): void {
  const variants = (json as { variants?: unknown } | null)?.variants;
  if (!Array.isArray(variants)) return;
  for (const [i, v] of variants.entries()) {
    const set = (v as { set?: unknown } | null)?.set;
    if (set === null || typeof set !== 'object' || Array.isArray(set)) continue;
    for (const [raw, value] of Object.entries(set)) {
      const problem = setEntryProblem(raw, value);
      if (problem) throw new ScenarioError(file, `variants[${i}].set[${quote(raw.length > 60 ? raw.slice(0, 40) + '...' : raw)}]`, problem);
    }
  }
}

/** Longest KPI path: report paths are a few dozen characters, and suggesting a near miss for a far longer one is slow. */
const MAX_KPI_PATH_CHARS = 256;
/** Longest assertion: a path, an operator and a number. */
const MAX_ASSERTION_CHARS = 512;

/** Refuses KPI paths and assertions far longer than any real one, before they are parsed or compared with the report's paths. */
function checkReportTexts(file: string, json: unknown): void {
  const doc = json as { kpis?: unknown; assertions?: unknown } | null;
  const tooLong = (list: unknown, max: number, text: (x: unknown) => unknown, where: (k: number) => string) => {
    if (!Array.isArray(list)) return;
    for (const [k, x] of list.entries()) {
      const t = text(x);
      if (typeof t === 'string' && t.length > max) throw new ScenarioError(file, where(k), `is ${t.length} characters; at most ${max}`);
    }
  };
  tooLong(doc?.kpis, MAX_KPI_PATH_CHARS, (x) => (typeof x === 'string' ? x : (x as { path?: unknown } | null)?.path), (k) => `kpis[${k}]`);
  tooLong(doc?.assertions, MAX_ASSERTION_CHARS, (x) => x, (k) => `assertions[${k}]`);
}

function setEntryProblem(raw: string, value: unknown): string | null {
  try {
    parseDotted(raw);
  } catch (e) {
    if (!(e instanceof DottedPathError)) throw e;
    return e.message;
  }
  if (jsonDepth(value, MAX_VALUE_DEPTH) > MAX_VALUE_DEPTH) return `the value nests lists and objects more than ${MAX_VALUE_DEPTH} levels deep`;
  return null;
}

/** Deepest nesting of an experiment or base scenario document: real ones are under a dozen levels. */
const MAX_DOC_DEPTH = 64;

/** Refuses a document nested deeper than MAX_DOC_DEPTH before copying or hashing (both recursive) reaches it. */
function checkDepth(file: string, path: string, json: unknown): void {
  if (jsonDepth(json, MAX_DOC_DEPTH) > MAX_DOC_DEPTH) throw new ScenarioError(file, path, `nests lists and objects more than ${MAX_DOC_DEPTH} levels deep`);
}

/** Refuses an experiment asking for more runs than MAX_RUNS, before any variant is built. */
function checkRunCount(file: string, exp: ExperimentFile): void {
  const runs = exp.variants.length * exp.replications;
  if (runs <= MAX_RUNS) return;
  throw new ScenarioError(
    file,
    'replications',
    `${exp.variants.length} variant(s) x ${exp.replications} replications is ${runs} runs; at most ${MAX_RUNS} are supported (split the experiment into several files)`,
  );
}

export function experimentFromJson(file: string, json: unknown): LoadedExperiment {
  checkSetEntries(file, json);
  checkReportTexts(file, json);
  checkDepth(file, '', json);
  const parsed = Experiment.safeParse(json);
  if (!parsed.success) {
    throw new ScenarioErrors(flattenIssues(parsed.error.issues, [], json).map((i) => new ScenarioError(file, i.path, i.message)));
  }
  const exp: ExperimentFile = parsed.data;
  checkRunCount(file, exp);
  const errors: ScenarioError[] = [];
  const fail = (path: string, msg: string) => errors.push(new ScenarioError(file, path, msg));

  // Names, baseline, KPI paths: what can be checked without the scenario.
  const names = new Map<string, number>();
  exp.variants.forEach((v, i) => {
    const seen = names.get(v.name);
    if (seen !== undefined) fail(`variants[${i}].name`, `'${v.name}' is also the name of variants[${seen}]`);
    else names.set(v.name, i);
  });
  const baseline = exp.baseline ?? exp.variants[0].name;
  if (exp.baseline !== undefined && !names.has(exp.baseline)) {
    fail('baseline', `no variant is named '${exp.baseline}' (variants: ${exp.variants.map((v) => v.name).join(', ')})`);
  }
  const kpiInputs: KpiInput[] = exp.kpis ?? [...DEFAULT_KPIS];
  const kpis = kpiInputs.map(kpiDef);
  const kpiSegs = kpis.map((k, i) => {
    try {
      return parsePath(k.path);
    } catch (e) {
      fail(exp.kpis ? `kpis[${i}]` : 'kpis', (e as Error).message);
      return null;
    }
  });
  const seenKpi = new Set<string>();
  kpis.forEach((k, i) => {
    if (seenKpi.has(k.path)) fail(`kpis[${i}]`, `'${k.path}' is listed twice`);
    seenKpi.add(k.path);
  });

  // The base scenario.
  let baseJson: unknown;
  let scenarioFile: string;
  let baseWhere: (path: string) => { file: string; path: string };
  if (typeof exp.base === 'string') {
    scenarioFile = isAbsolute(exp.base) ? exp.base : join(dirname(file), exp.base);
    try {
      baseJson = readJsonFile(scenarioFile);
    } catch (e) {
      const first = asErrors(e)[0];
      throw new ScenarioErrors([...errors, new ScenarioError(file, 'base', `${first.detail}: ${scenarioFile}`)]);
    }
    checkDepth(scenarioFile, '', baseJson);
    baseWhere = (path) => ({ file: scenarioFile, path });
  } else {
    scenarioFile = file;
    baseJson = exp.base;
    baseWhere = (path) => ({ file, path: path ? `base.${path}` : 'base' });
  }
  if (baseJson === null || typeof baseJson !== 'object' || Array.isArray(baseJson)) {
    throw new ScenarioErrors([...errors, new ScenarioError(file, 'base', 'the base scenario must be a JSON object')]);
  }
  const base = cloneJson(baseJson as Record<string, unknown>);
  if (exp.duration !== undefined) base.duration = exp.duration;
  let baseConfig: SimConfig;
  try {
    baseConfig = scenarioFromJson(scenarioFile, base).config;
  } catch (e) {
    const mapped = asErrors(e).map((x) => {
      if (x.file !== scenarioFile) return x;
      const w = baseWhere(x.path);
      return new ScenarioError(w.file, w.path, x.detail);
    });
    throw new ScenarioErrors([...errors, ...mapped]);
  }
  void baseConfig;

  // Variants: the base with each variant's settings, checked by the scenario loader.
  const experimentAssertions = exp.assertions ?? [];
  const variants: PlanVariant[] = [];
  const reported = new Set<string>();
  /** Reports a problem once per place in the file, from the first variant that shows it. */
  const failOnce = (e: ScenarioError) => {
    const key = `${e.file}\0${e.path}`;
    if (reported.has(key)) return;
    reported.add(key);
    errors.push(e);
  };
  exp.variants.forEach((v, i) => {
    const merged = cloneJson(base);
    const setKeys: SetKey[] = [];
    let ok = true;
    for (const [raw, value] of Object.entries(v.set)) {
      const where = `variants[${i}].set[${quote(raw)}]`;
      let keys: Key[];
      try {
        keys = parseDotted(raw);
      } catch (e) {
        fail(where, (e as Error).message);
        ok = false;
        continue;
      }
      if (keys.length === 1 && keys[0] === 'seed') {
        fail(where, "every replication's seed comes from the experiment: set the experiment's \"seed\" instead");
        ok = false;
        continue;
      }
      try {
        setAt(merged, keys, cloneJson(value));
      } catch (e) {
        if (!(e instanceof DottedPathError)) throw e;
        fail(where, e.message);
        ok = false;
        continue;
      }
      setKeys.push({ raw, keys: keys.map(String) });
    }
    if (!ok) return;
    let config: SimConfig;
    let scenarioAssertions: string[];
    try {
      const loaded = scenarioFromJson(scenarioFile, merged);
      config = loaded.config;
      scenarioAssertions = loaded.scenario.assertions ?? [];
    } catch (e) {
      for (const x of asErrors(e)) errors.push(mapVariantError(file, scenarioFile, i, setKeys, x));
      return;
    }
    // Report paths (KPIs and assertions) against what this variant's report will hold.
    const template = templateReport(config);
    kpiSegs.forEach((segs, k) => {
      if (segs === null) return;
      const problem = checkReportPath(template, segs);
      if (problem) failOnce(new ScenarioError(file, exp.kpis ? `kpis[${k}]` : 'kpis', withVariant(problem, v.name, exp.variants.length)));
    });
    const setsAssertions = setKeys.some((k) => k.keys[0] === 'assertions');
    scenarioAssertions.forEach((text, k) => {
      const problem = checkReportPath(template, parseAssertion(text).segments);
      if (!problem) return;
      if (setsAssertions) failOnce(new ScenarioError(file, `variants[${i}].set["assertions"][${k}]`, problem));
      else {
        const w = baseWhere(`assertions[${k}]`);
        failOnce(new ScenarioError(w.file, w.path, problem));
      }
    });
    experimentAssertions.forEach((text, k) => {
      const problem = checkReportPath(template, parseAssertion(text).segments);
      if (problem) failOnce(new ScenarioError(file, `assertions[${k}]`, withVariant(problem, v.name, exp.variants.length)));
    });
    const scenario = cloneJson(merged);
    delete scenario.seed;
    delete scenario.$schema;
    variants.push({
      name: v.name,
      description: v.description ?? null,
      set: v.set,
      scenario,
      assertions: [...scenarioAssertions, ...experimentAssertions],
      layoutDigest: layoutDigest(config),
    });
  });
  if (errors.length > 0) throw new ScenarioErrors(errors);

  const plan: ExperimentPlan = {
    name: exp.name,
    description: exp.description ?? null,
    wsimVersion: wsimVersion(),
    baseline,
    replications: exp.replications,
    seeds: Array.from({ length: exp.replications }, (_, r) => replicationSeed(exp.seed, r + 1)),
    confidence: 0.95,
    kpis,
    variants,
  };
  return { file, scenarioFile, plan, hash: planHash(plan) };
}

function withVariant(problem: string, variant: string, count: number): string {
  return count > 1 ? `${problem} (in variant '${variant}')` : problem;
}
