import { formatDuration } from '../core/duration.js';
import type { SummaryPart } from '../metrics/report.js';

/** One line on the faults of the run; none when there were none. */
export const faultsSummary: SummaryPart = (r) => {
  const f = r.faults;
  if (!f) return [];
  const c = f.counts;
  if (c.breakdowns + c.closures + c.conveyorJams + c.chuteOutages + c.stationClosures + c.pickerAbsences === 0) return [];
  const parts: string[] = [];
  const n = (k: number, one: string, many = `${one}s`) => `${k} ${k === 1 ? one : many}`;
  if (c.breakdowns > 0) {
    parts.push(`${n(c.breakdowns, 'breakdown')} (${formatDuration(f.robots.downtimeSeconds)} down, ${f.robots.brokenAtEnd} broken at the end)`);
  }
  if (c.closures > 0) parts.push(n(c.closures, 'closure'));
  if (c.conveyorJams > 0) parts.push(`${n(c.conveyorJams, 'conveyor jam')} (${formatDuration(f.conveyors.reduce((s, x) => s + x.jamSeconds, 0))})`);
  if (c.chuteOutages > 0) parts.push(n(c.chuteOutages, 'chute outage'));
  if (c.stationClosures > 0) parts.push(n(c.stationClosures, 'station closure'));
  if (c.pickerAbsences > 0) parts.push(n(c.pickerAbsences, 'picker absence', 'picker absences'));
  return [`  faults        ${parts.join(', ')}; ${n(f.ordersDelayed.total, 'order')} delayed`];
};
