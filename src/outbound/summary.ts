import { formatDuration } from '../core/duration.js';
import { pct, type SummaryPart } from '../metrics/report.js';

/** Conveyors and sorters, those the site has. */
export const beltsSummary: SummaryPart = (r) => {
  const out: string[] = [];
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
  return out;
};

/** AGV loops and docks, those the site has. */
export const vehiclesSummary: SummaryPart = (r) => {
  const out: string[] = [];
  for (const a of r.agvs) {
    out.push(`  AGVs ${a.id}: ${a.vehicles} vehicles, ${a.totesDelivered} totes, busy ${pct(a.utilization)}, blocked ${formatDuration(a.blockedSeconds)}, ${a.energyKWh.toFixed(2)} kWh`);
  }
  if (r.docks.length > 0) {
    out.push('  docks');
    for (const d of r.docks) out.push(`    ${d.id}: ${d.ordersShipped} orders shipped, ${pct(d.slaHitRate)} by cut-off, ${d.itemsIn} items`);
  }
  return out;
};
