import { Container, Graphics } from 'pixi.js';
import type { DecodedFrame } from '../../../record/frame-codec.js';
import { nextCells, occupancy, waitChain, type WaitChain } from '../../view/wait-chain.js';
import { CELL } from '../palette.js';
import type { Layer, LayerContext } from './layer.js';

const CHAIN_COLOR = 0xff3b30;
const CYCLE_COLOR = 0xd633ff;

/** The chain shown last, for the agent panel (and tests). */
export const shownChain: { tick: number; chain: WaitChain | null } = { tick: -1, chain: null };

/**
 * For the selected agent of a League of Robot Runners run: arrows from it
 * to the agent in the cell it moves into next, and on along the wait-for
 * chain (magenta when it closes into a cycle). Recomputed when the frame or
 * the selection changes; frames without next cells (warehouse runs) draw nothing.
 */
export function waitChainLayer(ctx: LayerContext): Layer {
  const container = new Container();
  const g = new Graphics();
  container.addChild(g);
  const occ = new Int32Array(ctx.layout.width * ctx.layout.height);
  let frame: DecodedFrame | null = null;
  let selected = -1;
  let chain: WaitChain | null = null;
  return {
    container,
    update(v) {
      g.clear();
      const f = v.cur;
      const next = f ? nextCells(f) : null;
      if (!f || !next || v.selected < 0 || v.selected >= f.robotCount) {
        shownChain.chain = null;
        return;
      }
      if (f !== frame || v.selected !== selected) {
        frame = f;
        selected = v.selected;
        chain = waitChain(f.cell, next, occupancy(f.cell, f.robotCount, occ), selected);
        shownChain.tick = f.tick;
        shownChain.chain = chain;
      }
      if (!chain || chain.agents.length < 2) return;
      const color = chain.cycle ? CYCLE_COLOR : CHAIN_COLOR;
      const w = CELL * 0.14;
      for (let k = 0; k + 1 < chain.agents.length; k++) {
        const a = chain.agents[k];
        const b = chain.agents[k + 1];
        const x0 = ctx.robotX[a];
        const y0 = ctx.robotY[a];
        const x1 = ctx.robotX[b];
        const y1 = ctx.robotY[b];
        const len = Math.hypot(x1 - x0, y1 - y0) || 1;
        const ux = (x1 - x0) / len;
        const uy = (y1 - y0) / len;
        // Stop short of the blocker's centre so the head sits on its edge.
        const ex = x1 - ux * CELL * 0.35;
        const ey = y1 - uy * CELL * 0.35;
        g.moveTo(x0, y0).lineTo(ex, ey).stroke({ color, width: w, alpha: 0.95, cap: 'round' });
        const h = CELL * 0.32;
        g.poly([ex + ux * h * 0.6, ey + uy * h * 0.6, ex - ux * h * 0.5 - uy * h * 0.55, ey - uy * h * 0.5 + ux * h * 0.55, ex - ux * h * 0.5 + uy * h * 0.55, ey - uy * h * 0.5 - ux * h * 0.55]).fill({ color });
        g.circle(x1, y1, CELL * 0.5).stroke({ color, width: w * 0.8, alpha: 0.9 });
      }
    },
    destroy() {
      container.destroy({ children: true });
    },
  };
}
