import { Container, Graphics } from 'pixi.js';
import { CELL, PATH_COLOR, SELECT_COLOR } from '../palette.js';
import { cellX, cellY, type Layer, type LayerContext } from './layer.js';
import { stallChainLayer } from './stall-chain.js';

/** The followed robot: a ring around it, its planned path, its goal, and its wait-for chain (a layer of its own, drawn over the path). */
export function selectionLayer(ctx: LayerContext): Layer {
  const container = new Container();
  const chain = stallChainLayer(ctx);
  const g = new Graphics();
  container.addChild(g, chain.container);
  return {
    container,
    update(v) {
      chain.update(v);
      g.clear();
      const i = v.selected;
      if (i < 0 || !v.cur || i >= v.cur.robotCount) return;
      const x = ctx.robotX[i];
      const y = ctx.robotY[i];
      const info = v.info && v.info.robot === i ? v.info : null;
      if (info && info.path.length > 1) {
        // From where the robot is drawn, along the remaining cells of the path.
        const cur = v.cur.cell[i];
        let k = info.path.indexOf(cur);
        if (k < 0) k = 0;
        g.moveTo(x, y);
        for (let j = k + 1; j < info.path.length; j++) g.lineTo(cellX(ctx, info.path[j]), cellY(ctx, info.path[j]));
        g.stroke({ color: PATH_COLOR, width: CELL * 0.18, alpha: 0.9, cap: 'round', join: 'round' });
      }
      if (info && info.goal >= 0) {
        const gx = cellX(ctx, info.goal);
        const gy = cellY(ctx, info.goal);
        g.rect(gx - CELL * 0.45, gy - CELL * 0.45, CELL * 0.9, CELL * 0.9).stroke({ color: PATH_COLOR, width: CELL * 0.12 });
      }
      g.circle(x, y, CELL * 0.62).stroke({ color: SELECT_COLOR, width: CELL * 0.12 });
    },
    destroy() {
      container.destroy({ children: true });
    },
  };
}
