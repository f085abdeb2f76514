import { CanvasSource, Container, Matrix, RenderTexture, Texture } from 'pixi.js';
import { CELL, CELL_RGB, UNKNOWN_RGB } from '../palette.js';
import { Quad } from '../quad.js';
import type { Layer, LayerContext } from './layer.js';

/** Largest side of the floor texture, in pixels (a safe texture size everywhere). */
const MAX_TEXTURE = 4096;

/**
 * The floor, drawn once: every cell's pixels written into one canvas (a few
 * pixels per cell, with borders and marks when there is room), uploaded as
 * one texture with mipmaps.
 *
 * That texture is drawn into a texture the size of the canvas only when the
 * camera moves, and each frame shows that picture pixel for pixel: software
 * GL (no GPU) would otherwise blend two mipmap levels of a 4,000-pixel
 * texture for every floor pixel of every frame, the largest part of a
 * frame's cost zoomed out. Both are quads with the one-texture shader
 * (../quad.ts).
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
  const floor = new Quad(texture);
  floor.mesh.scale.set(width * CELL, height * CELL);
  // Drawn only into the cache, never on the stage.
  const picture = new Container();
  picture.addChild(floor.mesh);
  const container = new Container();
  const shown = new Quad(Texture.EMPTY);
  container.addChild(shown.mesh);
  const s = ctx.screen;
  let cache: RenderTexture | null = null;
  const at = { x: NaN, y: NaN, scale: NaN };
  const transform = new Matrix();
  let magnified: boolean | null = null;
  return {
    container,
    update(v) {
      let stale = false;
      // Crisp cell edges when magnified, filtered when shrunk.
      const m = (v.zoom * CELL) / px >= 1;
      if (m !== magnified) {
        magnified = m;
        source.scaleMode = m ? 'nearest' : 'linear';
        stale = true;
      }
      const res = s.resolution;
      if (!cache || cache.width !== s.width || cache.height !== s.height || cache.source.resolution !== res) {
        cache?.destroy(true);
        cache = RenderTexture.create({ width: s.width, height: s.height, resolution: res, scaleMode: 'nearest' });
        shown.mesh.texture = cache;
        stale = true;
      }
      if (stale || s.x !== at.x || s.y !== at.y || s.scale !== at.scale) {
        at.x = s.x;
        at.y = s.y;
        at.scale = s.scale;
        transform.set(s.scale, 0, 0, s.scale, s.x, s.y);
        ctx.renderer.render({ container: picture, target: cache, clear: true, clearColor: [0, 0, 0, 0], transform });
      }
      // Shown over the floor's part of the canvas, on whole device pixels, so each pixel shows one of the picture's.
      const x0 = Math.max(0, Math.floor(s.x * res)) / res;
      const y0 = Math.max(0, Math.floor(s.y * res)) / res;
      const x1 = Math.min(s.width * res, Math.ceil((s.x + width * CELL * s.scale) * res)) / res;
      const y1 = Math.min(s.height * res, Math.ceil((s.y + height * CELL * s.scale) * res)) / res;
      shown.mesh.visible = x1 > x0 && y1 > y0;
      shown.setUv(x0 / s.width, y0 / s.height, x1 / s.width, y1 / s.height);
      shown.mesh.position.set((x0 - s.x) / s.scale, (y0 - s.y) / s.scale);
      shown.mesh.scale.set((x1 - x0) / s.scale, (y1 - y0) / s.scale);
    },
    destroy() {
      container.destroy({ children: true });
      picture.destroy({ children: true });
      cache?.destroy(true);
      texture.destroy(true);
    },
  };
}
