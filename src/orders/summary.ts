import { formatDuration } from '../core/duration.js';
import { pct, type Report, type SummaryPart } from '../metrics/report.js';

/** Orders and lines, throughput, cycle times and the SLA. */
export const ordersSummary: SummaryPart = (r) => {
  const c = r.cycleTimeSeconds;
  return [
    `  orders        ${r.orders.created} created, ${r.orders.completed} completed, ${r.orders.open} open`,
    `  lines         ${r.lines.created} created, ${r.lines.picked} picked`,
    `  throughput    ${r.throughput.ordersPerHour.toFixed(1)} orders/h, ${r.throughput.linesPerHour.toFixed(1)} lines/h`,
    `  cycle time    mean ${formatDuration(c.mean)}, p50 ${formatDuration(c.p50)}, p95 ${formatDuration(c.p95)}, p99 ${formatDuration(c.p99)}, max ${formatDuration(c.max)}`,
    `  SLA           ${pct(r.sla.hitRate)} of completed orders within ${formatDuration(r.sla.dueSeconds)}`,
    ...classLines(r),
  ];
};

/** One line per service class, when the scenario has them. */
function classLines(r: Report): string[] {
  const by = r.orders.byClass;
  if (!by) return [];
  return Object.entries(by).map(
    ([name, c]) =>
      `  class         ${name} (priority ${c.priority}): ${c.created} created${c.held > 0 ? ` (${c.held} held for the next wave)` : ''}, ${c.completed} completed, ${pct(c.sla)} on time, cycle p50 ${formatDuration(c.cycleTimeSeconds.p50)}, p95 ${formatDuration(c.cycleTimeSeconds.p95)}`,
  );
}
