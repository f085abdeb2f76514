import type { LayoutInfo } from '../../record/layout-info.js';
import { ramp } from '../render/layers/heat.js';
import { ARM_COLOR, CELL_RGB, css, POD_COLOR, QUEUE_COLOR, UNKNOWN_RGB } from '../render/palette.js';
import { cellKind } from '../view/cell-info.js';
import { heatLabels } from '../view/heat-scale.js';

/** Stops of the heat scale's gradient. */
const STOPS = 6;

const rgb = (c: readonly number[]) => `rgb(${c[0]},${c[1]},${c[2]})`;

/**
 * The floor's legend (every kind of cell this layout has, and the marks
 * drawn over them) and the congestion overlay's colour scale with its unit.
 */
export class Legend {
  private lastMax = -1;

  constructor(
    private readonly cells: HTMLElement,
    private readonly scale: HTMLElement,
    heatOn: HTMLInputElement,
  ) {
    const bar = scale.querySelector<HTMLElement>('.scale-bar')!;
    const px = new Uint8ClampedArray(4);
    const stops: string[] = [];
    for (let k = 0; k <= STOPS; k++) {
      const t = k / STOPS;
      ramp(t === 0 ? 0.001 : t, px, 0);
      stops.push(`rgba(${px[0]},${px[1]},${px[2]},${(px[3] / 255).toFixed(2)}) ${Math.round(t * 100)}%`);
    }
    bar.style.background = `linear-gradient(to right, ${stops.join(', ')}), #182234`;
    const sync = () => (scale.hidden = !heatOn.checked);
    heatOn.addEventListener('change', sync);
    sync();
  }

  /** Lists the cell kinds this layout uses, in legend order, and the marks drawn on them. */
  setLayout(layout: LayoutInfo): void {
    const seen = new Map<string, string>();
    for (const row of layout.rows) for (const ch of row) if (!seen.has(cellKind(ch))) seen.set(cellKind(ch), ch);
    const items: string[] = [];
    for (const [name, ch] of seen) items.push(`<span><span class="swatch" style="background:${rgb(CELL_RGB[ch] ?? UNKNOWN_RGB)}"></span>${name}</span>`);
    if (layout.podHomes.length > 0) items.push(`<span><span class="swatch" style="background:${css(POD_COLOR)}"></span>pod</span>`);
    if (layout.stations.length > 0) {
      items.push(`<span><span class="swatch num">0</span>station number</span>`);
      items.push(`<span><span class="swatch" style="background:${css(QUEUE_COLOR)}"></span>queue (bar, count)</span>`);
    }
    if (layout.stationPickers?.some((p) => p.startsWith('arm'))) items.push(`<span><span class="swatch ring" style="border-color:${css(ARM_COLOR)}"></span>robotic arm</span>`);
    this.cells.innerHTML = items.join('');
    this.lastMax = -1;
  }

  /** Relabels the colour scale for a new heat map (only when its top changed). */
  heat(maxTicks: number, tickSeconds: number): void {
    if (maxTicks === this.lastMax) return;
    this.lastMax = maxTicks;
    const [lo, mid, hi] = heatLabels(maxTicks, tickSeconds);
    const spans = this.scale.querySelectorAll('.scale-ticks span');
    spans[0].textContent = lo;
    spans[1].textContent = mid;
    spans[2].textContent = `${hi} s`;
  }
}
