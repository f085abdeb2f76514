import { describe, expect, it } from 'vitest';
import { DotBuffer, makeStamps, PHASES, tintStamps } from '../../src/viewer/render/dots.js';

/** An 8x8 texture: opaque white, with its east half (x >= 4) black when `nose` is set. */
function texture(nose: boolean): { data: Uint8ClampedArray; size: number } {
  const size = 8;
  const data = new Uint8ClampedArray(size * size * 4);
  for (let y = 0; y < size; y++) {
    for (let x = 0; x < size; x++) {
      const at = (y * size + x) * 4;
      const v = nose && x >= 4 ? 0 : 255;
      data.set([v, v, v, 255], at);
    }
  }
  return { data, size };
}

const alphaAt = (rgba: Float32Array, side: number, stamp: number, x: number, y: number) => rgba[(stamp * side * side + y * side + x) * 4 + 3];
const redAt = (rgba: Float32Array, side: number, stamp: number, x: number, y: number) => rgba[(stamp * side * side + y * side + x) * 4];

describe('robots drawn as dots', () => {
  it('covers the pixels whose centres fall on the square, as the GPU does', () => {
    const set = makeStamps(texture(false), 3, 1);
    expect(set.side).toBe(4);
    expect(set.rgba.length).toBe(PHASES * PHASES * 16 * 4);
    // Offset 0: the texture's centre at (1.5, 1.5), the square from 0 to 3.
    let covered = 0;
    for (let y = 0; y < 4; y++) for (let x = 0; x < 4; x++) covered += alphaAt(set.rgba, 4, 0, x, y);
    expect(covered).toBeCloseTo(9);
    expect(alphaAt(set.rgba, 4, 0, 3, 1)).toBe(0);
    // Three quarters of a pixel right (offset 3 of 4): column 0 is left out, column 3 comes in.
    expect(alphaAt(set.rgba, 4, 3, 0, 1)).toBe(0);
    expect(alphaAt(set.rgba, 4, 3, 3, 1)).toBeCloseTo(1);
  });

  it('turns the texture a quarter clockwise per heading', () => {
    const set = makeStamps(texture(true), 3, 4);
    const side = set.side;
    const stamp = (h: number) => h * PHASES * PHASES;
    // Facing east: the dark nose on the right; south: at the bottom; west: left; north: top.
    expect(redAt(set.rgba, side, stamp(0), 2, 1)).toBe(0);
    expect(redAt(set.rgba, side, stamp(0), 0, 1)).toBeCloseTo(1);
    expect(redAt(set.rgba, side, stamp(1), 1, 2)).toBe(0);
    expect(redAt(set.rgba, side, stamp(1), 1, 0)).toBeCloseTo(1);
    expect(redAt(set.rgba, side, stamp(2), 0, 1)).toBe(0);
    expect(redAt(set.rgba, side, stamp(3), 1, 0)).toBe(0);
  });

  it('tints stamps into premultiplied little-endian RGBA', () => {
    const set = makeStamps(texture(false), 3, 1);
    const px = tintStamps(set, 0xff8000, 0.5);
    expect(px[0]).toBe(((128 << 24) | (0 << 16) | (64 << 8) | 128) >>> 0);
    expect(px[3]).toBe(0);
  });

  it('stamps into the used part of the buffer, cut at its edges, one over another', () => {
    const set = makeStamps(texture(false), 3, 1);
    const red = tintStamps(set, 0xff0000, 1);
    const blue = tintStamps(set, 0x0000ff, 0.5);
    const b = new DotBuffer(10, 6);
    b.pixels.fill(0xffffffff);
    b.begin(8, 4);
    // Rows in use are cleared; rows below are not touched.
    expect(b.pixels[3 * 10 + 9]).toBe(0);
    expect(b.pixels[5 * 10]).toBe(0xffffffff);
    b.stamp(red, set.side, 0, 4.5, 2.5);
    // Centred on pixel (4, 2): pixels 3..5 across, 1..3 down.
    expect(b.pixels[2 * 10 + 4]).toBe(0xff0000ff);
    expect(b.pixels[1 * 10 + 3]).toBe(0xff0000ff);
    expect(b.pixels[2 * 10 + 2]).toBe(0);
    expect(b.pixels[2 * 10 + 6]).toBe(0);
    // Half over the right edge of the used area: what is outside stays empty.
    b.stamp(red, set.side, 0, 8.5, 2.5);
    expect(b.pixels[2 * 10 + 7]).toBe(0xff0000ff);
    expect(b.pixels[2 * 10 + 8]).toBe(0);
    // Off the buffer altogether: nothing, no error.
    b.stamp(red, set.side, 0, -10, -10);
    // Half-transparent blue over red: premultiplied "over".
    b.stamp(blue, set.side, 0, 4.5, 2.5);
    const p = b.pixels[2 * 10 + 4];
    expect(p & 255).toBe(127); // red 255 * (1 - 128/255)
    expect((p >>> 16) & 255).toBe(128); // blue 255 * 0.5
    expect(p >>> 24).toBe(255);
  });
});
