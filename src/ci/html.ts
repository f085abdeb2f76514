import type { Aggregate } from '../experiment/aggregate.js';
import type { RunResult, RunReport } from '../experiment/run-one.js';
import { decimalsFor, fmt, fmtInterval, shown } from '../experiment/table.js';
import { kpiLabel } from './kpi-labels.js';
import { siteClockHours, siteClockTicks, type SiteSketch } from './site.js';
import { colorOf, lineChart, shareBars, type BarGroup, type Series } from './svg.js';
import { heatmapOverSite } from './svg-heat.js';
import { xmlEscape as esc } from './text.js';
import { serviceHtml } from './service.js';
import { stockHtml } from './stock.js';
import { stallsHtml } from './stalls.js';

interface VariantView {
  name: string;
  color: string;
  runs: number;
  intervalHours: number;
  /** Orders per hour in each series interval (mean over replications). */
  throughput: number[];
  /** Open orders at the end of each interval (mean). */
  backlog: number[];
  binSeconds: number;
  /** Share of completed orders per cycle-time bin (all replications pooled). */
  cycleShares: number[];
  utilization: Map<string, number>;
  heat: { cellsPerBlock: number; grid: number[][] } | null;
}

function meanSeries(lists: number[][]): number[] {
  if (lists.length === 0) return [];
  const len = Math.min(...lists.map((l) => l.length));
  return Array.from({ length: len }, (_, k) => lists.reduce((s, l) => s + l[k], 0) / lists.length);
}

function utilizationOf(r: RunReport): [string, number][] {
  const out: [string, number][] = [];
  if (r.robots.count > 0) out.push(['robots (fleet)', r.robots.utilization]);
  for (const s of r.stations) out.push([`station #${s.station}`, s.utilization]);
  for (const z of r.pickers) out.push([`pickers ${z.zone}`, z.utilization]);
  for (const c of r.conveyors) out.push([`conveyor ${c.id}`, c.utilization]);
  for (const a of r.agvs) out.push([`AGVs ${a.id}`, a.utilization]);
  return out;
}

function viewOf(name: string, k: number, runs: RunResult[]): VariantView {
  const reports = runs.map((r) => r.report);
  const first = reports[0];
  const interval = first?.timeSeries?.intervalSeconds ?? 3600;
  const perHour = 3600 / (interval || 3600);
  const throughput = meanSeries(reports.map((r) => (r.timeSeries?.ordersCompleted ?? []).map((x) => x * perHour)));
  const backlog = meanSeries(reports.map((r) => r.timeSeries?.openOrders ?? []));
  // Cycle times: pooled over replications at the widest bin any of them used.
  const bin = Math.max(15, ...reports.map((r) => r.cycleTimeHistogram?.binSeconds ?? 15));
  const pooled: number[] = [];
  for (const r of reports) {
    const h = r.cycleTimeHistogram;
    if (!h) continue;
    const f = bin / h.binSeconds;
    h.counts.forEach((c, i) => {
      const j = Math.floor(i / f);
      while (pooled.length <= j) pooled.push(0);
      pooled[j] += c;
    });
  }
  const total = pooled.reduce((s, x) => s + x, 0);
  const utilization = new Map<string, number>();
  const sums = new Map<string, number[]>();
  for (const r of reports) for (const [label, v] of utilizationOf(r)) sums.set(label, [...(sums.get(label) ?? []), v]);
  for (const [label, vs] of sums) utilization.set(label, vs.reduce((s, x) => s + x, 0) / vs.length);
  let heat: VariantView['heat'] = null;
  const grids = reports.map((r) => r.congestionGrid).filter((g) => g !== undefined);
  if (grids.length > 0 && grids.every((g) => g.rows === grids[0].rows && g.cols === grids[0].cols)) {
    const g0 = grids[0];
    heat = {
      cellsPerBlock: g0.cellsPerBlock,
      grid: Array.from({ length: g0.rows }, (_, r) => Array.from({ length: g0.cols }, (_, c) => grids.reduce((s, g) => s + g.waitSeconds[r][c], 0) / grids.length)),
    };
  }
  return {
    name,
    color: colorOf(k),
    runs: runs.length,
    intervalHours: interval / 3600,
    throughput,
    backlog,
    binSeconds: bin,
    cycleShares: pooled.map((c) => (total > 0 ? c / total : 0)),
    utilization,
    heat,
  };
}

const STYLE = `
body{font:14px/1.45 system-ui,-apple-system,"Segoe UI",Roboto,sans-serif;color:#1d2430;margin:0;background:#f7f8fa}
main{max-width:1100px;margin:0 auto;padding:24px}
h1{font-size:22px;margin:0 0 4px}h2{font-size:17px;margin:28px 0 8px;border-bottom:1px solid #dde2e8;padding-bottom:4px}
.meta{color:#5b6675;margin:0 0 12px}
table{border-collapse:collapse;background:#fff;margin:8px 0;font-variant-numeric:tabular-nums}
th,td{border:1px solid #dde2e8;padding:4px 8px;text-align:right}th{background:#eef1f4}td.l,th.l{text-align:left}
td.best{font-weight:700;background:#eaf6ea}.pass{color:#17803d}.fail{color:#b42318;font-weight:700}
.sig{color:#17803d}
.charts{display:flex;flex-wrap:wrap;gap:12px}
svg.chart{background:#fff;border:1px solid #dde2e8;max-width:100%;height:auto}
svg .grid{stroke:#e6e9ee}svg .axis{stroke:#8a94a3}
svg text{font:11px system-ui,sans-serif;fill:#3a4452}svg .ct{font-weight:600;font-size:12px}
svg .yt{text-anchor:end}svg .xt,svg .xl{text-anchor:middle}svg .yl{text-anchor:middle}svg .bv{font-size:10px}
figure{margin:0}figcaption{font-size:12px;color:#5b6675}
.banner{font-size:16px;font-weight:700;padding:10px 14px;border-radius:6px;margin:0 0 16px}
.banner.ok{background:#e3f4e6;color:#17803d;border:1px solid #9fd4aa}.banner.bad{background:#fde8e6;color:#b42318;border:1px solid #f2a39b}
.banner.none{background:#eef1f4;color:#3a4452;border:1px solid #dde2e8}
.note{font-size:12px;color:#5b6675;max-width:900px}
td.kpi small{display:block;font:11px ui-monospace,Menlo,monospace;color:#7a8594}
svg .sn{font-size:9px;fill:#fff;text-anchor:middle;font-weight:700}
`;

function kpiTable(a: Aggregate): string {
  const single = a.variants.length === 1 && a.replications === 1;
  const pct = Math.round(a.confidence * 100);
  let h = '<table><thead><tr><th class="l">KPI</th><th class="l">better</th><th class="l">variant</th><th>mean</th>';
  if (!single) h += `<th>${pct}% CI</th><th>vs ${esc(a.baseline)}</th><th>${pct}% CI</th>`;
  h += '</tr></thead><tbody>';
  for (const raw of a.kpis) {
    // Human label and unit, the report path in small print; shares scaled to percent.
    const { label, scale } = kpiLabel(raw.path, raw.label);
    const t = scaled(raw, scale);
    const dp = decimalsFor(t);
    t.variants.forEach((v, k) => {
      h += '<tr>';
      if (k === 0) h += `<td class="l kpi" rowspan="${t.variants.length}">${esc(label)}<small>${esc(t.path)}</small></td><td class="l" rowspan="${t.variants.length}">${t.better}</td>`;
      h += `<td class="l">${esc(v.variant)}</td><td${!single && markedBest(t) === v.variant ? ' class="best"' : ''}>${fmt(v.mean, dp)}</td>`;
      if (!single) {
        h += `<td>${fmtInterval(v.ci, dp)}</td>`;
        h += v.diff === null ? '<td>baseline</td><td></td>' : `<td${v.diff.significant ? ' class="sig"' : ''}>${fmt(v.diff.mean, dp, true)}</td><td>${fmtInterval(v.diff.ci, dp, true)}</td>`;
      }
      h += '</tr>';
    });
  }
  h += '</tbody></table>';
  if (!single) {
    h += `<p class="note">Bold on green: the best variant for that KPI, marked only where the difference is significant at ${pct}% ` +
      `(the best is not the baseline and differs from it significantly, or it is the baseline and every other variant is significantly worse). ` +
      `Green differences are significant; the intervals are ${pct}% confidence intervals over the replications.</p>`;
  }
  return h;
}

/** A KPI's figures multiplied by `k` (a share shown in percent); the same table when k is 1. */
function scaled(t: Aggregate['kpis'][number], k: number): Aggregate['kpis'][number] {
  if (k === 1) return t;
  const x = (v: number | null) => (v === null ? null : v * k);
  const ci = (c: [number, number] | null): [number, number] | null => (c === null ? null : [c[0] * k, c[1] * k]);
  return {
    ...t,
    variants: t.variants.map((v) => ({ ...v, mean: x(v.mean), ci: ci(v.ci), diff: v.diff === null ? null : { ...v.diff, mean: x(v.diff.mean), ci: ci(v.diff.ci) } })),
  };
}

/** The variant to mark best for a KPI: only where its lead over the baseline is significant (see the note under the table). */
function markedBest(t: Aggregate['kpis'][number]): string | null {
  if (t.best === null) return null;
  const best = t.variants.find((v) => v.variant === t.best);
  if (best === undefined) return null;
  if (best.diff !== null) return best.diff.significant ? t.best : null;
  // The baseline is best: mark it when every other variant is significantly worse.
  const others = t.variants.filter((v) => v.diff !== null);
  return others.length > 0 && others.every((v) => v.diff!.significant) ? t.best : null;
}

/** A banner at the top: did the run meet its assertions? */
function banner(a: Aggregate): string {
  const n = a.assertions.length;
  const failed = a.assertions.filter((r) => !r.passed).length;
  if (n === 0) return '<div class="banner none">No assertions: nothing to pass or fail.</div>';
  if (failed === 0) return `<div class="banner ok">&#10003; PASS: all ${n} assertions hold.</div>`;
  return `<div class="banner bad">&#10007; FAIL: ${failed} of ${n} assertions do not hold (see Assertions).</div>`;
}

function assertionTable(a: Aggregate): string {
  if (a.assertions.length === 0) return '<p>No assertions.</p>';
  const failed = a.assertions.filter((r) => !r.passed).length;
  let h = `<p>${failed === 0 ? `<span class="pass">&#10003;</span> All ${a.assertions.length} assertions passed.` : `<span class="fail">&#10007; ${failed} of ${a.assertions.length} assertions failed.</span>`}</p>`;
  h += '<table><thead><tr><th class="l">result</th><th class="l">variant</th><th class="l">assertion</th><th>value</th></tr></thead><tbody>';
  for (const r of a.assertions) {
    h += `<tr><td class="l ${r.passed ? 'pass' : 'fail'}">${r.passed ? 'pass' : 'FAIL'}</td><td class="l">${esc(r.variant)}</td><td class="l"><code>${esc(r.assertion)}</code></td><td>${r.value === null ? 'no value' : shown(r.value)}</td></tr>`;
  }
  return h + '</tbody></table>';
}

/**
 * One self-contained HTML file (inline CSS and SVG, no script, nothing
 * fetched): the KPI table, assertion results, throughput and backlog over
 * time, the cycle-time distribution, utilisation per resource and a
 * congestion heat map per variant (over its floor plan, side by side).
 * Series are means over replications. `sites` (by variant) gives the floor
 * plans and the start time of day the time axes read as the site clock;
 * without them (merged shards) axes are in simulated hours and heat maps
 * have no plan under them.
 */
export function htmlReport(a: Aggregate, runs: readonly RunResult[], sites?: ReadonlyMap<string, SiteSketch>): string {
  const single = a.variants.length === 1 && a.replications === 1;
  const views = a.variants.map((v, k) =>
    viewOf(
      v.name,
      k,
      runs.filter((r) => r.variant === v.name),
    ),
  );
  const over = single ? '' : ' (mean over replications)';
  const thr: Series[] = views.map((v) => ({ name: v.name, color: v.color, points: v.throughput.map((y, k) => [(k + 1) * v.intervalHours, y] as [number, number]) }));
  const blg: Series[] = views.map((v) => ({ name: v.name, color: v.color, points: v.backlog.map((y, k) => [(k + 1) * v.intervalHours, y] as [number, number]) }));
  const useMinutes = views.every((v) => v.cycleShares.length * v.binSeconds <= 4 * 3600);
  const unit = useMinutes ? 60 : 3600;
  const cyc: Series[] = views.map((v) => ({
    name: v.name,
    color: v.color,
    points: [[0, 0] as [number, number], ...v.cycleShares.map((s, k) => [((k + 1) * v.binSeconds) / unit, s * 100] as [number, number]), [(v.cycleShares.length * v.binSeconds) / unit, 0] as [number, number]],
  }));
  const labels: string[] = [];
  for (const v of views) for (const l of v.utilization.keys()) if (!labels.includes(l)) labels.push(l);
  const groups: BarGroup[] = labels.map((l) => ({ label: l, values: views.map((v) => v.utilization.get(l) ?? null) }));
  let heatMax = 0;
  for (const v of views) if (v.heat) for (const row of v.heat.grid) for (const x of row) heatMax = Math.max(heatMax, x);

  const clockSite = sites?.get(a.baseline) ?? sites?.get(a.variants[0]?.name ?? '');
  const time = clockSite
    ? { xLabel: 'site clock time', xFormat: siteClockHours(clockSite.startOfDaySeconds), xTicks: siteClockTicks(clockSite.startOfDaySeconds) }
    : { xLabel: 'simulated hours' };
  const withHeat = views.filter((v) => v.heat).length;
  // Side by side: two maps a row for two variants, three for more.
  const heatWidth = withHeat <= 1 ? 1040 : Math.floor(1040 / Math.min(3, withHeat)) - 12;

  const title = `wsim ${single ? 'run' : 'experiment'}: ${a.name}`;
  const meta = single
    ? `seed ${a.seeds[0]}`
    : `${a.variants.length} variant(s) x ${a.replications} replication(s) under common random numbers (seeds ${a.seeds[0]} ... ${a.seeds[a.seeds.length - 1]}); baseline ${a.baseline}`;
  let h = `<!doctype html>\n<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1"><title>${esc(title)}</title><style>${STYLE}</style></head><body><main>`;
  h += banner(a);
  h += `<h1>${esc(title)}</h1><p class="meta">${esc(meta)}${a.description ? ` &middot; ${esc(a.description)}` : ''}</p>`;
  if (a.variants.some((v) => Object.keys(v.set).length > 0)) {
    h += '<table><thead><tr><th class="l">variant</th><th class="l">settings</th></tr></thead><tbody>';
    for (const v of a.variants) {
      const set = Object.entries(v.set)
        .map(([k, x]) => `${k} = ${JSON.stringify(x)}`)
        .join(', ');
      h += `<tr><td class="l">${esc(v.name)}</td><td class="l">${esc(set || '(base)')}${v.description ? `<br><small>${esc(v.description)}</small>` : ''}</td></tr>`;
    }
    h += '</tbody></table>';
  }
  h += `<h2>KPIs</h2>${kpiTable(a)}<p class="note">Shares (utilisation, orders on time) are in percent of time or of orders throughout this report; times are in seconds unless the heading says otherwise.</p>`;
  h += `<h2>Assertions</h2>${assertionTable(a)}`;
  h += '<h2>Throughput and backlog over time</h2><div class="charts">';
  h += lineChart({ title: `Orders completed per hour${over}`, ...time, yLabel: 'orders / h', series: thr });
  h += lineChart({ title: `Backlog: open orders${over}`, ...time, yLabel: 'open orders', series: blg });
  h += '</div>';
  h += `<h2>Cycle-time distribution</h2><div class="charts">`;
  h += lineChart({ title: 'Share of completed orders by cycle time', xLabel: `cycle time (${useMinutes ? 'minutes' : 'hours'})`, yLabel: '% of orders', series: cyc, step: true });
  h += '</div>';
  h += `<h2>Utilisation per resource</h2><div class="charts">${shareBars(`Utilisation, % of time${over}`, views, groups)}</div>`;
  h += '<h2>Congestion heat map</h2>';
  h += `<p class="note">Seconds robots on their way somewhere stood waiting, per cell or block of cells${over}, over the floor plan; ${withHeat > 1 ? 'one colour scale for all variants, ' : ''}darker is longer.</p><div class="charts">`;
  for (const v of views) {
    if (v.heat) h += `<figure>${heatmapOverSite(`${v.name}: robot wait time`, v.heat.grid, heatMax, v.heat.cellsPerBlock, sites?.get(v.name) ?? null, heatWidth)}</figure>`;
  }
  h += '</div>';
  h += stallsHtml(runs);
  h += serviceHtml(runs);
  h += stockHtml(runs);
  h += `<p class="meta">Written by wsim ${esc(a.wsimVersion)}${a.hash ? ` &middot; experiment ${esc(a.hash.slice(0, 12))}` : ''}.</p>`;
  return h + '</main></body></html>\n';
}
