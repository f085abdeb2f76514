import type { SummaryPart } from '../metrics/report.js';

/** Pick errors and the mis-shipment rate (to two decimals of a percent: a good site ships a few orders wrong in ten thousand), when the scenario has a quality section. */
export const qualitySummary: SummaryPart = (r) => {
  const q = r.quality;
  if (!q) return [];
  return [`  quality       ${q.pickErrors} pick errors (${q.pickErrorsByPeople} people, ${q.pickErrorsByArms} arms), ${q.caughtAtPack} caught at pack, ${q.ordersShippedWrong} orders shipped wrong: mis-shipment rate ${(q.misShipmentRate * 100).toFixed(2)}%`];
};
