import type { ReportSection } from '../core/feature.js';
import type { World } from '../core/world.js';
import type { Report } from '../metrics/report.js';
import { r4 } from '../metrics/round.js';
import { REPORT_SECTIONS } from './features.js';

/**
 * The KPI report of a run at its end: the run's header, then every feature's
 * section in the order of `REPORT_SECTIONS`, so equal runs give equal bytes.
 */
export function buildReport(
  w: World,
  planner: string,
  assignment: string,
  wallSeconds: number,
  sections: readonly ReportSection<Partial<Report>>[] = REPORT_SECTIONS,
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
  for (const s of sections) Object.assign(report, s.build(w));
  return report as Report;
}
