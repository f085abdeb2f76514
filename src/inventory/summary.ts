import { pct, type SummaryPart } from '../metrics/report.js';

/** Stock figures, with an `inventory` section. */
export const inventorySummary: SummaryPart = (r) => {
  const inv = r.inventory;
  if (!inv) return [];
  const cover = inv.daysOfCover === null ? 'no picks' : `${inv.daysOfCover.toFixed(1)} days of cover left`;
  const lines = [
    `  inventory     fill rate ${pct(inv.fillRate)}: ${inv.stockoutLines} stock-outs (${inv.backorderedLines} waiting, ${inv.cancelledLines} cancelled); ${inv.pickedUnits} units picked, ${inv.onHandUnits} on hand, ${inv.turnsPerYear.toFixed(1)} turns/year, ${cover}`,
  ];
  if (inv.replenishments > 0 || inv.putAwayUnitsPerHour > 0) lines.push(`                put-away ${inv.putAwayUnitsPerHour.toFixed(0)} units/h over ${inv.replenishments} visits, ${inv.inPutAwayUnits} units in put-away`);
  if (inv.imbalance !== 0) lines.push(`                stock books NOT balanced: off by ${inv.imbalance} units`);
  return lines;
};
