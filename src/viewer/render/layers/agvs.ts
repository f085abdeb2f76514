import { Container, Graphics, Particle, ParticleContainer } from 'pixi.js';
import { packedColor } from '../colors.js';
import { AGV_EMPTY, AGV_LOADED, CELL } from '../palette.js';
import { agvTexture, TEX } from '../textures.js';
import { between, cellX, cellY, type Layer, type LayerContext } from './layer.js';

/** AGV loops: the guide path drawn once, the vehicles on it light when empty and blue when carrying totes. */
export function agvsLayer(ctx: LayerContext): Layer {
  const loops = ctx.layout.equipment?.agvs ?? [];
  const n = loops.reduce((s, a) => s + a.vehicles, 0);
  const container = new Container();
  const path = new Graphics();
  for (const a of loops) {
    if (a.loop.length < 2) continue;
    path.moveTo(cellX(ctx, a.loop[0]), cellY(ctx, a.loop[0]));
    for (const c of a.loop.slice(1)) path.lineTo(cellX(ctx, c), cellY(ctx, c));
    path.closePath().stroke({ color: 0x818cf8, width: CELL * 0.08, alpha: 0.7 });
  }
  const texture = agvTexture();
  const vehicles = new ParticleContainer({ texture, dynamicProperties: { position: true, color: true, rotation: true, vertex: false, uvs: false } });
  const empty = packedColor(AGV_EMPTY);
  const loaded = packedColor(AGV_LOADED);
  const scale = (CELL * 0.8) / TEX;
  const ps: Particle[] = [];
  for (let i = 0; i < n; i++) {
    const p = new Particle({ texture, anchorX: 0.5, anchorY: 0.5, scaleX: scale, scaleY: scale });
    ps.push(p);
    vehicles.addParticle(p);
  }
  container.addChild(path, vehicles);
  const width = ctx.layout.width;
  const xy = new Float32Array(2);
  return {
    container,
    update(v) {
      const f = v.cur?.flow;
      if (!f || f.agvCell.length !== n) return;
      const prev = v.prev?.flow.agvCell;
      for (let i = 0; i < n; i++) {
        const c0 = prev && prev.length === n ? prev[i] : f.agvCell[i];
        const c1 = f.agvCell[i];
        between(width, c0, c1, v.alpha, xy);
        const p = ps[i];
        // Face the way it is driving.
        if (c0 !== c1) p.rotation = Math.atan2(((c1 / width) | 0) - ((c0 / width) | 0), (c1 % width) - (c0 % width));
        p.x = xy[0];
        p.y = xy[1];
        p.color = f.agvLoad[i] > 0 ? loaded : empty;
      }
    },
    destroy() {
      container.destroy({ children: true });
      texture.destroy(true);
    },
  };
}
