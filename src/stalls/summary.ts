import { formatDuration } from '../core/duration.js';
import type { Report } from '../metrics/report.js';

/** The summary's stalls line: episodes over the threshold, the longest, and what held its chain up. */
export function stallsSummaryLine(r: Report): string {
  const s = r.robots.stalls;
  const head = `  stalls        ${s.count} longer than ${formatDuration(s.thresholdSeconds)}, longest ${formatDuration(s.longestSeconds)}`;
  const top = s.longest[0];
  if (!top) return head;
  const chain = top.chain.join(' -> ');
  const at = top.cells[0] ? ` at r${top.cells[0].row} c${top.cells[0].col}` : '';
  return `${head} (${top.cause}: robots ${chain}${at}, from ${formatDuration(top.startSeconds)}${top.ongoing ? ', still stalled at the end' : ''}), ${formatDuration(s.robotSeconds)} robot-time stalled`;
}
