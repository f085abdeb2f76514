import { CanvasSource, Container, Texture } from 'pixi.js';
import { CELL, CELL_RGB, UNKNOWN_RGB } from '../palette.js';
import { Quad } from '../quad.js';
import type { Layer, LayerContext } from './layer.js';

/** Largest side of the floor texture, in pixels (a safe texture size everywhere). */
const MAX_TEXTURE = 4096;

/**
 * The floor, drawn once: every cell's pixels written into one canvas (a few
 * pixels per cell, with borders and marks when there is room), uploaded as
 * one texture and shown as a single quad with the one-texture shader (it
 * covers much of the screen: see ../quad.ts). Nothing here changes per frame.
 */
export function floorLayer(ctx: LayerContext): Layer {
  const { width, height, rows } = ctx.layout;
  const px = Math.max(1, Math.min(8, Math.floor(MAX_TEXTURE / Math.max(width, height))));
  const canvas = document.createElement('canvas');
  canvas.width = width * px;
  canvas.height = height * px;
  const g = canvas.getContext('2d')!;
  const img = g.createImageData(canvas.width, canvas.height);
  const data = img.data;
  const stride = canvas.width * 4;
  const detail = px >= 4;
  for (let r = 0; r < height; r++) {
    const row = rows[r];
    for (let c = 0; c < width; c++) {
      const ch = row[c];
      const [cr, cg, cb] = CELL_RGB[ch] ?? UNKNOWN_RGB;
      for (let v = 0; v < px; v++) {
        let at = (r * px + v) * stride + c * px * 4;
        for (let u = 0; u < px; u++, at += 4) {
          let k = 1;
          if (detail) {
            const edge = u === 0 || v === 0;
            const inner = u >= px / 4 && u < px - px / 4 && v >= px / 4 && v < px - px / 4;
            if (edge) k = 0.8; // faint grid lines
            if ((ch === 'P' || ch === 'C') && inner) k = 1.35; // a lighter centre marks stations and chargers
            if (ch === '+' && (u === (px >> 1) || v === (px >> 1))) k = 1.6; // guide lanes show their line
          }
          data[at] = Math.min(255, cr * k);
          data[at + 1] = Math.min(255, cg * k);
          data[at + 2] = Math.min(255, cb * k);
          data[at + 3] = 255;
        }
      }
    }
  }
  g.putImageData(img, 0, 0);
  // Mipmaps: zoomed far out, a smooth average instead of shimmering samples.
  const source = new CanvasSource({ resource: canvas, autoGenerateMipmaps: true, scaleMode: 'linear' });
  const texture = new Texture({ source });
  const quad = new Quad(texture);
  quad.mesh.scale.set(width * CELL, height * CELL);
  const container = new Container();
  container.addChild(quad.mesh);
  let magnified: boolean | null = null;
  return {
    container,
    update(v) {
      // Crisp cell edges when magnified, filtered when shrunk.
      const m = (v.zoom * CELL) / px >= 1;
      if (m !== magnified) {
        magnified = m;
        source.scaleMode = m ? 'nearest' : 'linear';
      }
    },
    destroy() {
      container.destroy({ children: true });
      texture.destroy(true);
    },
  };
}
