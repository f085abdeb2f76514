import { evaluate, numberAt, parseAssertion, parsePath, type AssertionResult } from '../scenario/assertions.js';
import type { Better } from './kpis.js';
import type { ExperimentPlan } from './load.js';
import type { RunResult, RunTask } from './run-one.js';
import { confidenceInterval, pairedDifference } from './stats.js';

/** Rounds figures in the aggregate (1e-6): stable text, no float noise. */
export function r6(x: number): number {
  const v = Math.round(x * 1e6) / 1e6;
  return v === 0 ? 0 : v;
}

const num = (x: number): number | null => (Number.isFinite(x) ? r6(x) : null);

export interface VariantKpi {
  variant: string;
  /** Replications with a value. */
  n: number;
  mean: number | null;
  sd: number | null;
  /** Two-sided confidence interval of the mean (null below two replications). */
  ci: [number, number] | null;
  /** Paired difference to the baseline (variant minus baseline, replication by replication); null for the baseline. */
  diff: { mean: number | null; ci: [number, number] | null; significant: boolean } | null;
}

export interface KpiTable {
  path: string;
  label: string;
  better: Better;
  /** Best variant by mean in the KPI's direction (null when it has none). */
  best: string | null;
  variants: VariantKpi[];
}

export interface VariantAssertion extends AssertionResult {
  variant: string;
  /** Replications the mean was taken over. */
  n: number;
}

export interface RunRow {
  variant: string;
  replication: number;
  seed: string;
  kpis: Record<string, number | null>;
  conflicts: number;
}

/** The result of an experiment: byte-stable (no clock, ordered by variant then replication). */
export interface Aggregate {
  format: 'wsim-experiment/1';
  name: string;
  description: string | null;
  hash: string;
  wsimVersion: string;
  baseline: string;
  replications: number;
  confidence: number;
  seeds: string[];
  variants: { name: string; description: string | null; set: Record<string, unknown> }[];
  kpis: KpiTable[];
  assertions: VariantAssertion[];
  passed: boolean;
  conflicts: number;
  runs: RunRow[];
}

/** The run list of a plan: variant by variant, replication by replication. */
export function planTasks(plan: ExperimentPlan, scenarioFile: string): RunTask[] {
  const tasks: RunTask[] = [];
  for (const v of plan.variants) {
    plan.seeds.forEach((seed, r) => {
      tasks.push({ index: tasks.length, variant: v.name, replication: r + 1, seed, file: scenarioFile, scenario: v.scenario });
    });
  }
  return tasks;
}

const interval = (lo: number, hi: number): [number, number] | null => (Number.isFinite(lo) && Number.isFinite(hi) ? [r6(lo), r6(hi)] : null);

/**
 * Tabulates finished runs (all of them, in run-list order): per KPI the mean
 * and confidence interval per variant and the paired difference to the
 * baseline; assertions on each variant's mean.
 */
export function aggregate(plan: ExperimentPlan, hash: string, runs: readonly RunResult[]): Aggregate {
  const byVariant = new Map<string, RunResult[]>();
  for (const v of plan.variants) byVariant.set(v.name, []);
  for (const r of runs) byVariant.get(r.variant)?.push(r);
  for (const list of byVariant.values()) list.sort((a, b) => a.replication - b.replication);
  const level = plan.confidence;

  const kpis: KpiTable[] = plan.kpis.map((k) => {
    const segs = parsePath(k.path);
    const valuesOf = (name: string) => (byVariant.get(name) ?? []).map((r) => numberAt(r.report, segs));
    const base = valuesOf(plan.baseline);
    const variants: VariantKpi[] = plan.variants.map((v) => {
      const vals = valuesOf(v.name);
      const present = vals.filter((x): x is number => x !== undefined);
      const ci = confidenceInterval(present, level);
      let diff: VariantKpi['diff'] = null;
      if (v.name !== plan.baseline) {
        const a: number[] = [];
        const b: number[] = [];
        vals.forEach((x, r) => {
          const y = base[r];
          if (x !== undefined && y !== undefined) {
            a.push(x);
            b.push(y);
          }
        });
        const d = pairedDifference(a, b, level);
        const dci = interval(d.low, d.high);
        diff = { mean: num(d.mean), ci: dci, significant: dci !== null && (dci[0] > 0 || dci[1] < 0) };
      }
      return { variant: v.name, n: present.length, mean: num(ci.mean), sd: num(ci.sd), ci: interval(ci.low, ci.high), diff };
    });
    let best: string | null = null;
    const means = variants.map((v) => v.mean).filter((m): m is number => m !== null);
    if (k.better !== 'none' && means.some((m) => m !== means[0])) {
      let bestMean = NaN;
      for (const v of variants) {
        if (v.mean === null) continue;
        if (best === null || (k.better === 'higher' ? v.mean > bestMean : v.mean < bestMean)) {
          best = v.variant;
          bestMean = v.mean;
        }
      }
    }
    return { path: k.path, label: k.label, better: k.better, best, variants };
  });

  const assertions: VariantAssertion[] = [];
  for (const v of plan.variants) {
    const list = byVariant.get(v.name) ?? [];
    for (const text of v.assertions) {
      const a = parseAssertion(text);
      const vals = list.map((r) => numberAt(r.report, a.segments));
      const present = vals.filter((x): x is number => x !== undefined);
      const value = present.length === vals.length && present.length > 0 ? r6(present.reduce((s, x) => s + x, 0) / present.length) : undefined;
      assertions.push({ variant: v.name, n: present.length, ...evaluate(a, value) });
    }
  }

  const rows: RunRow[] = [];
  let conflicts = 0;
  for (const v of plan.variants) {
    for (const r of byVariant.get(v.name) ?? []) {
      const values: Record<string, number | null> = {};
      for (const k of plan.kpis) values[k.path] = numberAt(r.report, parsePath(k.path)) ?? null;
      conflicts += r.report.robots.conflicts;
      rows.push({ variant: r.variant, replication: r.replication, seed: r.seed, kpis: values, conflicts: r.report.robots.conflicts });
    }
  }

  return {
    format: 'wsim-experiment/1',
    name: plan.name,
    description: plan.description,
    hash,
    wsimVersion: plan.wsimVersion,
    baseline: plan.baseline,
    replications: plan.replications,
    confidence: plan.confidence,
    seeds: plan.seeds,
    variants: plan.variants.map((v) => ({ name: v.name, description: v.description, set: v.set })),
    kpis,
    assertions,
    passed: assertions.every((a) => a.passed),
    conflicts,
    runs: rows,
  };
}
