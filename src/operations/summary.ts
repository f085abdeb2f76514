import { pct, type SummaryPart } from '../metrics/report.js';

/** The operations policy, its duty hours and the forecast error, with an `operations` section. */
export const operationsSummary: SummaryPart = (r) => {
  const ops = r.operations;
  if (!ops) return [];
  const f = r.forecast;
  const mape = f ? `; forecast MAPE ${pct(f.mape)}` : '';
  return [
    `  operations    ${ops.policy}: ${ops.robotHoursOnDuty.toFixed(0)} of ${ops.robotHoursFleet} robot-hours on duty, ${ops.pickerHoursOnDuty.toFixed(0)} person-hours, ${ops.reslotPasses} re-slot passes${mape}`,
  ];
};
