import { pct, type SummaryPart } from './report.js';
import { stallsSummaryLine } from '../stalls/summary.js';

/** The fleet: utilisation, charging, distance, waits, energy; then the traffic guard's and planner's counts and the stalls. None without robots. */
export const robotsSummary: SummaryPart = (r) =>
  r.robots.count === 0
    ? []
    : [
        `  robots        ${r.robots.count}, utilisation ${pct(r.robots.utilization)}, charging ${pct(r.robots.chargingShare)}, ` +
          `${r.robots.distanceCells} cells driven, ${r.robots.waitTicks} wait ticks, ${r.robots.energyKWh.toFixed(2)} kWh`,
        `  safety        ${r.robots.conflicts} conflicts, ${r.robots.plannerRepairs} planner repairs, ${r.robots.priorityYields} priority yields, ${r.robots.deadlocks.detected} deadlocks (${r.robots.deadlocks.unrecovered} unrecovered), ${r.robots.depleted} depleted`,
        stallsSummaryLine(r),
      ];

/** Energy from the grid per order, when any was drawn. */
export const energySummary: SummaryPart = (r) => {
  const e = r.energy;
  if (e.gridKWh <= 0) return [];
  return [`  energy        ${e.gridKWh.toFixed(2)} kWh from the grid, ${e.whPerOrder.toFixed(1)} Wh and ${e.co2eGramsPerOrder.toFixed(1)} g CO2e per order`];
};
