import type { RunResult } from '../experiment/run-one.js';
import type { StallCause } from '../stalls/stall-chain.js';
import type { StallReportEntry, StallsReport } from '../stalls/report.js';
import { csvLine, mdCell, xmlEscape as esc } from './text.js';

/** Episodes listed in the Markdown and HTML reports. */
const LISTED = 10;

/** One run's stall episode, tagged with the run. */
interface RunEpisode {
  variant: string;
  replication: number;
  seed: string;
  e: StallReportEntry;
}

const CAUSES: readonly StallCause[] = ['robot', 'cycle', 'closure', 'queue', 'charger'];

const num = (x: unknown): number => (typeof x === 'number' && Number.isFinite(x) ? x : 0);
const ids = (x: unknown): number[] => (Array.isArray(x) ? x.filter((v): v is number => typeof v === 'number') : []);

/**
 * A run's `robots.stalls`, read defensively: runs merged from shard files
 * may come from an older wsim without the section, or from a hand-edited
 * file. Null when there is none.
 */
export function runStalls(run: RunResult): StallsReport | null {
  const s = (run.report.robots as { stalls?: unknown }).stalls;
  if (typeof s !== 'object' || s === null) return null;
  const o = s as Record<string, unknown>;
  const longest = Array.isArray(o.longest) ? o.longest.filter((e): e is Record<string, unknown> => typeof e === 'object' && e !== null) : [];
  return {
    count: num(o.count),
    longestSeconds: num(o.longestSeconds),
    robotSeconds: num(o.robotSeconds),
    thresholdSeconds: num(o.thresholdSeconds),
    longest: longest.map((e) => ({
      startSeconds: num(e.startSeconds),
      durationSeconds: num(e.durationSeconds),
      robots: ids(e.robots),
      chain: ids(e.chain),
      cells: Array.isArray(e.cells) ? e.cells.map((c) => ({ row: num((c as { row?: unknown })?.row), col: num((c as { col?: unknown })?.col) })) : [],
      // Only the causes wsim writes: a merged shard may hold anything there.
      cause: CAUSES.includes(e.cause as StallCause) ? (e.cause as StallCause) : 'robot',
      robotSeconds: num(e.robotSeconds),
      ongoing: e.ongoing === true,
    })),
  };
}

/** Every run's listed episodes, longest first (ties: run order). */
function episodes(runs: readonly RunResult[]): RunEpisode[] {
  const out: RunEpisode[] = [];
  for (const r of runs) for (const e of runStalls(r)?.longest ?? []) out.push({ variant: r.variant, replication: r.replication, seed: r.seed, e });
  return out.sort((a, b) => b.e.durationSeconds - a.e.durationSeconds);
}

const cellText = (e: StallReportEntry) => e.cells.map((c) => `r${c.row}c${c.col}`).join(' ');
const chainText = (e: StallReportEntry) => e.chain.join(' → ');

/** Per variant: runs, episodes over the threshold (total), the longest, robot-seconds stalled (total). */
function perVariant(runs: readonly RunResult[]): { variant: string; count: number; longest: number; robotSeconds: number; threshold: number }[] {
  const rows = new Map<string, { variant: string; count: number; longest: number; robotSeconds: number; threshold: number }>();
  for (const r of runs) {
    const s = runStalls(r);
    if (s === null) continue;
    const row = rows.get(r.variant) ?? { variant: r.variant, count: 0, longest: 0, robotSeconds: 0, threshold: s.thresholdSeconds };
    row.count += s.count;
    row.longest = Math.max(row.longest, s.longestSeconds);
    row.robotSeconds += s.robotSeconds;
    rows.set(r.variant, row);
  }
  return [...rows.values()];
}

/** `stalls.csv`: every listed episode of every run, one row each. */
export function stallsCsv(runs: readonly RunResult[]): Map<string, string> {
  let text = csvLine(['variant', 'replication', 'seed', 'start_s', 'duration_s', 'cause', 'robot_s', 'ongoing', 'chain', 'robots', 'cells']);
  for (const r of runs) {
    for (const e of runStalls(r)?.longest ?? []) {
      text += csvLine([r.variant, r.replication, r.seed, e.startSeconds, e.durationSeconds, e.cause, e.robotSeconds, e.ongoing, e.chain.join(' '), e.robots.join(' '), cellText(e)]);
    }
  }
  return new Map([['stalls.csv', text]]);
}

/** The Markdown summary's stalls section (empty when no run has the figures). */
export function stallsMarkdown(runs: readonly RunResult[]): string {
  const rows = perVariant(runs);
  if (rows.length === 0) return '';
  const out = ['', '### Stalls', '', `Robots standing still on their way, grouped by wait-for chain; episodes longer than ${rows[0].threshold} s count.`, ''];
  out.push('| variant | episodes | longest (s) | robot-seconds |', '|---|---:|---:|---:|');
  for (const v of rows) out.push(`| ${mdCell(v.variant)} | ${v.count} | ${v.longest} | ${v.robotSeconds} |`);
  const list = episodes(runs).slice(0, LISTED);
  if (list.length > 0) {
    out.push('', '| start (s) | duration (s) | cause | chain (waits for →) | variant |', '|---:|---:|---|---|---|');
    for (const x of list) out.push(`| ${x.e.startSeconds} | ${x.e.durationSeconds}${x.e.ongoing ? ' (ongoing)' : ''} | ${x.e.cause} | ${mdCell(chainText(x.e))} | ${mdCell(x.variant)} #${x.replication} |`);
  }
  return out.join('\n') + '\n';
}

/** The HTML report's stalls section (empty when no run has the figures). */
export function stallsHtml(runs: readonly RunResult[]): string {
  const rows = perVariant(runs);
  if (rows.length === 0) return '';
  let h = `<h2>Stalls</h2><p class="meta">Robots standing still on their way, grouped by wait-for chain; episodes longer than ${rows[0].threshold} s count.</p>`;
  h += '<table><thead><tr><th class="l">variant</th><th>episodes</th><th>longest (s)</th><th>robot-seconds</th></tr></thead><tbody>';
  for (const v of rows) h += `<tr><td class="l">${esc(v.variant)}</td><td>${v.count}</td><td>${v.longest}</td><td>${v.robotSeconds}</td></tr>`;
  h += '</tbody></table>';
  const list = episodes(runs).slice(0, LISTED);
  if (list.length > 0) {
    h += '<table><thead><tr><th>start (s)</th><th>duration (s)</th><th class="l">cause</th><th class="l">chain (waits for &rarr;)</th><th class="l">cells</th><th class="l">run</th></tr></thead><tbody>';
    for (const x of list) {
      h += `<tr><td>${x.e.startSeconds}</td><td>${x.e.durationSeconds}${x.e.ongoing ? ' (ongoing)' : ''}</td><td class="l">${esc(x.e.cause)}</td><td class="l">${esc(chainText(x.e))}</td><td class="l">${esc(cellText(x.e))}</td><td class="l">${esc(x.variant)} #${x.replication}</td></tr>`;
    }
    h += '</tbody></table>';
  }
  return h;
}
