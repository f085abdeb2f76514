import { Container, Graphics } from 'pixi.js';
import { BELT_COLOR, BELT_EDGE, CELL, TOTE_COLOR } from '../palette.js';
import { cellX, cellY, type Layer, type LayerContext } from './layer.js';

/** Points along a belt's cells (centres), in world units, and its length. */
function track(ctx: LayerContext, cells: number[]): { xs: number[]; ys: number[]; length: number } {
  const xs = cells.map((c) => cellX(ctx, c));
  const ys = cells.map((c) => cellY(ctx, c));
  let length = 0;
  for (let k = 1; k < xs.length; k++) length += Math.hypot(xs[k] - xs[k - 1], ys[k] - ys[k - 1]);
  return { xs, ys, length };
}

/** The point `d` world units along a track. */
function along(t: { xs: number[]; ys: number[] }, d: number): [number, number] {
  for (let k = 1; k < t.xs.length; k++) {
    const seg = Math.hypot(t.xs[k] - t.xs[k - 1], t.ys[k] - t.ys[k - 1]);
    if (d <= seg || k === t.xs.length - 1) {
      const f = seg > 0 ? Math.min(1, Math.max(0, d / seg)) : 0;
      return [t.xs[k - 1] + (t.xs[k] - t.xs[k - 1]) * f, t.ys[k - 1] + (t.ys[k] - t.ys[k - 1]) * f];
    }
    d -= seg;
  }
  return [t.xs[0], t.ys[0]];
}

/**
 * Conveyor belts drawn along their cells (once), and the totes on each as
 * squares queued back from the discharge end: a belt backing up shows as a
 * line of totes growing toward its infeed. Redrawn only when a count changes.
 */
export function conveyorsLayer(ctx: LayerContext): Layer {
  const belts = ctx.layout.equipment?.conveyors ?? [];
  const container = new Container();
  const tracks = belts.map((b) => track(ctx, b.cells));
  const base = new Graphics();
  tracks.forEach((t) => {
    if (t.xs.length === 0) return;
    if (t.xs.length === 1) {
      base.rect(t.xs[0] - CELL * 0.3, t.ys[0] - CELL * 0.3, CELL * 0.6, CELL * 0.6).fill(BELT_COLOR).stroke({ color: BELT_EDGE, width: CELL * 0.06 });
      return;
    }
    base.moveTo(t.xs[0], t.ys[0]);
    for (let k = 1; k < t.xs.length; k++) base.lineTo(t.xs[k], t.ys[k]);
    base.stroke({ color: BELT_EDGE, width: CELL * 0.62, cap: 'butt', join: 'miter' });
    base.moveTo(t.xs[0], t.ys[0]);
    for (let k = 1; k < t.xs.length; k++) base.lineTo(t.xs[k], t.ys[k]);
    base.stroke({ color: BELT_COLOR, width: CELL * 0.5, cap: 'butt', join: 'miter' });
  });
  const totes = new Graphics();
  container.addChild(base, totes);
  const last = new Int32Array(belts.length).fill(-1);
  const size = CELL * 0.34;
  return {
    container,
    update(v) {
      const counts = v.cur?.flow.conveyorTotes;
      if (!counts || counts.length !== belts.length) return;
      let changed = false;
      for (let c = 0; c < belts.length; c++) if (counts[c] !== last[c]) (last[c] = counts[c]), (changed = true);
      if (!changed) return;
      totes.clear();
      tracks.forEach((t, c) => {
        const n = Math.min(last[c], belts[c].capacity, 64);
        if (n <= 0 || t.xs.length === 0) return;
        // Spread over the belt when there is room, at most half a cell apart, queued back from the discharge end.
        const gap = Math.min(CELL * 0.5, t.length / Math.max(1, n));
        for (let k = 0; k < n; k++) {
          const [x, y] = t.xs.length === 1 ? [t.xs[0] + (k - (n - 1) / 2) * size * 0.5, t.ys[0]] : along(t, t.length - k * gap);
          totes.rect(x - size / 2, y - size / 2, size, size);
        }
      });
      totes.fill(TOTE_COLOR).stroke({ color: 0x0b1220, width: CELL * 0.04 });
    },
    destroy() {
      container.destroy({ children: true });
    },
  };
}
