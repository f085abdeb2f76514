import { formatDuration } from '../../core/duration.js';
import type { Report, SummaryPart } from '../../metrics/report.js';
import { SUMMARY } from '../../sim/features.js';

/** The KPI summary a person reads after a run: the run's header, then every feature's lines (SUMMARY, src/sim/features.ts). */
export function formatSummary(r: Report, parts: readonly SummaryPart[] = SUMMARY): string {
  const lines = [
    `${r.scenario} (seed ${r.seed}, planner ${r.planner}, assignment ${r.assignment})`,
    `  simulated     ${formatDuration(r.simulatedSeconds)} in ${r.ticks} ticks, ${r.wallSeconds.toFixed(2)}s wall`,
  ];
  for (const part of parts) lines.push(...part(r));
  return lines.join('\n');
}
