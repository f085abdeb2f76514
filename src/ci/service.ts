import type { RunResult } from '../experiment/run-one.js';
import { csvLine, mdCell, xmlEscape as esc } from './text.js';

/**
 * The CI reports' service section: per variant, each service class's orders,
 * share on time and cycle times (means over the variant's runs), parcels and
 * split orders, and pick accuracy, from the runs' `orders.byClass`,
 * `shipments` and `quality`. Empty when no run has them (the scenario has
 * none of the sections). Read defensively: runs merged from shard files may
 * come from an older wsim or a hand-edited file.
 */

const num = (x: unknown): number => (typeof x === 'number' && Number.isFinite(x) ? x : 0);
const obj = (x: unknown): Record<string, unknown> | null => (typeof x === 'object' && x !== null && !Array.isArray(x) ? (x as Record<string, unknown>) : null);

/** One row of a variant's service figures: a class, or the variant's parcels and accuracy (class null). */
interface ClassRow {
  variant: string;
  cls: string;
  runs: number;
  created: number;
  completed: number;
  sla: number;
  p50: number;
  p95: number;
}

interface VariantRow {
  variant: string;
  runs: number;
  parcels: number | null;
  splitOrders: number | null;
  pickErrors: number | null;
  caughtAtPack: number | null;
  misShipmentRate: number | null;
}

/** Means over runs, per variant and class, in the order first met. */
function classRows(runs: readonly RunResult[]): ClassRow[] {
  const rows = new Map<string, ClassRow>();
  for (const r of runs) {
    const by = obj(obj(r.report.orders)?.byClass);
    if (by === null) continue;
    for (const [cls, v] of Object.entries(by)) {
      const c = obj(v);
      if (c === null) continue;
      const key = `${r.variant}\u0000${cls}`;
      const row = rows.get(key) ?? { variant: r.variant, cls, runs: 0, created: 0, completed: 0, sla: 0, p50: 0, p95: 0 };
      row.runs++;
      row.created += num(c.created);
      row.completed += num(c.completed);
      row.sla += num(c.sla);
      row.p50 += num(obj(c.cycleTimeSeconds)?.p50);
      row.p95 += num(obj(c.cycleTimeSeconds)?.p95);
      rows.set(key, row);
    }
  }
  const mean = (x: number, n: number) => Math.round((x / n) * 10) / 10;
  return [...rows.values()].map((row) => ({
    ...row,
    created: mean(row.created, row.runs),
    completed: mean(row.completed, row.runs),
    sla: Math.round((row.sla / row.runs) * 1000) / 10,
    p50: mean(row.p50, row.runs),
    p95: mean(row.p95, row.runs),
  }));
}

/** Means over runs, per variant, of parcels and accuracy (null where no run of the variant has the section). */
function variantRows(runs: readonly RunResult[]): VariantRow[] {
  const sums = new Map<string, { runs: number; ship: number[] | null; q: number[] | null; nShip: number; nQ: number }>();
  for (const r of runs) {
    const s = obj(r.report.shipments);
    const q = obj(r.report.quality);
    if (s === null && q === null) continue;
    const row = sums.get(r.variant) ?? { runs: 0, ship: null, q: null, nShip: 0, nQ: 0 };
    row.runs++;
    if (s !== null) {
      row.ship ??= [0, 0];
      row.ship[0] += num(s.parcels);
      row.ship[1] += num(s.splitOrders);
      row.nShip++;
    }
    if (q !== null) {
      row.q ??= [0, 0, 0];
      row.q[0] += num(q.pickErrors);
      row.q[1] += num(q.caughtAtPack);
      row.q[2] += num(q.misShipmentRate);
      row.nQ++;
    }
    sums.set(r.variant, row);
  }
  const mean = (x: number, n: number, digits = 1) => Math.round((x / n) * 10 ** digits) / 10 ** digits;
  return [...sums.entries()].map(([variant, s]) => ({
    variant,
    runs: s.runs,
    parcels: s.ship ? mean(s.ship[0], s.nShip) : null,
    splitOrders: s.ship ? mean(s.ship[1], s.nShip) : null,
    pickErrors: s.q ? mean(s.q[0], s.nQ) : null,
    caughtAtPack: s.q ? mean(s.q[1], s.nQ) : null,
    misShipmentRate: s.q ? mean(s.q[2] * 100, s.nQ, 2) : null,
  }));
}

const dash = (x: number | null) => (x === null ? '–' : String(x));

/** `service-classes.csv` and `shipments-quality.csv` (none when no run has the figures). */
export function serviceCsv(runs: readonly RunResult[]): Map<string, string> {
  const files = new Map<string, string>();
  const classes = classRows(runs);
  if (classes.length > 0) {
    let text = csvLine(['variant', 'class', 'runs', 'created', 'completed', 'on_time_pct', 'cycle_p50_s', 'cycle_p95_s']);
    for (const c of classes) text += csvLine([c.variant, c.cls, c.runs, c.created, c.completed, c.sla, c.p50, c.p95]);
    files.set('service-classes.csv', text);
  }
  const variants = variantRows(runs);
  if (variants.length > 0) {
    let text = csvLine(['variant', 'runs', 'parcels', 'split_orders', 'pick_errors', 'caught_at_pack', 'mis_shipment_pct']);
    for (const v of variants) text += csvLine([v.variant, v.runs, v.parcels, v.splitOrders, v.pickErrors, v.caughtAtPack, v.misShipmentRate]);
    files.set('shipments-quality.csv', text);
  }
  return files;
}

/** The Markdown summary's service section (empty when no run has the figures). */
export function serviceMarkdown(runs: readonly RunResult[]): string {
  const classes = classRows(runs);
  const variants = variantRows(runs);
  if (classes.length === 0 && variants.length === 0) return '';
  const out = ['', '### Service classes, shipments and accuracy', '', 'Means over each variant\'s runs.', ''];
  if (classes.length > 0) {
    out.push('| variant | class | created | completed | on time (%) | cycle p50 (s) | cycle p95 (s) |', '|---|---|---:|---:|---:|---:|---:|');
    for (const c of classes) out.push(`| ${mdCell(c.variant)} | ${mdCell(c.cls)} | ${c.created} | ${c.completed} | ${c.sla} | ${c.p50} | ${c.p95} |`);
    out.push('');
  }
  if (variants.length > 0) {
    out.push('| variant | parcels | split orders | pick errors | caught at pack | mis-shipment (%) |', '|---|---:|---:|---:|---:|---:|');
    for (const v of variants) out.push(`| ${mdCell(v.variant)} | ${dash(v.parcels)} | ${dash(v.splitOrders)} | ${dash(v.pickErrors)} | ${dash(v.caughtAtPack)} | ${dash(v.misShipmentRate)} |`);
  }
  return out.join('\n') + '\n';
}

/** The HTML report's service section (empty when no run has the figures). */
export function serviceHtml(runs: readonly RunResult[]): string {
  const classes = classRows(runs);
  const variants = variantRows(runs);
  if (classes.length === 0 && variants.length === 0) return '';
  let h = '<h2>Service classes, shipments and accuracy</h2><p class="meta">Means over each variant\'s runs.</p>';
  if (classes.length > 0) {
    h += '<table><thead><tr><th class="l">variant</th><th class="l">class</th><th>created</th><th>completed</th><th>on time (%)</th><th>cycle p50 (s)</th><th>cycle p95 (s)</th></tr></thead><tbody>';
    for (const c of classes) h += `<tr><td class="l">${esc(c.variant)}</td><td class="l">${esc(c.cls)}</td><td>${c.created}</td><td>${c.completed}</td><td>${c.sla}</td><td>${c.p50}</td><td>${c.p95}</td></tr>`;
    h += '</tbody></table>';
  }
  if (variants.length > 0) {
    h += '<table><thead><tr><th class="l">variant</th><th>parcels</th><th>split orders</th><th>pick errors</th><th>caught at pack</th><th>mis-shipment (%)</th></tr></thead><tbody>';
    for (const v of variants) h += `<tr><td class="l">${esc(v.variant)}</td><td>${dash(v.parcels)}</td><td>${dash(v.splitOrders)}</td><td>${dash(v.pickErrors)}</td><td>${dash(v.caughtAtPack)}</td><td>${dash(v.misShipmentRate)}</td></tr>`;
    h += '</tbody></table>';
  }
  return h;
}
