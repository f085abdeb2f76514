import { describe, expect, it } from 'vitest';
import { computeField, DistanceCache, LazyField, UNREACHABLE } from '../../src/layout/distance.js';
import { gridFromRows } from '../../src/layout/grid.js';
import { generateWarehouse } from '../../src/layout/generate.js';

const rows = ['@@@@@@', '@....@', '@.RR.@', '@.@@.@', '@....@', '@@@@@@'];
const grid = gridFromRows(rows);
const at = (r: number, c: number) => r * grid.width + c;

/** Reference distances by Bellman-Ford style relaxation, written independently of the BFS. */
function reference(goal: number, loaded: boolean): number[] {
  const n = grid.width * grid.height;
  const d = new Array(n).fill(Infinity);
  d[goal] = 0;
  for (let iter = 0; iter < n; iter++) {
    for (let c = 0; c < n; c++) {
      if (grid.kind[c] === 1 || (loaded && grid.kind[c] === 2 && c !== goal)) continue;
      for (let k = 0; k < 4; k++) {
        const v = grid.nbr[c * 4 + k];
        if (v >= 0 && d[v] + 1 < d[c] && !(loaded && grid.kind[v] === 2 && v !== goal)) d[c] = d[v] + 1;
      }
    }
  }
  return d;
}

describe('distance fields', () => {
  it('match independent shortest distances, empty and loaded', () => {
    for (const goal of [at(1, 1), at(2, 2), at(4, 4)]) {
      for (const loaded of [false, true]) {
        const f = computeField(grid, goal, loaded);
        const ref = reference(goal, loaded);
        for (let c = 0; c < ref.length; c++) {
          if (ref[c] === Infinity) {
            // Unreachable, except storage cells a loaded robot stands on: those read as unreachable too.
            expect(f[c]).toBe(UNREACHABLE);
          } else expect(f[c]).toBe(ref[c]);
        }
      }
    }
  });

  it('a loaded robot detours around storage cells', () => {
    const empty = computeField(grid, at(2, 4), false);
    const loaded = computeField(grid, at(2, 4), true);
    expect(empty[at(2, 1)]).toBe(3);
    expect(loaded[at(2, 1)]).toBe(5);
    expect(loaded[at(2, 2)]).toBe(UNREACHABLE);
  });

  it('a lazy field grows only as far as asked, and agrees with the full search', () => {
    const big = gridFromRows(generateWarehouse({ width: 200, height: 60, stations: 4, chargers: 4 }));
    const goal = big.stations[0];
    const full = computeField(big, goal, true);
    const lazy = new LazyField(big, goal, true);
    const near = goal + 3;
    lazy.ensure(near);
    let labelled = 0;
    for (let c = 0; c < lazy.dist.length; c++) if (lazy.dist[c] !== UNREACHABLE) labelled++;
    expect(labelled).toBeLessThan(100);
    for (let d = 0; d < 4; d++) {
      const v = big.nbr[near * 4 + d];
      if (v >= 0) expect(lazy.dist[v]).toBe(full[v]);
    }
    const far = big.free[big.free.length - 1];
    lazy.ensure(far);
    expect(lazy.dist[far]).toBe(full[far]);
    lazy.finish();
    expect(lazy.complete).toBe(true);
    expect(Array.from(lazy.dist)).toEqual(Array.from(full));
  });

  it('caches by goal and load, evicting the least recently used', () => {
    const cache = new DistanceCache(grid, 16 * grid.width * grid.height * 2);
    const a = cache.get(at(1, 1), false);
    expect(cache.get(at(1, 1), false)).toBe(a);
    expect(cache.get(at(1, 1), true)).not.toBe(a);
    for (const c of grid.free) {
      cache.get(c, false);
      cache.get(c, true);
    }
    expect(cache.size).toBe(16);
    expect(cache.get(at(1, 1), false)).not.toBe(a);
  });

  it('reuses the arrays of evicted fields nobody holds, wiped clean, and never a held one', () => {
    const big = gridFromRows(generateWarehouse({ width: 200, height: 60, stations: 4, chargers: 4 }));
    const cache = new DistanceCache(big, 16 * big.width * big.height * 2);
    cache.recycle([]);
    const held = cache.lazy(big.stations[0], true);
    held.ensure(big.free[0]);
    const heldCopy = Array.from(held.dist);
    const holders = [held];
    const seen = new Set<Uint16Array>();
    for (let k = 0; k < 200; k++) {
      const goal = big.free[(k * 7919) % big.free.length];
      const lazy = cache.lazy(goal, k % 2 === 1);
      seen.add(lazy.dist);
      const fresh = new LazyField(big, goal, k % 2 === 1);
      // Some searches stop near their goal, some run to the end: both must leave a clean array behind.
      for (const f of [lazy, fresh]) {
        if (k % 3 === 0) f.finish();
        else f.ensure(big.free[(k * 31) % big.free.length]);
      }
      let differ = 0;
      for (let c = 0; c < fresh.dist.length; c++) if (lazy.dist[c] !== fresh.dist[c]) differ++;
      expect(differ).toBe(0);
      cache.recycle(holders);
    }
    // Arrays were reused (far fewer than 200), and the held field was left alone.
    expect(seen.size).toBeLessThan(40);
    expect(Array.from(held.dist)).toEqual(heldCopy);
  });
});
