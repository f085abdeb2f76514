import { describe, expect, it } from 'vitest';
import { expandGuideLoop, GuidePathError } from '../../src/outbound/guide-path.js';
import { gridFromRows } from '../../src/layout/grid.js';

const ring = gridFromRows([
  '......',
  '.++++.',
  '.+..+.',
  '.++++.',
  '......',
]);
const rect: [number, number][] = [
  [1, 1],
  [1, 4],
  [3, 4],
  [3, 1],
];

/** The GuidePathError `fn` throws (fails the test when it throws nothing else). */
function errorOf(fn: () => unknown): GuidePathError {
  try {
    fn();
  } catch (e) {
    expect(e).toBeInstanceOf(GuidePathError);
    return e as GuidePathError;
  }
  throw new Error('expected a GuidePathError');
}

describe('expandGuideLoop', () => {
  it('expands a rectangle into its perimeter, in driving order, closed', () => {
    const loop = expandGuideLoop(ring, rect);
    expect(loop.length).toBe(10);
    const w = ring.width;
    expect(Array.from(loop.subarray(0, 4))).toEqual([1 * w + 1, 1 * w + 2, 1 * w + 3, 1 * w + 4]);
    expect(new Set(loop).size).toBe(loop.length);
    for (let i = 0; i < loop.length; i++) {
      const a = loop[i];
      const b = loop[(i + 1) % loop.length];
      const ra = Math.floor(a / w);
      const rb = Math.floor(b / w);
      expect(Math.abs(ra - rb) + Math.abs(a - ra * w - (b - rb * w))).toBe(1);
    }
  });

  it('accepts waypoints in the middle of a straight run', () => {
    const loop = expandGuideLoop(ring, [[1, 1], [1, 2], [1, 4], [3, 4], [3, 1]]);
    expect(Array.from(loop)).toEqual(Array.from(expandGuideLoop(ring, rect)));
  });

  it('names the waypoint starting a diagonal segment', () => {
    const e = errorOf(() => expandGuideLoop(ring, [[1, 1], [1, 4], [3, 1], [3, 4]]));
    expect(e.waypoint).toBe(1);
    expect(e.message).toMatch(/neither a row nor a column/);
  });

  it('names the segment that leaves the guide lanes', () => {
    const gap = gridFromRows(['.....', '.+++.', '.+.+.', '.+.+.', '.+++.']);
    // The segment from waypoint 1 runs down column 3: fine; cutting across row 2 is not.
    const e = errorOf(() => expandGuideLoop(gap, [[1, 1], [1, 3], [2, 3], [2, 1]]));
    expect(e.waypoint).toBe(2);
    expect(e.message).toMatch(/\[2, 2\].*not a guide lane/);
  });

  it('names the segment where the loop crosses itself', () => {
    const eight = gridFromRows(['+++..', '+.+..', '+++++', '..+.+', '..+++']);
    const e = errorOf(() =>
      expandGuideLoop(eight, [[0, 0], [0, 2], [4, 2], [4, 4], [2, 4], [2, 0]]),
    );
    expect(e.waypoint).toBe(4);
    expect(e.message).toMatch(/crosses itself at \[2, 2\]/);
  });

  it('rejects a U-turn, a waypoint off the grid, a repeated waypoint and too few corners', () => {
    expect(errorOf(() => expandGuideLoop(ring, [[1, 1], [1, 4], [1, 2], [3, 2]])).waypoint).toBe(1);
    expect(errorOf(() => expandGuideLoop(ring, [[1, 1], [1, 4], [3, 4], [3, 9]])).waypoint).toBe(3);
    expect(errorOf(() => expandGuideLoop(ring, [[1, 1], [1, 4], [1, 4], [3, 4], [3, 1]])).waypoint).toBe(2);
    expect(errorOf(() => expandGuideLoop(ring, [[1, 1], [1, 4], [3, 4]])).waypoint).toBe(0);
  });
});
