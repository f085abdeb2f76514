import { describe, expect, it } from 'vitest';
import { TileBuckets, tileReach } from '../../src/fleet/tile-buckets.js';

/** Items filed under tile (tr, tc), in list order. */
function itemsOf(b: TileBuckets, tr: number, tc: number): number[] {
  const out: number[] = [];
  for (let k = b.first(tr, tc); k >= 0; k = b.after(k)) out.push(k);
  return out;
}

describe('TileBuckets', () => {
  it('files items under the 8 x 8 tile of their cell, and takes them out again from anywhere in a list', () => {
    const b = new TileBuckets(20, 10); // 3 x 2 tiles
    expect([b.cols, b.rows]).toEqual([3, 2]);
    b.add(5, 0, 0);
    b.add(7, 7, 7);
    b.add(200, 3, 2); // grows the arrays
    b.add(9, 9, 19);
    expect(itemsOf(b, 0, 0).sort((x, y) => x - y)).toEqual([5, 7, 200]);
    expect(itemsOf(b, 1, 2)).toEqual([9]);
    b.remove(7); // the middle of the list
    expect(itemsOf(b, 0, 0).sort((x, y) => x - y)).toEqual([5, 200]);
    b.remove(200); // the head
    b.remove(5);
    expect(itemsOf(b, 0, 0)).toEqual([]);
    expect(b.has(9)).toBe(true);
    expect(b.has(5)).toBe(false);
    expect(() => b.remove(5)).toThrow();
    expect(() => b.add(9, 0, 0)).toThrow();
  });

  it('keeps each tile in ascending order of the key items were filed with, equal keys newest first, through removals and growth', () => {
    const b = new TileBuckets(16, 8); // 2 x 1 tiles
    const keys = [30, 10, 20, 10, 40, 0, 20];
    keys.forEach((key, item) => b.add(item, item % 8, 0, key));
    expect(itemsOf(b, 0, 0)).toEqual([5, 3, 1, 6, 2, 0, 4]);
    b.remove(1);
    b.remove(4); // the tail
    b.add(300, 2, 3, 15); // grows the arrays
    b.add(8, 9 % 8, 9, 5); // the other tile
    expect(itemsOf(b, 0, 0)).toEqual([5, 3, 300, 6, 2, 0]);
    expect(itemsOf(b, 0, 1)).toEqual([8]);
    b.add(4, 4, 4, 99); // a new tail
    expect(itemsOf(b, 0, 0).map((i) => (i === 300 ? 15 : i === 4 ? 99 : keys[i]))).toEqual([0, 10, 15, 20, 20, 30, 99]);
  });

  it('tileReach is the fewest steps from a cell to the nearest cell of a tile', () => {
    expect(tileReach(3, 3, 0, 0)).toBe(0); // inside
    expect(tileReach(3, 3, 0, 1)).toBe(5); // tile columns 8..15: 8 - 3
    expect(tileReach(20, 3, 1, 1)).toBe(5 + 5); // rows 8..15: 20 - 15; columns 8..15: 8 - 3
  });
});
