import { Container, Particle, ParticleContainer, type Text } from 'pixi.js';
import { packedColor } from '../colors.js';
import { CELL, PERSON_COLORS } from '../palette.js';
import { personTexture, TEX } from '../textures.js';
import { between, cellX, cellY, label, type Layer, type LayerContext } from './layer.js';

/**
 * Order pickers of person-to-goods zones: diamonds coloured by what they are
 * doing, moving smoothly like robots; at each depot, how many are there (they
 * wait on one cell).
 */
export function peopleLayer(ctx: LayerContext): Layer {
  const zones = ctx.layout.equipment?.zones ?? [];
  const n = zones.reduce((s, z) => s + z.pickers, 0);
  const texture = personTexture();
  const container = new Container();
  const people = new ParticleContainer({ texture, dynamicProperties: { position: true, color: true, rotation: false, vertex: false, uvs: false } });
  const colors = PERSON_COLORS.map((c, k) => packedColor(c, k === 0 ? 0.55 : 1));
  const scale = (CELL * 0.62) / TEX;
  const ps: Particle[] = [];
  for (let i = 0; i < n; i++) {
    const p = new Particle({ texture, anchorX: 0.5, anchorY: 0.5, scaleX: scale, scaleY: scale });
    ps.push(p);
    people.addParticle(p);
  }
  container.addChild(people);
  const depots = zones.map((z) => z.depot);
  const counts: Text[] = depots.map((d) => container.addChild(label(cellX(ctx, d), cellY(ctx, d) - CELL * 0.4)));
  const atDepot = new Int32Array(depots.length);
  let lastTick = -1;
  const width = ctx.layout.width;
  const xy = new Float32Array(2);
  return {
    container,
    update(v) {
      const f = v.cur?.flow;
      if (!f || f.pickerCell.length !== n) return;
      const prev = v.prev?.flow.pickerCell;
      for (let i = 0; i < n; i++) {
        between(width, prev && prev.length === n ? prev[i] : f.pickerCell[i], f.pickerCell[i], v.alpha, xy);
        ps[i].x = xy[0];
        ps[i].y = xy[1];
        ps[i].color = colors[f.pickerState[i]] ?? colors[1];
      }
      if (v.cur!.tick === lastTick) return;
      lastTick = v.cur!.tick;
      atDepot.fill(0);
      for (let i = 0; i < n; i++) {
        const k = depots.indexOf(f.pickerCell[i]);
        if (k >= 0) atDepot[k]++;
      }
      depots.forEach((_, k) => {
        const text = atDepot[k] > 1 ? String(atDepot[k]) : '';
        if (counts[k].text !== text) counts[k].text = text;
      });
    },
    destroy() {
      container.destroy({ children: true });
      texture.destroy(true);
    },
  };
}
