import { formatDuration } from '../core/duration.js';
import type { Report } from '../metrics/report.js';

const pct = (x: number) => `${(x * 100).toFixed(1)}%`;

/** The KPI summary a person reads after a run. */
export function formatSummary(r: Report): string {
  const c = r.cycleTimeSeconds;
  const lines = [
    `${r.scenario} (seed ${r.seed}, planner ${r.planner}, assignment ${r.assignment})`,
    `  simulated     ${formatDuration(r.simulatedSeconds)} in ${r.ticks} ticks, ${r.wallSeconds.toFixed(2)}s wall`,
    `  orders        ${r.orders.created} created, ${r.orders.completed} completed, ${r.orders.open} open`,
    `  lines         ${r.lines.created} created, ${r.lines.picked} picked`,
    `  throughput    ${r.throughput.ordersPerHour.toFixed(1)} orders/h, ${r.throughput.linesPerHour.toFixed(1)} lines/h`,
    `  cycle time    mean ${formatDuration(c.mean)}, p50 ${formatDuration(c.p50)}, p95 ${formatDuration(c.p95)}, p99 ${formatDuration(c.p99)}, max ${formatDuration(c.max)}`,
    `  SLA           ${pct(r.sla.hitRate)} of completed orders within ${formatDuration(r.sla.dueSeconds)}`,
    `  robots        ${r.robots.count}, utilisation ${pct(r.robots.utilization)}, charging ${pct(r.robots.chargingShare)}, ` +
      `${r.robots.distanceCells} cells driven, ${r.robots.waitTicks} wait ticks, ${r.robots.energyKWh.toFixed(2)} kWh`,
    `  safety        ${r.robots.conflicts} conflicts, ${r.robots.plannerRepairs} planner repairs, ${r.robots.depleted} depleted`,
    `  stations`,
  ];
  for (const s of r.stations) {
    lines.push(
      `    #${s.station} (r${s.row} c${s.col})  ${s.linesPicked} lines in ${s.visits} visits, busy ${pct(s.utilization)}, queue mean ${s.queueMean.toFixed(2)} max ${s.queueMax}`,
    );
  }
  return lines.join('\n');
}
