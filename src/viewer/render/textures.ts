import { Texture } from 'pixi.js';

/** Texture size in pixels: drawn once, scaled to a cell. */
export const TEX = 64;

function canvas(): [HTMLCanvasElement, CanvasRenderingContext2D] {
  const c = document.createElement('canvas');
  c.width = TEX;
  c.height = TEX;
  return [c, c.getContext('2d')!];
}

/** A texture's canvas pixels, for drawing it without the GPU (robots as dots: ./dots.ts). */
export function pixelsOf(c: HTMLCanvasElement): { data: Uint8ClampedArray; size: number } {
  return { data: c.getContext('2d')!.getImageData(0, 0, TEX, TEX).data, size: TEX };
}

/**
 * A robot seen from above, facing east (rotation 0): a white body, tinted
 * by state at draw time, with a dark nose showing the heading.
 */
export function robotTexture(): Texture {
  return Texture.from(robotCanvas());
}

export function robotCanvas(): HTMLCanvasElement {
  const [c, g] = canvas();
  const m = TEX / 2;
  g.fillStyle = '#ffffff';
  g.beginPath();
  g.arc(m, m, m - 3, 0, Math.PI * 2);
  g.fill();
  g.strokeStyle = 'rgba(0,0,0,0.55)';
  g.lineWidth = 3;
  g.stroke();
  g.fillStyle = 'rgba(8,12,24,0.85)';
  g.beginPath();
  g.moveTo(TEX - 8, m);
  g.lineTo(m + 2, m - 14);
  g.lineTo(m + 2, m + 14);
  g.closePath();
  g.fill();
  return c;
}

/** A storage pod from above: a white rack outline (tinted at draw time). */
export function podTexture(): Texture {
  return Texture.from(podCanvas());
}

export function podCanvas(): HTMLCanvasElement {
  const [c, g] = canvas();
  g.fillStyle = '#ffffff';
  g.fillRect(4, 4, TEX - 8, TEX - 8);
  g.fillStyle = 'rgba(0,0,0,0.35)';
  g.fillRect(12, 12, TEX - 24, TEX - 24);
  g.fillStyle = '#ffffff';
  g.fillRect(TEX / 2 - 3, 12, 6, TEX - 24);
  return c;
}

/** A person from above: a diamond (tinted by state), smaller than a robot. */
export function personTexture(): Texture {
  const [c, g] = canvas();
  const m = TEX / 2;
  g.fillStyle = '#ffffff';
  g.beginPath();
  g.moveTo(m, 6);
  g.lineTo(TEX - 6, m);
  g.lineTo(m, TEX - 6);
  g.lineTo(6, m);
  g.closePath();
  g.fill();
  g.strokeStyle = 'rgba(0,0,0,0.6)';
  g.lineWidth = 4;
  g.stroke();
  return Texture.from(c);
}

/** An AGV from above: a rounded block with a dark cab stripe (tinted by load). */
export function agvTexture(): Texture {
  const [c, g] = canvas();
  g.fillStyle = '#ffffff';
  g.beginPath();
  g.roundRect(6, 10, TEX - 12, TEX - 20, 10);
  g.fill();
  g.fillStyle = 'rgba(8,12,24,0.7)';
  g.fillRect(TEX - 22, 14, 8, TEX - 28);
  return Texture.from(c);
}
