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
 * That texture is drawn into a cache and each frame shows the cache pixel
 * for pixel: software GL (no GPU) would otherwise sample the large texture
 * (blending two mipmap levels, zoomed out) for every floor pixel of every
 * frame, the largest part of a frame's cost. Zoomed out, the cache holds the
 * whole floor at its size on screen, drawn again only when the zoom changes
 * (panning and following a robot move it); zoomed in, it holds the canvas'
 * view, drawn again when the camera moves. Both are quads with the
 * one-texture shader (../quad.ts).
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
            if ((ch === 'P' || ch === 'C' || ch === 'U') && inner) k = 1.35; // a lighter centre marks stations, chargers and put stations
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
  // The floor is opaque and the first thing drawn: written, not blended, which spares software GL reading each pixel back.
  shown.mesh.blendMode = 'none';
  container.addChild(shown.mesh);
  const s = ctx.screen;
  let cache: RenderTexture | null = null;
  /** What the cache holds: the floor at a scale (placed by the world), or the canvas' view of it; at which scale and offset (device pixels). */
  let held: 'scale' | 'screen' | null = null;
  const drawn = { k: NaN, x: NaN, y: NaN };
  const transform = new Matrix();
  let magnified: boolean | null = null;
  let direct: boolean | null = null;
  /** The floor drawn straight onto the stage (true: a canvas too large for one texture) or shown from the cache (false). */
  const drawDirect = (on: boolean) => {
    if (on === direct) return;
    direct = on;
    (on ? container : picture).addChild(floor.mesh);
    shown.mesh.visible = !on;
    held = null;
  };
  /** Draws the floor into the cache (made larger when needed) at `k` device pixels per world unit, offset by (x, y). */
  const draw = (w: number, h: number, k: number, x: number, y: number): RenderTexture => {
    if (!cache || cache.width < w || cache.height < h) {
      cache?.destroy(true);
      // A little larger than needed, so zooming does not make a new one at every step.
      cache = RenderTexture.create({ width: Math.min(MAX_TEXTURE, Math.ceil(w * 1.2)), height: Math.min(MAX_TEXTURE, Math.ceil(h * 1.2)), resolution: 1, scaleMode: 'nearest' });
      shown.mesh.texture = cache;
    }
    transform.set(k, 0, 0, k, x, y);
    ctx.renderer.render({ container: picture, target: cache, clear: true, clearColor: [0, 0, 0, 0], transform });
    drawn.k = k;
    drawn.x = x;
    drawn.y = y;
    return cache;
  };
  return {
    container,
    update(v) {
      // Crisp cell edges when magnified, filtered when shrunk.
      const m = (v.zoom * CELL) / px >= 1;
      if (m !== magnified) {
        magnified = m;
        source.scaleMode = m ? 'nearest' : 'linear';
        held = null;
      }
      const k = s.scale * s.resolution;
      // The floor's size on screen and the canvas' size, device pixels.
      const fw = width * CELL * k;
      const fh = height * CELL * k;
      const cw = Math.ceil(s.width * s.resolution);
      const ch = Math.ceil(s.height * s.resolution);
      const fits = !m && Math.ceil(fw) <= MAX_TEXTURE && Math.ceil(fh) <= MAX_TEXTURE;
      drawDirect(!fits && (cw > MAX_TEXTURE || ch > MAX_TEXTURE));
      if (direct) return;
      if (fits) {
        // Zoomed out: the whole floor at this scale, drawn again only when the zoom changes; panning moves it.
        const w = Math.ceil(fw);
        const h = Math.ceil(fh);
        shown.mesh.visible = true;
        if (held === 'scale' && drawn.k === k) return;
        held = 'scale';
        const c = draw(w, h, k, 0, 0);
        // One texel per device pixel: the quad spans the cache's used part at this scale.
        shown.setUv(0, 0, w / c.width, h / c.height);
        shown.mesh.position.set(0, 0);
        shown.mesh.scale.set(w / k, h / k);
        return;
      }
      // Zoomed in: the part on the canvas, drawn again whenever the camera moves (the texture's own pixels are
      // then larger than the screen's, and one read from the cache still costs less than one from the texture).
      const ox = s.x * s.resolution;
      const oy = s.y * s.resolution;
      if (held !== 'screen' || drawn.k !== k || drawn.x !== ox || drawn.y !== oy) {
        held = 'screen';
        draw(cw, ch, k, ox, oy);
      }
      const c = cache!;
      // Shown over the floor's part of the canvas, on whole device pixels.
      const x0 = Math.max(0, Math.floor(ox));
      const y0 = Math.max(0, Math.floor(oy));
      const x1 = Math.min(cw, Math.ceil(ox + fw));
      const y1 = Math.min(ch, Math.ceil(oy + fh));
      shown.mesh.visible = x1 > x0 && y1 > y0;
      shown.setUv(x0 / c.width, y0 / c.height, x1 / c.width, y1 / c.height);
      shown.mesh.position.set((x0 - ox) / k, (y0 - oy) / k);
      shown.mesh.scale.set((x1 - x0) / k, (y1 - y0) / k);
    },
    destroy() {
      container.destroy({ children: true });
      picture.destroy({ children: true });
      cache?.destroy(true);
      texture.destroy(true);
    },
  };
}
