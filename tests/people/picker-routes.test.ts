import { describe, expect, it } from 'vitest';
import { gridFromRows, personWalkable, type Grid } from '../../src/layout/grid.js';
import { PickerRoutes } from '../../src/people/picker-routes.js';

const at = (g: Grid, r: number, c: number) => r * g.width + c;

/** Breadth-first walking distances from `from` (Infinity where unreachable). */
function bfs(g: Grid, from: number): number[] {
  const dist = new Array<number>(g.width * g.height).fill(Infinity);
  dist[from] = 0;
  const queue = [from];
  for (let h = 0; h < queue.length; h++) {
    const cell = queue[h];
    const r = Math.floor(cell / g.width);
    const c = cell % g.width;
    for (const [rr, cc] of [[r, c + 1], [r + 1, c], [r, c - 1], [r - 1, c]]) {
      if (rr < 0 || rr >= g.height || cc < 0 || cc >= g.width) continue;
      const next = rr * g.width + cc;
      if (dist[next] === Infinity && personWalkable(g.kind[next])) {
        dist[next] = dist[cell] + 1;
        queue.push(next);
      }
    }
  }
  return dist;
}

describe('PickerRoutes', () => {
  const corridor = gridFromRows(['#######', 'mmmmmmm', '#######']);

  it('a straight corridor leg is its length, cells exclude the start and include the end', () => {
    const routes = new PickerRoutes(corridor);
    expect(routes.legLength(at(corridor, 1, 0), at(corridor, 1, 6))).toBe(6);
    expect(Array.from(routes.legCells(at(corridor, 1, 0), at(corridor, 1, 3)))).toEqual([8, 9, 10]);
    expect(Array.from(routes.legCells(at(corridor, 1, 3), at(corridor, 1, 1)))).toEqual([9, 8]);
    expect(routes.legLength(8, 8)).toBe(0);
    expect(routes.legCells(8, 8)).toHaveLength(0);
  });

  it('walks round shelves and through floor and station cells but not walls, storage or equipment', () => {
    const g = gridFromRows(['m.P.', '#R=.', 'mmmm']);
    const routes = new PickerRoutes(g);
    // Along the top (floor, station, floor), down the right-hand floor, back along the walkway.
    expect(routes.legLength(at(g, 0, 0), at(g, 2, 0))).toBe(8);
  });

  it('an unreachable cell is Infinity, and legCells refuses it', () => {
    const g = gridFromRows(['mm#mm', 'mm#mm']);
    const routes = new PickerRoutes(g);
    expect(routes.legLength(at(g, 0, 0), at(g, 1, 4))).toBe(Infinity);
    expect(routes.legLength(at(g, 0, 0), at(g, 0, 2))).toBe(Infinity); // a shelf cell
    expect(() => routes.legCells(at(g, 0, 0), at(g, 1, 4))).toThrow(/no walking route/);
    expect(routes.reachableFrom(at(g, 0, 0))[at(g, 1, 4)]).toBe(0);
    expect(routes.reachableFrom(at(g, 0, 0))[at(g, 1, 1)]).toBe(1);
  });

  it('a cache hit returns the same cells without searching again', () => {
    const routes = new PickerRoutes(corridor);
    const a = routes.legCells(7, 13);
    const searches = routes.searches;
    expect(routes.legCells(7, 13)).toBe(a);
    expect(routes.legLength(7, 13)).toBe(6);
    expect(routes.searches).toBe(searches);
  });

  const maze = gridFromRows([
    'mmmmmm#mmm',
    'm##m#m#m#m',
    'mm#m#mmm#m',
    '#m#m###m#m',
    'mm.mmmm.mm',
    'm#######m#',
    'mmmmmmmmmm',
  ]);

  it('agrees with breadth-first distances on every pair, even when the cache keeps only a few legs', () => {
    const routes = new PickerRoutes(maze, 3);
    const cells = [...Array(maze.width * maze.height).keys()].filter((c) => personWalkable(maze.kind[c]));
    for (const from of cells) {
      const dist = bfs(maze, from);
      for (const to of cells) expect(routes.legLength(from, to)).toBe(dist[to]);
    }
    expect(routes.cachedLegs).toBeLessThanOrEqual(3);
  });

  it('legs are 4-connected walks over walkable cells, and a leg back is the leg out reversed', () => {
    const routes = new PickerRoutes(maze, 2);
    const a = at(maze, 0, 0);
    const b = at(maze, 2, 9);
    const out = [a, ...routes.legCells(a, b)];
    for (let i = 1; i < out.length; i++) {
      const [p, q] = [out[i - 1], out[i]];
      expect(Math.abs(Math.floor(p / maze.width) - Math.floor(q / maze.width)) + Math.abs((p % maze.width) - (q % maze.width))).toBe(1);
      expect(personWalkable(maze.kind[q])).toBe(true);
    }
    const back = [b, ...routes.legCells(b, a)];
    expect(back).toEqual([...out].reverse());
  });

  it('tours greedily by leg length, ties to the lower cell id, faces listed once', () => {
    const g = gridFromRows(['mmmmmmmmm']);
    const routes = new PickerRoutes(g);
    // From 4: 2 (2 away) beats 7 (3); from 2: 0 (2) beats 7 (5); then 7, then 8.
    expect(routes.nearestNeighbourTour(4, [8, 7, 0, 2, 7, 2])).toEqual([2, 0, 7, 8]);
    // 2 and 6 are both 2 away from 4: the lower id goes first.
    expect(routes.nearestNeighbourTour(4, [6, 2])).toEqual([2, 6]);
    expect(routes.nearestNeighbourTour(4, [4, 5])).toEqual([4, 5]);
    expect(routes.nearestNeighbourTour(4, [])).toEqual([]);
  });

  it('tours round shelving by walking distance, not straight-line distance', () => {
    // Depot at row 0 col 0. Face A at row 2 col 0 is 2 rows down but 8 cells away on foot
    // round the shelf; face B at row 0 col 3 is 3 cells away.
    const g = gridFromRows(['mmmm', '###m', 'mmmm']);
    const routes = new PickerRoutes(g);
    const A = at(g, 2, 0);
    const B = at(g, 0, 3);
    expect(routes.legLength(0, A)).toBe(8);
    expect(routes.nearestNeighbourTour(0, [A, B])).toEqual([B, A]);
  });

  it('a tour with an unreachable face throws', () => {
    const g = gridFromRows(['mm#mm']);
    expect(() => new PickerRoutes(g).nearestNeighbourTour(0, [1, 4])).toThrow(/no walking route/);
  });
});
