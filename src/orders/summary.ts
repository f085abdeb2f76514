import { formatDuration } from '../core/duration.js';
import { pct, type SummaryPart } from '../metrics/report.js';

/** Orders and lines, throughput, cycle times and the SLA. */
export const ordersSummary: SummaryPart = (r) => {
  const c = r.cycleTimeSeconds;
  return [
    `  orders        ${r.orders.created} created, ${r.orders.completed} completed, ${r.orders.open} open`,
    `  lines         ${r.lines.created} created, ${r.lines.picked} picked`,
    `  throughput    ${r.throughput.ordersPerHour.toFixed(1)} orders/h, ${r.throughput.linesPerHour.toFixed(1)} lines/h`,
    `  cycle time    mean ${formatDuration(c.mean)}, p50 ${formatDuration(c.p50)}, p95 ${formatDuration(c.p95)}, p99 ${formatDuration(c.p99)}, max ${formatDuration(c.max)}`,
    `  SLA           ${pct(r.sla.hitRate)} of completed orders within ${formatDuration(r.sla.dueSeconds)}`,
  ];
};
