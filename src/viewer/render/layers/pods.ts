import { Particle, ParticleContainer } from 'pixi.js';
import { packedColor } from '../colors.js';
import { SHORT_PODS_SECTION } from '../../../inventory/frame.js';
import { CELL, POD_COLOR, SHORT_POD_COLOR } from '../palette.js';
import { podTexture, TEX } from '../textures.js';
import { cellX, cellY, type Layer, type LayerContext } from './layer.js';

/**
 * Pods resting at their storage cells. A pod on a robot is hidden here (the
 * robot layer draws it under its robot); only pods whose carried state
 * changed are touched each frame. With finite stock, a pod holding a SKU
 * that lines wait for (the inventory's `inventory.shortPods` frame section)
 * is drawn in the stock-out colour.
 */
export function podsLayer(ctx: LayerContext): Layer {
  const homes = ctx.layout.podHomes;
  const texture = podTexture();
  const shown = packedColor(POD_COLOR, 1);
  const shownShort = packedColor(SHORT_POD_COLOR, 1);
  const hidden = packedColor(POD_COLOR, 0);
  const container = new ParticleContainer({ texture, dynamicProperties: { position: false, rotation: false, color: false, vertex: false, uvs: false } });
  const particles: Particle[] = [];
  const scale = (CELL * 0.86) / TEX;
  for (const home of homes) {
    const p = new Particle({ texture, x: cellX(ctx, home), y: cellY(ctx, home), anchorX: 0.5, anchorY: 0.5, scaleX: scale, scaleY: scale });
    p.color = shown;
    particles.push(p);
  }
  for (const p of particles) container.addParticle(p);
  const away = new Uint8Array(homes.length);
  /** 1 where the latest frame marks the pod short of stock. */
  const short = new Uint8Array(homes.length);
  const colorOf = (p: number) => (short[p] ? shownShort : shown);
  let awayList: number[] = [];
  let lastTick = -1;
  return {
    container,
    update(v) {
      const f = v.cur;
      if (!f || f.tick === lastTick) return;
      lastTick = f.tick;
      const next: number[] = [];
      for (let i = 0; i < f.robotCount; i++) {
        const p = f.pod[i];
        if (p >= 0 && p < homes.length) next.push(p);
      }
      let changed = false;
      for (const p of awayList) away[p] = 2; // 2: was away, not yet seen away again
      for (const p of next) {
        if (away[p] === 0) {
          particles[p].color = hidden;
          changed = true;
        }
        away[p] = 1;
      }
      for (const p of awayList) {
        if (away[p] === 2) {
          away[p] = 0;
          particles[p].color = colorOf(p);
          changed = true;
        }
      }
      awayList = next;
      const marks = f.named.get(SHORT_PODS_SECTION);
      if (marks && marks.length === homes.length) {
        for (let p = 0; p < homes.length; p++) {
          const m = marks[p] ? 1 : 0;
          if (m === short[p]) continue;
          short[p] = m;
          if (away[p] === 0) {
            particles[p].color = colorOf(p);
            changed = true;
          }
        }
      }
      // Static properties are uploaded only when asked.
      if (changed) container.update();
    },
    destroy() {
      container.destroy();
      texture.destroy(true);
    },
  };
}
