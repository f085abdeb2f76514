import { Container, Particle, ParticleContainer } from 'pixi.js';
import { packedColor } from '../colors.js';
import { CELL, POD_COLOR, STATE_COLORS } from '../palette.js';
import { podTexture, robotTexture, TEX } from '../textures.js';
import type { Layer, LayerContext } from './layer.js';

const QUARTER = Math.PI / 2;
/** Smallest robot drawn, in screen pixels: zoomed far out, a fleet still shows where it is. */
const MIN_PIXELS = 3;

/**
 * Robots, and the pods they carry, as particles sharing one texture each:
 * one draw call per kind whatever the fleet size. Positions are interpolated
 * between the last two frames; colour shows the state, the nose the heading.
 * Writes the drawn positions to the context for the layers above.
 */
export function robotsLayer(ctx: LayerContext): Layer {
  const n = ctx.layout.robots;
  const width = ctx.layout.width;
  const robotTex = robotTexture();
  const podTex = podTexture();
  const pods = new ParticleContainer({ texture: podTex, dynamicProperties: { position: true, color: true, rotation: false, vertex: false, uvs: false } });
  const robots = new ParticleContainer({ texture: robotTex, dynamicProperties: { position: true, rotation: true, color: true, vertex: false, uvs: false } });
  const stateColor = STATE_COLORS.map((c) => packedColor(c));
  const unknownColor = packedColor(0xff00ff);
  const podShown = packedColor(POD_COLOR, 0.95);
  const podHidden = packedColor(POD_COLOR, 0);
  const rs = (CELL * 0.74) / TEX;
  const ps = (CELL * 0.98) / TEX;
  const robotP: Particle[] = [];
  const podP: Particle[] = [];
  for (let i = 0; i < n; i++) {
    const r = new Particle({ texture: robotTex, anchorX: 0.5, anchorY: 0.5, scaleX: rs, scaleY: rs });
    const p = new Particle({ texture: podTex, anchorX: 0.5, anchorY: 0.5, scaleX: ps, scaleY: ps });
    p.color = podHidden;
    robotP.push(r);
    podP.push(p);
    robots.addParticle(r);
    pods.addParticle(p);
  }
  const container = new Container();
  container.addChild(pods, robots);
  const { robotX, robotY } = ctx;
  let grown = 1;

  /** Enlarges every particle by `k` (scale is a static property: uploaded on update()). */
  const grow = (k: number) => {
    grown = k;
    for (let i = 0; i < n; i++) {
      robotP[i].scaleX = robotP[i].scaleY = rs * k;
      podP[i].scaleX = podP[i].scaleY = ps * k;
    }
    robots.update();
    pods.update();
  };

  return {
    container,
    update(v) {
      const k = Math.max(1, MIN_PIXELS / (CELL * 0.74 * v.zoom));
      if (Math.abs(k - grown) > grown * 0.05) grow(k);
      const f = v.cur;
      if (!f) return;
      const prev = v.prev;
      const a = v.alpha;
      const count = Math.min(n, f.robotCount);
      for (let i = 0; i < count; i++) {
        const c1 = f.cell[i];
        const r1 = (c1 / width) | 0;
        const col1 = c1 - r1 * width;
        let x = col1;
        let y = r1;
        if (prev !== null && a < 1) {
          const c0 = prev.cell[i];
          if (c0 !== c1) {
            const r0 = (c0 / width) | 0;
            x = c0 - r0 * width + (col1 - (c0 - r0 * width)) * a;
            y = r0 + (r1 - r0) * a;
          }
        }
        x = (x + 0.5) * CELL;
        y = (y + 0.5) * CELL;
        robotX[i] = x;
        robotY[i] = y;
        const rp = robotP[i];
        rp.x = x;
        rp.y = y;
        rp.rotation = f.heading[i] * QUARTER;
        rp.color = stateColor[f.state[i]] ?? unknownColor;
        const pp = podP[i];
        pp.x = x;
        pp.y = y;
        pp.color = f.pod[i] >= 0 ? podShown : podHidden;
      }
    },
    destroy() {
      container.destroy({ children: true });
      robotTex.destroy(true);
      podTex.destroy(true);
    },
  };
}
