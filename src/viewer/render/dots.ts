/**
 * Robots drawn a few pixels across, written straight into a pixel buffer
 * instead of as one textured quad each. Software GL (no GPU) pays per
 * triangle and per covered pixel: 10,000 robots of 3 pixels cost far more
 * as 20,000 triangles than as one buffer uploaded and drawn as one quad,
 * while writing 10,000 small stamps here takes about a millisecond.
 *
 * A stamp is the robot's texture drawn at the drawn size as the GPU would
 * draw it, for each heading and each sub-pixel offset (a quarter pixel
 * apart), so a robot moves smoothly between pixels. Pixels are premultiplied
 * RGBA packed little-endian into 32 bits (R in the low byte), as WebGL reads
 * a byte buffer.
 */

/** Sub-pixel offsets per axis a stamp is made for. */
export const PHASES = 4;

/** A texture's pixels (RGBA, not premultiplied, as a 2D canvas gives them), square. */
export interface SourcePixels {
  data: Uint8ClampedArray | Uint8Array;
  size: number;
}

/** Stamps of one texture at one size: colour and alpha 0..1, premultiplied. */
export interface StampSet {
  /** Side of a stamp, pixels. */
  side: number;
  /** Headings (quarter turns) a stamp is made for: 4, or 1 for a shape drawn unturned. */
  headings: number;
  /** Per stamp pixel: r, g, b (premultiplied) and a, each 0..1; stamp v = (heading * PHASES + py) * PHASES + px. */
  rgba: Float32Array;
}

/**
 * Draws `src` as a `diameter`-pixel square and returns its stamps for
 * `headings` quarter turns (rotated clockwise on screen, as pixi's rotation
 * turns a sprite) and every sub-pixel offset. Each pixel whose centre falls
 * on the square samples the texture there, bilinearly, as the GPU drew a
 * particle, so a robot looks the same drawn either way. In a stamp the
 * texture's centre sits at (side/2 - 0.5 + px/PHASES, side/2 - 0.5 + py/PHASES).
 */
export function makeStamps(src: SourcePixels, diameter: number, headings: number): StampSet {
  const side = Math.ceil(diameter) + 1;
  const area = side * side;
  const count = headings * PHASES * PHASES;
  const rgba = new Float32Array(count * area * 4);
  const t = src.size;
  const k = t / diameter;
  const data = src.data;
  // Premultiplied texel (clamped to the edge), as the texture is uploaded.
  const texel = (u: number, v: number, c: number): number => {
    const at = (Math.min(t - 1, Math.max(0, v)) * t + Math.min(t - 1, Math.max(0, u))) * 4;
    const a = data[at + 3] / 255;
    return c === 3 ? a : (data[at + c] / 255) * a;
  };
  for (let h = 0; h < headings; h++) {
    for (let py = 0; py < PHASES; py++) {
      for (let px = 0; px < PHASES; px++) {
        const base = ((h * PHASES + py) * PHASES + px) * area * 4;
        const cx = side / 2 - 0.5 + px / PHASES;
        const cy = side / 2 - 0.5 + py / PHASES;
        for (let iy = 0; iy < side; iy++) {
          for (let ix = 0; ix < side; ix++) {
            // Pixel centre relative to the texture's centre, turned back by the heading: (x, y) -> (y, -x) per quarter.
            let dx = ix + 0.5 - cx;
            let dy = iy + 0.5 - cy;
            for (let q = 0; q < h; q++) {
              const x = dx;
              dx = dy;
              dy = -x;
            }
            const u = dx * k + t / 2;
            const v = dy * k + t / 2;
            if (u < 0 || v < 0 || u >= t || v >= t) continue;
            // Bilinear between the four nearest texel centres.
            const u0 = Math.floor(u - 0.5);
            const v0 = Math.floor(v - 0.5);
            const fu = u - 0.5 - u0;
            const fv = v - 0.5 - v0;
            const o = base + (iy * side + ix) * 4;
            for (let c = 0; c < 4; c++) {
              const top = texel(u0, v0, c) * (1 - fu) + texel(u0 + 1, v0, c) * fu;
              const bottom = texel(u0, v0 + 1, c) * (1 - fu) + texel(u0 + 1, v0 + 1, c) * fu;
              rgba[o + c] = top * (1 - fv) + bottom * fv;
            }
          }
        }
      }
    }
  }
  return { side, headings, rgba };
}

/**
 * The stamps of a set tinted with `tint` (0xRRGGBB) at `alpha`, packed as
 * the buffer holds pixels (premultiplied, little-endian RGBA), as a
 * particle's tint colours a white texture.
 */
export function tintStamps(set: StampSet, tint: number, alpha: number): Uint32Array {
  const n = set.rgba.length / 4;
  const out = new Uint32Array(n);
  const tr = ((tint >> 16) & 255) * alpha;
  const tg = ((tint >> 8) & 255) * alpha;
  const tb = (tint & 255) * alpha;
  for (let i = 0; i < n; i++) {
    const a = Math.round(set.rgba[i * 4 + 3] * alpha * 255);
    if (a === 0) continue;
    const r = Math.round(set.rgba[i * 4] * tr);
    const g = Math.round(set.rgba[i * 4 + 1] * tg);
    const b = Math.round(set.rgba[i * 4 + 2] * tb);
    out[i] = ((a << 24) | (b << 16) | (g << 8) | r) >>> 0;
  }
  return out;
}

/**
 * A pixel buffer robots are stamped into, `width` x `height` pixels of
 * which the top left `used` rectangle is drawn this frame. Allocated once
 * for the largest size (the canvas), so nothing is allocated per frame.
 */
export class DotBuffer {
  readonly bytes: Uint8Array;
  readonly pixels: Uint32Array;
  /** Columns and rows in use this frame (at most width, height). */
  usedW = 0;
  usedH = 0;

  constructor(
    readonly width: number,
    readonly height: number,
  ) {
    this.bytes = new Uint8Array(width * height * 4);
    this.pixels = new Uint32Array(this.bytes.buffer);
  }

  /** Starts a frame: the used area becomes `w` x `h`, cleared. */
  begin(w: number, h: number): void {
    this.usedW = Math.max(0, Math.min(this.width, w));
    this.usedH = Math.max(0, Math.min(this.height, h));
    this.pixels.fill(0, 0, this.width * this.usedH);
  }

  /**
   * Stamps stamp `v` of `stamps` (side `side`) with its texture centre at
   * (x, y), in pixels of the buffer, over what is there. Parts outside the
   * used area are cut off.
   */
  stamp(stamps: Uint32Array, side: number, heading: number, x: number, y: number): void {
    const bx = x - side / 2 + 0.5;
    const by = y - side / 2 + 0.5;
    let ix = Math.floor(bx);
    let iy = Math.floor(by);
    let qx = Math.round((bx - ix) * PHASES);
    let qy = Math.round((by - iy) * PHASES);
    if (qx === PHASES) {
      qx = 0;
      ix++;
    }
    if (qy === PHASES) {
      qy = 0;
      iy++;
    }
    const area = side * side;
    let s = ((heading * PHASES + qy) * PHASES + qx) * area;
    const w = this.usedW;
    const h = this.usedH;
    if (ix >= w || iy >= h || ix + side <= 0 || iy + side <= 0) return;
    const px = this.pixels;
    const stride = this.width;
    const inside = ix >= 0 && iy >= 0 && ix + side <= w && iy + side <= h;
    for (let r = 0; r < side; r++) {
      const yy = iy + r;
      let d = yy * stride + ix;
      for (let c = 0; c < side; c++, s++, d++) {
        const src = stamps[s];
        if (src === 0) continue;
        if (!inside && (yy < 0 || yy >= h || ix + c < 0 || ix + c >= w)) continue;
        const sa = src >>> 24;
        const dst = px[d];
        if (sa === 255 || dst === 0) {
          px[d] = src;
          continue;
        }
        // Premultiplied "over": src + dst * (1 - src alpha), per byte.
        const inv = 255 - sa;
        const r0 = (src & 255) + div255((dst & 255) * inv);
        const g0 = ((src >>> 8) & 255) + div255(((dst >>> 8) & 255) * inv);
        const b0 = ((src >>> 16) & 255) + div255(((dst >>> 16) & 255) * inv);
        const a0 = sa + div255((dst >>> 24) * inv);
        px[d] = ((a0 << 24) | (b0 << 16) | (g0 << 8) | r0) >>> 0;
      }
    }
  }
}

/** x / 255 rounded, for x in 0..65025. */
function div255(x: number): number {
  const t = x + 128;
  return (t + (t >> 8)) >> 8;
}
