import { pct, type SummaryPart } from '../metrics/report.js';

/** Person-to-goods zones one by one, when the site has any. */
export const pickersSummary: SummaryPart = (r) => {
  if (r.pickers.length === 0) return [];
  const out = ['  pickers'];
  for (const z of r.pickers) {
    out.push(
      `    ${z.zone}: ${z.pickers} people, ${z.linesPicked} lines, ${z.linesPerPickerHour.toFixed(1)} lines/person-hour, busy ${pct(z.utilization)}, walked ${(z.walkedMetres / 1000).toFixed(1)} km in ${z.batches} trips`,
    );
  }
  return out;
};
