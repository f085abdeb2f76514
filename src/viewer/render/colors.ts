import { Particle, Texture } from 'pixi.js';

/**
 * A particle's packed colour (tint and alpha) for a tint and alpha, worked
 * out once: setting the packed number per particle per frame avoids the
 * colour parsing the tint setter does.
 */
export function packedColor(tint: number, alpha = 1): number {
  const p = new Particle({ texture: Texture.WHITE, tint, alpha });
  return p.color;
}
