import { Container, Graphics, type Text } from 'pixi.js';
import { CELL, DOCK_COLOR, fillColor, SORTER_COLOR } from '../palette.js';
import { cellX, cellY, label, type Layer, type LayerContext } from './layer.js';

/** Chute gauge size, in cells. */
const GAUGE_W = 0.28;
const GAUGE_H = 1.1;

/**
 * Sorters, their chutes and the docks: the sorter's induction queue as a
 * number over it; each chute as a gauge beside the dock it serves, filling
 * green to red; each dock with the orders it has shipped. Redrawn only when
 * a figure changes.
 */
export function sortersLayer(ctx: LayerContext): Layer {
  const eq = ctx.layout.equipment;
  const sorters = eq?.sorters ?? [];
  const docks = eq?.docks ?? [];
  const container = new Container();
  const marks = new Graphics();
  for (const s of sorters) {
    marks.rect(cellX(ctx, s.cell) - CELL * 0.42, cellY(ctx, s.cell) - CELL * 0.42, CELL * 0.84, CELL * 0.84).stroke({ color: SORTER_COLOR, width: CELL * 0.1 });
  }
  for (const d of docks) {
    marks.rect(cellX(ctx, d.cell) - CELL * 0.42, cellY(ctx, d.cell) - CELL * 0.42, CELL * 0.84, CELL * 0.84).stroke({ color: DOCK_COLOR, width: CELL * 0.1 });
  }
  const gauges = new Graphics();
  container.addChild(marks, gauges);
  const queueText: Text[] = sorters.map((s) => container.addChild(label(cellX(ctx, s.cell), cellY(ctx, s.cell) - CELL * 0.5)));
  const dockText: Text[] = docks.map((d) => container.addChild(label(cellX(ctx, d.cell), cellY(ctx, d.cell) - CELL * 0.5)));
  // Chutes in frame order (all sorters' chutes in turn), each placed beside its dock; a dock fed by several gets them side by side.
  const chutes: { x: number; y: number; capacity: number }[] = [];
  const perDock = new Map<number, number>();
  for (const s of sorters) {
    for (const c of s.chutes) {
      const d = docks[c.dock];
      const k = perDock.get(c.dock) ?? 0;
      perDock.set(c.dock, k + 1);
      const x = d ? cellX(ctx, d.cell) - CELL * (0.75 + k * (GAUGE_W + 0.08)) : cellX(ctx, s.cell) + CELL * (0.6 + chutes.length * (GAUGE_W + 0.08));
      const y = d ? cellY(ctx, d.cell) : cellY(ctx, s.cell);
      chutes.push({ x, y, capacity: Math.max(1, c.capacity) });
    }
  }
  let lastKey = '';
  return {
    container,
    update(v) {
      const f = v.cur?.flow;
      if (!f) return;
      const key = `${f.sorterQueue.join(',')}|${f.chuteItems.join(',')}|${f.dockShipped.join(',')}`;
      if (key === lastKey) return;
      lastKey = key;
      sorters.forEach((_, s) => (queueText[s].text = f.sorterQueue[s] > 0 ? String(f.sorterQueue[s]) : ''));
      docks.forEach((_, d) => (dockText[d].text = String(f.dockShipped[d] ?? 0)));
      gauges.clear();
      chutes.forEach((c, k) => {
        const items = f.chuteItems[k] ?? 0;
        const frac = Math.min(1, items / c.capacity);
        const w = CELL * GAUGE_W;
        const h = CELL * GAUGE_H;
        const x = c.x - w / 2;
        const y = c.y - h / 2;
        gauges.rect(x, y, w, h).fill({ color: 0x0b1220, alpha: 0.85 });
        if (frac > 0) gauges.rect(x, y + h * (1 - frac), w, h * frac).fill(fillColor(frac));
        gauges.rect(x, y, w, h).stroke({ color: 0xcbd5e1, width: CELL * 0.04 });
      });
    },
    destroy() {
      container.destroy({ children: true });
    },
  };
}
