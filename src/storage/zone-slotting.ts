import type { Rng } from '../core/rng.js';
import { shuffleInPlace } from '../core/rng.js';
import { CellKind, personWalkable, type Grid } from '../layout/grid.js';

/** A shelf location of a person-to-goods zone and the walkway cell a picker stands on to reach it. */
export interface ShelfFace {
  shelf: number;
  face: number;
  /** Walking distance (cells) from the zone's depot to the face. */
  distance: number;
}

/** Walking distance in cells from `from` to every cell over person-walkable floor (-1 where unreachable). */
export function walkDistances(grid: Grid, from: number): Int32Array {
  const { width, height, kind } = grid;
  const dist = new Int32Array(width * height).fill(-1);
  const queue = new Int32Array(width * height);
  let head = 0;
  let tail = 0;
  dist[from] = 0;
  queue[tail++] = from;
  while (head < tail) {
    const c = queue[head++];
    const r = (c / width) | 0;
    const col = c - r * width;
    const next = [r > 0 ? c - width : -1, r < height - 1 ? c + width : -1, col > 0 ? c - 1 : -1, col < width - 1 ? c + 1 : -1];
    for (const v of next) {
      if (v < 0 || dist[v] >= 0 || !personWalkable(kind[v])) continue;
      dist[v] = dist[c] + 1;
      queue[tail++] = v;
    }
  }
  return dist;
}

/**
 * The zone's shelf locations a picker can reach from the depot: shelves
 * ('#') inside `area` (row0, col0, row1, col1 inclusive; null = the whole
 * floor), each with its nearest reachable walkway neighbour.
 */
export function zoneFaces(grid: Grid, depot: number, area: [number, number, number, number] | null): ShelfFace[] {
  const dist = walkDistances(grid, depot);
  const { width, height, kind } = grid;
  const out: ShelfFace[] = [];
  const [r0, c0, r1, c1] = area ?? [0, 0, height - 1, width - 1];
  for (let r = r0; r <= r1; r++) {
    for (let c = c0; c <= c1; c++) {
      const cell = r * width + c;
      if (kind[cell] !== CellKind.Shelf) continue;
      let best = -1;
      for (const v of [r > 0 ? cell - width : -1, r < height - 1 ? cell + width : -1, c > 0 ? cell - 1 : -1, c < width - 1 ? cell + 1 : -1]) {
        if (v >= 0 && dist[v] >= 0 && (best < 0 || dist[v] < dist[best])) best = v;
      }
      if (best >= 0) out.push({ shelf: cell, face: best, distance: dist[best] });
    }
  }
  return out;
}

/**
 * Places a zone's SKUs (popularity rank order, most popular first) on its
 * shelves: 'velocity' fills the nearest faces first and wraps round (several
 * SKUs per location), 'random' uses a seeded shuffle. Returns the face per SKU.
 */
export function slotZone(faces: ShelfFace[], skuCount: number, strategy: 'velocity' | 'random', rng: Rng): Int32Array {
  const order = faces.slice();
  if (strategy === 'velocity') order.sort((a, b) => a.distance - b.distance || a.shelf - b.shelf);
  else shuffleInPlace(rng, order);
  const out = new Int32Array(skuCount);
  for (let k = 0; k < skuCount; k++) out[k] = order[k % order.length].face;
  return out;
}
