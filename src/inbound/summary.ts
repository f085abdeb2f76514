import { pct, type SummaryPart } from '../metrics/report.js';

/** Trucks and put-away, with an `inbound` section. */
export const inboundSummary: SummaryPart = (r) => {
  const inb = r.inbound;
  if (!inb) return [];
  const busy = inb.putStations.length > 0 ? inb.putStations.reduce((a, s) => a + s.busyShare, 0) / inb.putStations.length : 0;
  return [
    `  inbound       ${inb.trucks} trucks (${inb.policy}), ${inb.unitsArrived} units: ${inb.unitsStowed} stowed in ${inb.putVisits} put visits (${inb.putAwayRobotHours.toFixed(1)} robot-hours), ${inb.unitsInBuffer + inb.unitsInTasks} in the buffer and on tasks, ${inb.unitsOnTrucks} on trucks; put stations busy ${pct(busy)}`,
  ];
};
