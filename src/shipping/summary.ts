import type { SummaryPart } from '../metrics/report.js';

/** Parcels and split orders, when the scenario has shipping rules. */
export const shipmentsSummary: SummaryPart = (r) => {
  const s = r.shipments;
  if (!s) return [];
  return [`  shipments     ${s.parcels} parcels, ${s.splitOrders} orders split at their cut-off (${s.firstParcelItems} items in first parcels, ${s.awaitingSecondParcel} awaiting their second)`];
};
