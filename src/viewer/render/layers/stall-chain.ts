import { Container, Graphics } from 'pixi.js';
import { FrameStallsReader } from '../../../record/stall-sections.js';
import { chainEdges, layoutCellKinds } from '../../view/stalls.js';
import { CELL } from '../palette.js';
import { cellX, cellY, type Layer, type LayerContext } from './layer.js';

/** Arrows drawn at most: a jam of thousands stays readable and cheap. */
const MAX_ARROWS = 400;
/** Waiting for a robot; the same in a deadlock cycle; for a closure; after yielding. */
const WAIT_COLOR = 0xfbbf24;
const CYCLE_COLOR = 0xef4444;
const CLOSED_COLOR = 0xf87171;
const YIELD_COLOR = 0x94a3b8;
const OUTLINE = 0x0b1220;

/**
 * The selected robot's wait-for chain (docs/stalls.md): an arrow from each
 * waiting robot to what holds it up, onwards from the selected robot and
 * back through every robot queued behind it; red when the chain closes on
 * itself, a cross on a closed cell waited for. Drawn from the frame's stall
 * sections, so it shows for a live run, a server's run and a recording that
 * has them (nothing for one without).
 */
export function stallChainLayer(ctx: LayerContext): Layer {
  const container = new Container();
  const g = new Graphics();
  container.addChild(g);
  const kinds = layoutCellKinds(ctx.layout);
  const reader = new FrameStallsReader();
  const arrow = (x0: number, y0: number, x1: number, y1: number, color: number) => {
    const dx = x1 - x0;
    const dy = y1 - y0;
    const len = Math.hypot(dx, dy);
    if (len < 1e-3) return;
    const ux = dx / len;
    const uy = dy / len;
    // From the waiting robot's centre to the blocker's rim: neighbours are one cell apart, so the arrow is short and bold.
    const ex = x1 - ux * CELL * 0.34;
    const ey = y1 - uy * CELL * 0.34;
    const h = CELL * 0.36;
    const head = [ex + ux * h * 0.25, ey + uy * h * 0.25, ex - ux * h - uy * h * 0.55, ey - uy * h + ux * h * 0.55, ex - ux * h + uy * h * 0.55, ey - uy * h - ux * h * 0.55];
    // A dark outline first, so the arrow reads on any floor or robot colour.
    g.moveTo(x0, y0).lineTo(ex - ux * h * 0.5, ey - uy * h * 0.5).stroke({ color: OUTLINE, width: CELL * 0.26, cap: 'round' });
    g.poly(head).stroke({ color: OUTLINE, width: CELL * 0.1, join: 'round' });
    g.moveTo(x0, y0).lineTo(ex - ux * h * 0.5, ey - uy * h * 0.5).stroke({ color, width: CELL * 0.14, cap: 'round' });
    g.poly(head).fill({ color });
  };
  const ring = (x: number, y: number, color: number) => g.circle(x, y, CELL * 0.5).stroke({ color, width: CELL * 0.08, alpha: 0.9 });
  return {
    container,
    update(v) {
      g.clear();
      const i = v.selected;
      if (i < 0 || !v.cur || i >= v.cur.robotCount) return;
      const fs = reader.read(v.cur, kinds);
      if (fs === null) return;
      const { edges, cycle } = chainEdges(fs, i, MAX_ARROWS);
      // Rings first (every robot of the graph), arrows over them.
      for (const e of edges) {
        const color = e.kind === 1 ? (cycle ? CYCLE_COLOR : WAIT_COLOR) : e.kind === 2 ? CLOSED_COLOR : YIELD_COLOR;
        ring(ctx.robotX[e.from], ctx.robotY[e.from], color);
        if (e.kind === 1) ring(ctx.robotX[e.to], ctx.robotY[e.to], color);
      }
      for (const e of edges) {
        const x0 = ctx.robotX[e.from];
        const y0 = ctx.robotY[e.from];
        if (e.kind === 1) arrow(x0, y0, ctx.robotX[e.to], ctx.robotY[e.to], cycle ? CYCLE_COLOR : WAIT_COLOR);
        else if (e.cell >= 0) {
          const x1 = cellX(ctx, e.cell);
          const y1 = cellY(ctx, e.cell);
          arrow(x0, y0, x1, y1, e.kind === 2 ? CLOSED_COLOR : YIELD_COLOR);
          if (e.kind === 2) {
            const d = CELL * 0.3;
            g.moveTo(x1 - d, y1 - d).lineTo(x1 + d, y1 + d).moveTo(x1 + d, y1 - d).lineTo(x1 - d, y1 + d).stroke({ color: CLOSED_COLOR, width: CELL * 0.12 });
          }
        }
      }
    },
    destroy() {
      container.destroy({ children: true });
    },
  };
}
