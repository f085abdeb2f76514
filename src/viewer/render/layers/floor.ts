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
 * Zoomed out, that texture is drawn once per zoom level into a picture of
 * the floor at its size on screen, and each frame shows the picture pixel
 * for pixel (panning and following a robot move it, without drawing it
 * again): software GL (no GPU) would otherwise blend two mipmap levels of a
 * 4,000-pixel texture for every floor pixel of every frame, the largest part
 * of a frame's cost. Zoomed in, the texture is drawn as it is. Both are
 * quads with the one-texture shader (../quad.ts).
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
  // Holds the floor while it is drawn into the cache (not on the stage).
  const picture = new Container();
  const container = new Container();
  const shown = new Quad(Texture.EMPTY);
  container.addChild(shown.mesh);
  const s = ctx.screen;
  let cache: RenderTexture | null = null;
  /** Device pixels per world unit the cache was drawn at; NaN when it must be drawn again. */
  let cachedAt = NaN;
  const transform = new Matrix();
  let magnified: boolean | null = null;
  let direct: boolean | null = null;
  /** The floor drawn straight onto the stage (true) or shown from the cache (false). */
  const drawDirect = (on: boolean) => {
    if (on === direct) return;
    direct = on;
    (on ? container : picture).addChild(floor.mesh);
    shown.mesh.visible = !on;
    cachedAt = NaN;
  };
  return {
    container,
    update(v) {
      // Crisp cell edges when magnified, filtered when shrunk.
      const m = (v.zoom * CELL) / px >= 1;
      if (m !== magnified) {
        magnified = m;
        source.scaleMode = m ? 'nearest' : 'linear';
        cachedAt = NaN;
      }
      const k = s.scale * s.resolution;
      // The floor's size on screen, device pixels: the cache's size.
      const w = Math.ceil(width * CELL * k);
      const h = Math.ceil(height * CELL * k);
      // Magnified, the floor texture is sampled once per pixel (nearest): as cheap as the cache, so drawn as it is.
      drawDirect(m || w > MAX_TEXTURE || h > MAX_TEXTURE);
      if (direct || k === cachedAt) return;
      cachedAt = k;
      if (!cache || cache.width < w || cache.height < h) {
        cache?.destroy(true);
        // A little larger than needed, so zooming does not make a new one at every step.
        cache = RenderTexture.create({ width: Math.min(MAX_TEXTURE, Math.ceil(w * 1.2)), height: Math.min(MAX_TEXTURE, Math.ceil(h * 1.2)), resolution: 1, scaleMode: 'nearest' });
        shown.mesh.texture = cache;
      }
      transform.set(k, 0, 0, k, 0, 0);
      ctx.renderer.render({ container: picture, target: cache, clear: true, clearColor: [0, 0, 0, 0], transform });
      // One texel per device pixel: the quad spans the cache's used part at this scale.
      shown.setUv(0, 0, w / cache.width, h / cache.height);
      shown.mesh.scale.set(w / k, h / k);
    },
    destroy() {
      container.destroy({ children: true });
      picture.destroy({ children: true });
      cache?.destroy(true);
      texture.destroy(true);
    },
  };
}
