import type { BooksPart, ReportSection } from '../core/feature.js';
import type { World } from '../core/world.js';
import type { Report } from '../metrics/report.js';
import { r4 } from '../metrics/round.js';
import { BOOKS, REPORT_SECTIONS } from './features.js';

/**
 * The KPI report of a run at its end: the run's header, then every feature's
 * section in the order of `REPORT_SECTIONS`, so equal runs give equal bytes;
 * the books' section recounts with `books`.
 */
export function buildReport(
  w: World,
  planner: string,
  assignment: string,
  wallSeconds: number,
  sections: readonly ReportSection<Partial<Report>>[] = REPORT_SECTIONS,
  books: readonly BooksPart[] = BOOKS,
): Report {
  const cfg = w.config;
  const report: Partial<Report> = {
    scenario: cfg.name,
    seed: cfg.seed,
    planner,
    assignment,
    simulatedSeconds: r4(w.tick * cfg.tickSeconds),
    ticks: w.tick,
    tickSeconds: r4(cfg.tickSeconds),
    wallSeconds: r4(wallSeconds),
  };
  // Each section adds its keys after those before it: the report's key order is the list's.
  for (const s of sections) Object.assign(report, s.build(w, books));
  return report as Report;
}
