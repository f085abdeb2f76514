/**
 * Inline SVG charts for the HTML report: plain strings, no script, no
 * external resources. Hover titles use SVG <title> elements.
 */
import { xmlEscape } from './text.js';

export const PALETTE = ['#1f77b4', '#d62728', '#2ca02c', '#ff7f0e', '#9467bd', '#8c564b', '#e377c2', '#7f7f7f', '#bcbd22', '#17becf'];

export const colorOf = (k: number) => PALETTE[k % PALETTE.length];

const n2 = (x: number) => (Math.round(x * 100) / 100).toString();

/** About `count` round tick values covering [lo, hi]. */
export function niceTicks(lo: number, hi: number, count = 5): number[] {
  if (!(hi > lo)) hi = lo + 1;
  const raw = (hi - lo) / count;
  const mag = Math.pow(10, Math.floor(Math.log10(raw)));
  const f = raw / mag;
  const step = (f <= 1 ? 1 : f <= 2 ? 2 : f <= 2.5 ? 2.5 : f <= 5 ? 5 : 10) * mag;
  const ticks: number[] = [];
  for (let v = Math.floor(lo / step) * step; v <= hi + step * 1e-9; v += step) ticks.push(Math.round(v / step) * step);
  if (ticks[ticks.length - 1] < hi) ticks.push(ticks[ticks.length - 1] + step);
  return ticks;
}

function tickLabel(v: number): string {
  const a = Math.abs(v);
  if (a >= 1e6) return `${n2(v / 1e6)}M`;
  if (a >= 1e4) return `${n2(v / 1e3)}k`;
  return n2(v);
}

export interface Series {
  name: string;
  color: string;
  points: [number, number][];
}

export interface LineChartOptions {
  title: string;
  xLabel: string;
  yLabel: string;
  series: Series[];
  width?: number;
  height?: number;
  /** Draw each series as steps (for histograms). */
  step?: boolean;
  yMin?: number;
  /** Format of y tick labels. */
  yFormat?: (v: number) => string;
  /** Format of x tick labels (a time axis as the site clock). */
  xFormat?: (v: number) => string;
  /** Where x ticks go, given the data's range (round clock times on a time axis); round numbers by default. */
  xTicks?: (lo: number, hi: number) => number[];
}

function legend(series: { name: string; color: string }[], x: number, y: number): string {
  let out = '';
  let cx = x;
  for (const s of series) {
    out += `<rect x="${cx}" y="${y - 9}" width="12" height="4" fill="${s.color}"/><text x="${cx + 16}" y="${y - 4}" class="lg">${xmlEscape(s.name)}</text>`;
    cx += 28 + s.name.length * 7;
  }
  return out;
}

/** A line chart with axes, grid lines and a legend. */
export function lineChart(o: LineChartOptions): string {
  const W = o.width ?? 720;
  const H = o.height ?? 260;
  const L = 60;
  const R = 16;
  const T = 44;
  const B = 40;
  const pts = o.series.flatMap((s) => s.points);
  const xs = pts.map((p) => p[0]);
  const ys = pts.map((p) => p[1]);
  const xMin = xs.length ? Math.min(...xs) : 0;
  const xMax = xs.length ? Math.max(...xs) : 1;
  const yMin = o.yMin ?? 0;
  const yTicks = niceTicks(yMin, Math.max(yMin + 1e-9, ...ys), 5);
  const xTicks = (o.xTicks ?? ((lo: number, hi: number) => niceTicks(lo, hi, 8)))(xMin, xMax > xMin ? xMax : xMin + 1);
  const x0 = xTicks[0];
  const x1 = xTicks[xTicks.length - 1];
  const y0 = yTicks[0];
  const y1 = yTicks[yTicks.length - 1];
  const px = (x: number) => L + ((x - x0) / (x1 - x0)) * (W - L - R);
  const py = (y: number) => H - B - ((y - y0) / (y1 - y0)) * (H - T - B);
  const yf = o.yFormat ?? tickLabel;
  const xf = o.xFormat ?? tickLabel;
  let g = `<svg class="chart" viewBox="0 0 ${W} ${H}" width="${W}" height="${H}" role="img" aria-label="${xmlEscape(o.title)}"><title>${xmlEscape(o.title)}</title>`;
  g += `<text x="${L}" y="14" class="ct">${xmlEscape(o.title)}</text>`;
  for (const t of yTicks) g += `<line x1="${L}" x2="${W - R}" y1="${n2(py(t))}" y2="${n2(py(t))}" class="grid"/><text x="${L - 6}" y="${n2(py(t) + 4)}" class="yt">${yf(t)}</text>`;
  for (const t of xTicks) g += `<line x1="${n2(px(t))}" x2="${n2(px(t))}" y1="${H - B}" y2="${H - B + 4}" class="axis"/><text x="${n2(px(t))}" y="${H - B + 16}" class="xt">${xf(t)}</text>`;
  g += `<line x1="${L}" x2="${W - R}" y1="${H - B}" y2="${H - B}" class="axis"/><line x1="${L}" x2="${L}" y1="${T}" y2="${H - B}" class="axis"/>`;
  g += `<text x="${(L + W - R) / 2}" y="${H - 6}" class="xl">${xmlEscape(o.xLabel)}</text>`;
  g += `<text x="12" y="${(T + H - B) / 2}" class="yl" transform="rotate(-90 12 ${(T + H - B) / 2})">${xmlEscape(o.yLabel)}</text>`;
  for (const s of o.series) {
    if (s.points.length === 0) continue;
    let d = '';
    s.points.forEach(([x, y], k) => {
      if (o.step) {
        d += k === 0 ? `M${n2(px(x))},${n2(py(y))}` : `V${n2(py(y))}H${n2(px(x))}`;
      } else d += `${k === 0 ? 'M' : 'L'}${n2(px(x))},${n2(py(y))}`;
    });
    g += `<path d="${d}" fill="none" stroke="${s.color}" stroke-width="2"><title>${xmlEscape(s.name)}</title></path>`;
    if (s.points.length === 1) g += `<circle cx="${n2(px(s.points[0][0]))}" cy="${n2(py(s.points[0][1]))}" r="3" fill="${s.color}"/>`;
  }
  g += legend(o.series, L, 32);
  return g + '</svg>';
}

export interface BarGroup {
  label: string;
  values: (number | null)[];
}

/** Horizontal grouped bars: one row per resource, one bar per series; values are shares in [0, 1]. */
export function shareBars(title: string, series: { name: string; color: string }[], groups: BarGroup[], width = 720): string {
  const L = 170;
  const R = 60;
  const T = 44;
  const barH = 9;
  const rowH = series.length * (barH + 2) + 8;
  const H = T + groups.length * rowH + 30;
  const px = (v: number) => L + Math.max(0, Math.min(1, v)) * (width - L - R);
  let g = `<svg class="chart" viewBox="0 0 ${width} ${H}" width="${width}" height="${H}" role="img" aria-label="${xmlEscape(title)}"><title>${xmlEscape(title)}</title>`;
  g += `<text x="${L}" y="14" class="ct">${xmlEscape(title)}</text>`;
  for (const t of [0, 0.25, 0.5, 0.75, 1]) {
    g += `<line x1="${n2(px(t))}" x2="${n2(px(t))}" y1="${T - 4}" y2="${H - 26}" class="grid"/><text x="${n2(px(t))}" y="${H - 12}" class="xt">${t * 100}%</text>`;
  }
  groups.forEach((grp, r) => {
    const y = T + r * rowH;
    g += `<text x="${L - 8}" y="${y + rowH / 2}" class="yt">${xmlEscape(grp.label)}</text>`;
    grp.values.forEach((v, k) => {
      if (v === null) return;
      const by = y + 4 + k * (barH + 2);
      g += `<rect x="${L}" y="${by}" width="${n2(px(v) - L)}" height="${barH}" fill="${series[k].color}"><title>${xmlEscape(`${grp.label}, ${series[k].name}: ${(v * 100).toFixed(1)}%`)}</title></rect>`;
      g += `<text x="${n2(px(v) + 4)}" y="${by + barH - 1}" class="bv">${(v * 100).toFixed(1)}%</text>`;
    });
  });
  if (series.length > 1) g += legend(series, L, 32);
  return g + '</svg>';
}

/** Heat map shades, faint to dark (see svg-heat.ts). */
export const HEAT = ['#fff7bc', '#fee391', '#fec44f', '#fe9929', '#ec7014', '#cc4c02', '#993404', '#662506'];
