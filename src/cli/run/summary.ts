import { formatDuration } from '../../core/duration.js';
import type { Report } from '../../metrics/report.js';
import { automationLines } from './summary-automation.js';
import { stallsSummaryLine } from './summary-stalls.js';
import { alertsSummaryLine } from '../../metrics/alerts-report.js';

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
  ];
  if (r.robots.count > 0) {
    lines.push(
      `  robots        ${r.robots.count}, utilisation ${pct(r.robots.utilization)}, charging ${pct(r.robots.chargingShare)}, ` +
        `${r.robots.distanceCells} cells driven, ${r.robots.waitTicks} wait ticks, ${r.robots.energyKWh.toFixed(2)} kWh`,
      `  safety        ${r.robots.conflicts} conflicts, ${r.robots.plannerRepairs} planner repairs, ${r.robots.priorityYields} priority yields, ${r.robots.deadlocks.detected} deadlocks (${r.robots.deadlocks.unrecovered} unrecovered), ${r.robots.depleted} depleted`,
      stallsSummaryLine(r),
      `  stations`,
    );
    for (const s of r.stations) {
      const blocked = s.blockedSeconds > 0 ? `, blocked ${formatDuration(s.blockedSeconds)}` : '';
      lines.push(
        `    #${s.station} (r${s.row} c${s.col})  ${s.linesPicked} lines in ${s.visits} visits, busy ${pct(s.utilization)}, queue mean ${s.queueMean.toFixed(2)} max ${s.queueMax}${blocked}`,
      );
    }
  }
  lines.push(...flowLines(r), ...automationLines(r));
  const f = faultsLine(r);
  if (f !== null) lines.push(f);
  const a = alertsSummaryLine(r.alerts);
  if (a !== null) lines.push(a);
  lines.push(booksLine(r));
  return lines.join('\n');
}

/** Whether every order, line, item, tote and pod is accounted for (created = completed + in progress + dropped). */
function booksLine(r: Report): string {
  const c = r.conservation;
  if (c.balanced) return '  books         orders, lines, items, totes and pods balanced';
  const off = (['orders', 'lines', 'items', 'totes', 'pods'] as const).filter((e) => !c[e].balanced).map((e) => `${e} off by ${c[e].imbalance}`);
  return `  books         NOT balanced: ${off.join(', ')}`;
}

/** One line on the faults of the run, or null when there were none. */
function faultsLine(r: Report): string | null {
  const f = r.faults;
  if (!f) return null;
  const c = f.counts;
  if (c.breakdowns + c.closures + c.conveyorJams + c.chuteOutages + c.stationClosures + c.pickerAbsences === 0) return null;
  const parts: string[] = [];
  const n = (k: number, one: string, many = `${one}s`) => `${k} ${k === 1 ? one : many}`;
  if (c.breakdowns > 0) {
    parts.push(`${n(c.breakdowns, 'breakdown')} (${formatDuration(f.robots.downtimeSeconds)} down, ${f.robots.brokenAtEnd} broken at the end)`);
  }
  if (c.closures > 0) parts.push(n(c.closures, 'closure'));
  if (c.conveyorJams > 0) parts.push(`${n(c.conveyorJams, 'conveyor jam')} (${formatDuration(f.conveyors.reduce((s, x) => s + x.jamSeconds, 0))})`);
  if (c.chuteOutages > 0) parts.push(n(c.chuteOutages, 'chute outage'));
  if (c.stationClosures > 0) parts.push(n(c.stationClosures, 'station closure'));
  if (c.pickerAbsences > 0) parts.push(n(c.pickerAbsences, 'picker absence', 'picker absences'));
  return `  faults        ${parts.join(', ')}; ${n(f.ordersDelayed.total, 'order')} delayed`;
}

/** Equipment, people, docks and energy: only the parts the site has. */
function flowLines(r: Report): string[] {
  const out: string[] = [];
  if (r.pickers.length > 0) {
    out.push('  pickers');
    for (const z of r.pickers) {
      out.push(
        `    ${z.zone}: ${z.pickers} people, ${z.linesPicked} lines, ${z.linesPerPickerHour.toFixed(1)} lines/person-hour, busy ${pct(z.utilization)}, walked ${(z.walkedMetres / 1000).toFixed(1)} km in ${z.batches} trips`,
      );
    }
  }
  if (r.conveyors.length > 0) {
    out.push('  conveyors');
    for (const c of r.conveyors) {
      out.push(`    ${c.id}: ${c.totesMoved} totes, load ${pct(c.utilization)}, max ${c.maxTotes} totes, blocked ${formatDuration(c.blockedSeconds)}`);
    }
  }
  for (const s of r.sorters) {
    out.push(
      `  sorter ${s.id}: ${s.itemsSorted} items (${s.itemsPerHour.toFixed(0)}/h, peak ${s.peakItemsPerHour}/h), ${s.recirculations} recirculations, ${s.rejects} rejects, ${s.missorts} mis-sorts`,
    );
  }
  for (const a of r.agvs) {
    out.push(`  AGVs ${a.id}: ${a.vehicles} vehicles, ${a.totesDelivered} totes, busy ${pct(a.utilization)}, blocked ${formatDuration(a.blockedSeconds)}, ${a.energyKWh.toFixed(2)} kWh`);
  }
  if (r.docks.length > 0) {
    out.push('  docks');
    for (const d of r.docks) out.push(`    ${d.id}: ${d.ordersShipped} orders shipped, ${pct(d.slaHitRate)} by cut-off, ${d.itemsIn} items`);
  }
  const e = r.energy;
  if (e.gridKWh > 0) {
    out.push(`  energy        ${e.gridKWh.toFixed(2)} kWh from the grid, ${e.whPerOrder.toFixed(1)} Wh and ${e.co2eGramsPerOrder.toFixed(1)} g CO2e per order`);
  }
  return out;
}
