import type { ReportSection } from '../core/feature.js';

/**
 * The KPI report of a run, in a fixed key order so equal runs give equal
 * bytes. This declares the run's header; every other key is a feature's
 * section, declared next to the code that builds it
 * (`declare module '../metrics/report.js'`) and registered, in report order,
 * in `REPORT_SECTIONS` (src/sim/features.ts). The report is put together by
 * `buildReport` (src/sim/report.ts).
 */
export interface Report {
  scenario: string;
  seed: number | string;
  planner: string;
  assignment: string;
  simulatedSeconds: number;
  ticks: number;
  tickSeconds: number;
  /** Wall-clock seconds of the run: the one field that differs between identical runs. */
  wallSeconds: number;
}

/** A feature's section of the report: the report keys `K`, built from the world at the end of a run. */
export type ReportPart<K extends keyof Report> = ReportSection<Pick<Report, K>> & { readonly keys: readonly K[] };

/** A feature's lines in the summary `wsim run` prints, from its section(s) of the report; none when the feature has nothing to say. */
export type SummaryPart = (r: Report) => string[];

/** A share as a percentage with one decimal, as the summary prints shares. */
export const pct = (x: number): string => `${(x * 100).toFixed(1)}%`;
