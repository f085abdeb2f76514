import type { DecodedFrame } from '../../record/frame-codec.js';
import { SHORT_PODS_SECTION, STOCK_SECTION } from '../../inventory/frame.js';
import { css, SHORT_POD_COLOR } from '../render/palette.js';
import { byId } from './dom.js';

/**
 * The panel's stock-out figure, from the inventory's frame sections: lines
 * waiting for stock now, with the stock-outs and cancellations so far and
 * how many pods are marked for it. Hidden for runs without finite stock,
 * whose frames have no such section.
 */
/** A count as people read it: 1,234. */
const num = (x: number) => Math.round(x).toLocaleString('en');

export class StockFigure {
  private readonly box = byId('stock');
  private readonly value = byId('kpi-stock');
  private readonly detail = byId('stock-detail');

  update(f: DecodedFrame): void {
    const counts = f.named.get(STOCK_SECTION);
    this.box.hidden = counts === undefined;
    if (counts === undefined) return;
    const waiting = counts[0] ?? 0;
    this.value.textContent = `${num(waiting)} line${waiting === 1 ? '' : 's'}`;
    const pods = shortPods(f);
    this.detail.innerHTML =
      `<div>${num(counts[1] ?? 0)} stock-outs so far, ${num(counts[2] ?? 0)} cancelled</div>` +
      `<div><span class="swatch" style="background:${css(SHORT_POD_COLOR)}"></span>${num(pods)} pod${pods === 1 ? '' : 's'} holding their SKUs</div>`;
  }
}

/** Pods marked as holding a SKU that lines wait for (0 without the section). */
export function shortPods(f: DecodedFrame): number {
  const marks = f.named.get(SHORT_PODS_SECTION);
  let n = 0;
  if (marks) for (let p = 0; p < marks.length; p++) n += marks[p] ? 1 : 0;
  return n;
}
