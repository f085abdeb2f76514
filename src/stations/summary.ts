import { formatDuration } from '../core/duration.js';
import { pct, type SummaryPart } from '../metrics/report.js';

/** Pick stations one by one; none without robots (a person-to-goods site). */
export const stationsSummary: SummaryPart = (r) => {
  if (r.robots.count === 0) return [];
  const out = ['  stations'];
  for (const s of r.stations) {
    const blocked = s.blockedSeconds > 0 ? `, blocked ${formatDuration(s.blockedSeconds)}` : '';
    out.push(
      `    #${s.station} (r${s.row} c${s.col})  ${s.linesPicked} lines in ${s.visits} visits, busy ${pct(s.utilization)}, queue mean ${s.queueMean.toFixed(2)} max ${s.queueMax}${blocked}`,
    );
  }
  return out;
};

/** Arms and people station by station, with `stations.arms`. */
export const robotPickingSummary: SummaryPart = (r) => {
  const arms = r.robotPicking;
  if (!arms) return [];
  const out = ['  robotic picking'];
  for (const s of arms.stations) {
    const who = s.kind === 'arm' ? `arm ${s.model ?? ''}`.trim() : 'people';
    const arm =
      s.kind === 'arm' ? `, ${s.linesByArm} by the arm, ${s.linesByPerson} by a person (${s.unhandled} out of reach), grasps ${pct(s.failureRate)} failed` : '';
    out.push(`    #${s.station} ${who}: ${s.linesPicked} lines, ${s.linesPerHour.toFixed(0)}/h, busy ${pct(s.utilization)}${arm}`);
  }
  return out;
};
