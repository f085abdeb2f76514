import type { DecodedFrame } from '../../record/frame-codec.js';
import type { LayoutInfo } from '../../record/layout-info.js';
import { CELL } from '../render/palette.js';
import { cellIndex, describeCell, type CellIndex } from '../view/cell-info.js';

/** While the pointer rests, the readout follows the run this often, ms. */
const REFRESH_MS = 250;
/** Offset of the readout from the pointer, px: beside it, not under it. */
const OFFSET = 14;

/**
 * The hover readout: row, column and kind of the cell under the pointer and
 * what stands there (robots, a pod, people, AGVs). Follows the pointer; kept
 * up to date a few times a second while the pointer rests.
 */
export class HoverReadout {
  private ix: CellIndex | null = null;
  private sx = 0;
  private sy = 0;
  private timer: ReturnType<typeof setInterval> | null = null;

  constructor(
    private readonly stage: HTMLElement,
    private readonly el: HTMLElement,
    private readonly toWorld: (sx: number, sy: number) => [number, number],
    private readonly frame: () => DecodedFrame | null,
  ) {
    stage.addEventListener('pointermove', (e) => {
      // Dragging pans the floor: no readout in the way.
      if (e.buttons !== 0) return this.hide();
      const r = stage.getBoundingClientRect();
      this.sx = e.clientX - r.left;
      this.sy = e.clientY - r.top;
      this.show();
    });
    stage.addEventListener('pointerleave', () => this.hide());
  }

  setLayout(layout: LayoutInfo): void {
    this.ix = cellIndex(layout);
    this.hide();
  }

  private show(): void {
    const ix = this.ix;
    if (!ix) return;
    const [wx, wy] = this.toWorld(this.sx, this.sy);
    const col = Math.floor(wx / CELL);
    const row = Math.floor(wy / CELL);
    const inside = col >= 0 && row >= 0 && col < ix.layout.width && row < ix.layout.height;
    const lines = inside ? describeCell(ix, this.frame(), row * ix.layout.width + col) : null;
    if (!lines) return this.hide();
    this.el.replaceChildren(...lines.map((l) => Object.assign(document.createElement('div'), { textContent: l })));
    this.el.hidden = false;
    // Beside the pointer, flipped to the other side near the right and bottom edges.
    const w = this.el.offsetWidth;
    const h = this.el.offsetHeight;
    const x = this.sx + OFFSET + w > this.stage.clientWidth ? this.sx - OFFSET - w : this.sx + OFFSET;
    const y = this.sy + OFFSET + h > this.stage.clientHeight ? this.sy - OFFSET - h : this.sy + OFFSET;
    this.el.style.transform = `translate(${Math.max(0, x)}px, ${Math.max(0, y)}px)`;
    this.timer ??= setInterval(() => this.show(), REFRESH_MS);
  }

  private hide(): void {
    this.el.hidden = true;
    if (this.timer) clearInterval(this.timer);
    this.timer = null;
  }
}
