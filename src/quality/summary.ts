import { pct, type SummaryPart } from '../metrics/report.js';

/** Pick errors and the mis-shipment rate, when the scenario has a quality section. */
export const qualitySummary: SummaryPart = (r) => {
  const q = r.quality;
  if (!q) return [];
  return [`  quality       ${q.pickErrors} pick errors (${q.pickErrorsByPeople} people, ${q.pickErrorsByArms} arms), ${q.caughtAtPack} caught at pack, ${q.ordersShippedWrong} orders shipped wrong: mis-shipment rate ${pct(q.misShipmentRate)}`];
};
