import type { Aggregate } from '../experiment/aggregate.js';
import { csvLine } from './text.js';

/** File name for a KPI's table: `kpi-throughput.ordersPerHour.csv`. */
export function kpiCsvName(path: string): string {
  return `kpi-${path.replace(/[^A-Za-z0-9._-]+/g, '_')}.csv`;
}

/** CSV files by name: one per KPI table, the raw per-run rows, and the assertion results. */
export function csvFiles(a: Aggregate): Map<string, string> {
  const files = new Map<string, string>();
  for (const t of a.kpis) {
    let text = csvLine(['variant', 'n', 'mean', 'sd', 'ci_low', 'ci_high', 'diff_mean', 'diff_ci_low', 'diff_ci_high', 'diff_significant', 'best']);
    for (const v of t.variants) {
      text += csvLine([
        v.variant,
        v.n,
        v.mean,
        v.sd,
        v.ci?.[0] ?? null,
        v.ci?.[1] ?? null,
        v.diff?.mean ?? null,
        v.diff?.ci?.[0] ?? null,
        v.diff?.ci?.[1] ?? null,
        v.diff ? v.diff.significant : null,
        t.best === v.variant,
      ]);
    }
    files.set(kpiCsvName(t.path), text);
  }
  let runs = csvLine(['variant', 'replication', 'seed', 'conflicts', ...a.kpis.map((k) => k.path)]);
  for (const r of a.runs) runs += csvLine([r.variant, r.replication, r.seed, r.conflicts, ...a.kpis.map((k) => r.kpis[k.path] ?? null)]);
  files.set('runs.csv', runs);
  let asserts = csvLine(['variant', 'assertion', 'path', 'op', 'target', 'value', 'n', 'passed']);
  for (const r of a.assertions) asserts += csvLine([r.variant, r.assertion, r.path, r.op, r.target, r.value, r.n, r.passed]);
  files.set('assertions.csv', asserts);
  return files;
}
