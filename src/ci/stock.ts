import type { RunResult } from '../experiment/run-one.js';
import { csvLine, mdCell, xmlEscape as esc } from './text.js';

/**
 * The CI reports' stock section: per variant, the means over its runs of
 * the `inventory` figures (fill rate, stock-outs, cancelled and waiting
 * lines, units picked and on hand, turns, days of cover) and, with inbound,
 * the put-away's (put visits, units stowed, robot-hours on put-away). Empty when no run has finite
 * stock. Read defensively: runs merged from shard files may come from an
 * older wsim or a hand-edited file.
 */

const num = (x: unknown): number => (typeof x === 'number' && Number.isFinite(x) ? x : 0);
const obj = (x: unknown): Record<string, unknown> | null => (typeof x === 'object' && x !== null && !Array.isArray(x) ? (x as Record<string, unknown>) : null);

/** The figures of a row, in column order: report key, column name, heading, decimals, scale. */
const COLUMNS = [
  { section: 'inventory', key: 'fillRate', csv: 'fill_rate_pct', head: 'fill rate (%)', dp: 2, scale: 100 },
  { section: 'inventory', key: 'stockoutLines', csv: 'stockout_lines', head: 'stock-outs', dp: 1, scale: 1 },
  { section: 'inventory', key: 'cancelledLines', csv: 'cancelled_lines', head: 'cancelled', dp: 1, scale: 1 },
  { section: 'inventory', key: 'backorderedLines', csv: 'backordered_lines', head: 'waiting at end', dp: 1, scale: 1 },
  { section: 'inventory', key: 'pickedUnits', csv: 'picked_units', head: 'units picked', dp: 0, scale: 1 },
  { section: 'inventory', key: 'meanOnHandUnits', csv: 'mean_on_hand_units', head: 'mean on hand', dp: 0, scale: 1 },
  { section: 'inventory', key: 'turnsPerYear', csv: 'turns_per_year', head: 'turns/year', dp: 1, scale: 1 },
  { section: 'inventory', key: 'daysOfCover', csv: 'days_of_cover', head: 'days of cover', dp: 2, scale: 1 },
  { section: 'inbound', key: 'putVisits', csv: 'put_visits', head: 'put visits', dp: 1, scale: 1 },
  { section: 'inbound', key: 'unitsStowed', csv: 'units_stowed', head: 'units stowed', dp: 0, scale: 1 },
  { section: 'inbound', key: 'putAwayRobotHours', csv: 'put_away_robot_hours', head: 'put-away robot-hours', dp: 1, scale: 1 },
] as const;

interface StockRow {
  variant: string;
  runs: number;
  /** Means in COLUMNS order; null where no run of the variant has the figure (no inbound, nothing picked). */
  values: (number | null)[];
}

/** Means over runs, per variant in the order first met. */
function stockRows(runs: readonly RunResult[]): StockRow[] {
  const rows = new Map<string, { runs: number; sum: number[]; n: number[] }>();
  for (const r of runs) {
    const report = r.report as unknown as Record<string, unknown>;
    if (obj(report.inventory) === null) continue;
    const row = rows.get(r.variant) ?? { runs: 0, sum: COLUMNS.map(() => 0), n: COLUMNS.map(() => 0) };
    row.runs++;
    COLUMNS.forEach((c, k) => {
      const v = obj(report[c.section])?.[c.key];
      if (typeof v !== 'number' || !Number.isFinite(v)) return;
      row.sum[k] += num(v) * c.scale;
      row.n[k]++;
    });
    rows.set(r.variant, row);
  }
  return [...rows.entries()].map(([variant, s]) => ({
    variant,
    runs: s.runs,
    values: COLUMNS.map((c, k) => (s.n[k] === 0 ? null : Math.round((s.sum[k] / s.n[k]) * 10 ** c.dp) / 10 ** c.dp)),
  }));
}

const dash = (x: number | null) => (x === null ? '–' : String(x));

/** `stock.csv` (none when no run has finite stock). */
export function stockCsv(runs: readonly RunResult[]): Map<string, string> {
  const files = new Map<string, string>();
  const rows = stockRows(runs);
  if (rows.length === 0) return files;
  let text = csvLine(['variant', 'runs', ...COLUMNS.map((c) => c.csv)]);
  for (const r of rows) text += csvLine([r.variant, r.runs, ...r.values]);
  files.set('stock.csv', text);
  return files;
}

/** The Markdown summary's stock section (empty when no run has finite stock). */
export function stockMarkdown(runs: readonly RunResult[]): string {
  const rows = stockRows(runs);
  if (rows.length === 0) return '';
  const out = ['', '### Stock', '', "Means over each variant's runs.", ''];
  out.push(`| variant | ${COLUMNS.map((c) => c.head).join(' | ')} |`, `|---|${COLUMNS.map(() => '---:').join('|')}|`);
  for (const r of rows) out.push(`| ${mdCell(r.variant)} | ${r.values.map(dash).join(' | ')} |`);
  return out.join('\n') + '\n';
}

/** The HTML report's stock section (empty when no run has finite stock). */
export function stockHtml(runs: readonly RunResult[]): string {
  const rows = stockRows(runs);
  if (rows.length === 0) return '';
  let h = '<h2>Stock</h2><p class="meta">Means over each variant\'s runs.</p>';
  h += `<table><thead><tr><th class="l">variant</th>${COLUMNS.map((c) => `<th>${esc(c.head)}</th>`).join('')}</tr></thead><tbody>`;
  for (const r of rows) h += `<tr><td class="l">${esc(r.variant)}</td>${r.values.map((v) => `<td>${dash(v)}</td>`).join('')}</tr>`;
  return h + '</tbody></table>';
}
