import { Container, Texture } from 'pixi.js';
import { CELL } from '../palette.js';
import { Quad } from '../quad.js';
import type { Layer, LayerContext } from './layer.js';

/** Colour ramp from faint yellow to deep red, with opacity growing with the value (0..1). */
export function ramp(t: number, out: Uint8ClampedArray, at: number): void {
  out[at] = 255;
  out[at + 1] = Math.round(230 * (1 - t));
  out[at + 2] = Math.round(60 * (1 - t));
  out[at + 3] = t <= 0 ? 0 : Math.round(60 + 170 * t);
}

/**
 * The congestion overlay: one pixel per cell, coloured by the ticks robots
 * underway waited there (log scale, so a few hot spots do not wash out the
 * rest), redrawn only when a new heat map arrives (about once a second).
 */
export function heatLayer(ctx: LayerContext): Layer {
  const { width, height } = ctx.layout;
  const canvas = document.createElement('canvas');
  canvas.width = width;
  canvas.height = height;
  const g = canvas.getContext('2d')!;
  const img = g.createImageData(width, height);
  const texture = Texture.from(canvas);
  texture.source.scaleMode = 'nearest';
  // One quad with the one-texture shader: it covers the whole floor (../quad.ts).
  const quad = new Quad(texture);
  quad.mesh.scale.set(width * CELL, height * CELL);
  const container = new Container();
  container.addChild(quad.mesh);
  container.visible = false;
  let version = -1;
  return {
    container,
    update(v) {
      container.visible = v.overlays.heat;
      const h = v.heat;
      if (!v.overlays.heat || !h || h.version === version) return;
      version = h.version;
      const scale = h.max > 0 ? 1 / Math.log1p(h.max) : 0;
      const data = img.data;
      for (let c = 0; c < h.wait.length && c < width * height; c++) ramp(h.wait[c] > 0 ? Math.log1p(h.wait[c]) * scale : 0, data, c * 4);
      g.putImageData(img, 0, 0);
      texture.source.update();
    },
    destroy() {
      container.destroy({ children: true });
      texture.destroy(true);
    },
  };
}
