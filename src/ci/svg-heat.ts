/**
 * The HTML report's congestion heat map drawn over the site: walls, storage
 * and shelves as a faint floor plan, the heat on top, then the stations
 * (numbered when there is room) and chargers, so a hot spot can be placed
 * at a glance ("the aisle in front of station 3").
 */
import type { SiteSketch } from './site.js';
import { HEAT } from './svg.js';
import { xmlEscape } from './text.js';

/** Floor-plan shades by block kind. */
const PLAN = { wall: '#4b5563', storage: '#e7dcc4', shelf: '#d6c4a2', equipment: '#b8c0cc', floor: '#ffffff' } as const;
type PlanKind = keyof typeof PLAN;
const STATION = '#0f9f6e';
const CHARGER = '#3b82f6';

function kindOf(ch: string): PlanKind {
  if (ch === '@' || ch === 'T' || ch === 'O' || ch === 'W') return 'wall';
  if (ch === 'R') return 'storage';
  if (ch === '#') return 'shelf';
  if (ch === '=') return 'equipment';
  return 'floor';
}

/** The kind most of a block's cells have (ties go to the first in PLAN order). */
function blockKinds(site: SiteSketch, rows: number, cols: number, k: number): PlanKind[][] {
  const names = Object.keys(PLAN) as PlanKind[];
  return Array.from({ length: rows }, (_, br) =>
    Array.from({ length: cols }, (_, bc) => {
      const count = new Map<PlanKind, number>();
      for (let r = br * k; r < Math.min(site.height, (br + 1) * k); r++) {
        for (let c = bc * k; c < Math.min(site.width, (bc + 1) * k); c++) {
          const kind = kindOf(site.rows[r]?.[c] ?? '.');
          count.set(kind, (count.get(kind) ?? 0) + 1);
        }
      }
      let best: PlanKind = 'floor';
      for (const n of names) if ((count.get(n) ?? 0) > (count.get(best) ?? 0)) best = n;
      return best;
    }),
  );
}

/** Rectangles of one row, merged where neighbours share a fill. */
function rowRuns<T>(values: T[], fill: (v: T) => string | null, x0: number, y: number, cs: number, extra = ''): string {
  let g = '';
  let c = 0;
  while (c < values.length) {
    const f = fill(values[c]);
    let e = c + 1;
    while (e < values.length && fill(values[e]) === f) e++;
    if (f) g += `<rect x="${x0 + c * cs}" y="${y}" width="${(e - c) * cs}" height="${cs}" fill="${f}"${extra}/>`;
    c = e;
  }
  return g;
}

/**
 * A heat map of `grid` (seconds of robot waiting per block of
 * `cellsPerBlock` cells), shaded against `max` on a square-root scale, over
 * the floor plan of `site` when given. At most `maxWidth` pixels wide.
 */
export function heatmapOverSite(title: string, grid: number[][], max: number, cellsPerBlock: number, site: SiteSketch | null, maxWidth = 720): string {
  const rows = grid.length;
  const cols = rows > 0 ? grid[0].length : 0;
  const cs = Math.max(2, Math.min(14, Math.floor(maxWidth / Math.max(1, cols))));
  const T = 24;
  const W = cols * cs;
  // Room under the map for the colour scale, and the floor-plan key under it.
  const H = T + rows * cs + (site ? 42 : 24);
  const level = (v: number) => (v <= 0 || max <= 0 ? -1 : Math.min(HEAT.length - 1, Math.floor(Math.sqrt(v / max) * HEAT.length)));
  // Wide enough for the keys under the map, however narrow the map.
  const width = Math.max(W, 310);
  let g = `<svg class="chart heat" viewBox="0 0 ${width} ${H}" width="${width}" height="${H}" role="img" aria-label="${xmlEscape(title)}"><title>${xmlEscape(title)}</title>`;
  g += `<text x="0" y="14" class="ct">${xmlEscape(title)}</text>`;
  if (site) {
    const plan = blockKinds(site, rows, cols, cellsPerBlock);
    plan.forEach((row, r) => (g += rowRuns(row, (k) => PLAN[k], 0, T + r * cs, cs)));
  } else g += `<rect x="0" y="${T}" width="${W}" height="${rows * cs}" fill="#eef1f4"/>`;
  // Heat over the plan, a little see-through so walls and storage still show where it is hot.
  for (let r = 0; r < rows; r++) g += rowRuns(grid[r], (v) => (level(v) >= 0 ? HEAT[level(v)] : null), 0, T + r * cs, cs, site ? ' fill-opacity="0.85"' : '');
  if (site) {
    const mark = (cell: number, color: string, label: string | null) => {
      const x = Math.floor((cell % site.width) / cellsPerBlock) * cs;
      const y = T + Math.floor(Math.floor(cell / site.width) / cellsPerBlock) * cs;
      let m = `<rect x="${x}" y="${y}" width="${cs}" height="${cs}" fill="${color}" stroke="#1d2430" stroke-width="0.6"><title>${xmlEscape(label ?? 'charger')}</title></rect>`;
      if (label && cs >= 10) m += `<text x="${x + cs / 2}" y="${y + cs - 3}" class="sn">${label.replace('station ', '')}</text>`;
      return m;
    };
    site.chargers.forEach((c) => (g += mark(c, CHARGER, null)));
    site.stations.forEach((c, s) => (g += mark(c, STATION, `station ${s}`)));
  }
  const ly = T + rows * cs + 8;
  HEAT.forEach((color, k) => (g += `<rect x="${k * 16}" y="${ly}" width="16" height="8" fill="${color}"/>`));
  const block = cellsPerBlock > 1 ? ` per ${cellsPerBlock}x${cellsPerBlock} cells` : ' per cell';
  g += `<text x="${HEAT.length * 16 + 6}" y="${ly + 8}" class="lg">0 to ${Math.round(max).toLocaleString('en')} s waiting${block}</text>`;
  if (site) {
    let x = 0;
    const y = ly + 16;
    for (const [name, color] of [['wall', PLAN.wall], ['storage', PLAN.storage], ['station (number)', STATION], ['charger', CHARGER]] as const) {
      g += `<rect x="${x}" y="${y}" width="10" height="10" fill="${color}" stroke="#8a94a3" stroke-width="0.5"/><text x="${x + 14}" y="${y + 9}" class="lg">${name}</text>`;
      x += 24 + name.length * 6;
    }
  }
  return g + '</svg>';
}
