import { pct, type SummaryPart } from '../metrics/report.js';

/** Pack stations one by one, with `packing`. */
export const packingSummary: SummaryPart = (r) => {
  const pack = r.packing;
  if (!pack) return [];
  const out = ['  packing'];
  for (const p of pack.stations) {
    const jams = p.jams > 0 ? `, ${p.jams} jams` : '';
    out.push(
      `    ${p.id} (${p.mode}): ${p.parcels} parcels, ${p.parcelsPerHour.toFixed(0)}/h, busy ${pct(p.utilization)}${jams}; carton fill ${pct(p.fillRate)}, ` +
        `${p.cardboardM2PerOrder.toFixed(2)} m2 board and ${p.voidFillLitresPerOrder.toFixed(1)} L void fill per order`,
    );
  }
  return out;
};
