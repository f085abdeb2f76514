import { DistanceCache, UNREACHABLE } from './distance.js';
import type { Grid } from './grid.js';

export interface LayoutProblem {
  path: string;
  message: string;
}

/**
 * Checks that the goods-to-person flow can work on this floor: every station
 * reachable by some robot, and every pod able to reach every station while
 * loaded (a loaded robot may not cross other storage cells). Every station,
 * not just one: an order may go to any station, and a pod may be put back in
 * any free location, so a floor split in two would send pods where their
 * robot cannot take them.
 */
export function checkReachability(grid: Grid, starts: Int32Array): LayoutProblem[] {
  const problems: LayoutProblem[] = [];
  const cache = new DistanceCache(grid, 64 * 1024 * 1024);
  const where = (cell: number) => `row ${Math.floor(cell / grid.width)}, column ${cell % grid.width}`;
  // Per location: stations it reaches loaded, and the first station it cannot reach (-1: none yet).
  const reaches = new Int32Array(grid.storage.length);
  const missed = new Int32Array(grid.storage.length).fill(-1);
  for (const s of grid.stations) {
    const empty = cache.get(s, false);
    let reached = false;
    for (let k = 0; k < starts.length && !reached; k++) reached = empty[starts[k]] !== UNREACHABLE;
    if (!reached) problems.push({ path: 'layout', message: `the pick station at ${where(s)} cannot be reached by any robot` });
    const loaded = cache.get(s, true);
    for (let p = 0; p < grid.storage.length; p++) {
      // A pod's robot leaves its storage cell onto a neighbour, so check the neighbours.
      const home = grid.storage[p];
      let ok = false;
      for (let d = 0; d < 4 && !ok; d++) {
        const v = grid.nbr[home * 4 + d];
        ok = v >= 0 && loaded[v] !== UNREACHABLE;
      }
      if (ok) reaches[p]++;
      else if (missed[p] < 0) missed[p] = s;
    }
  }
  if (grid.stations.length > 0) {
    let none = 0;
    let firstNone = -1;
    let some = 0;
    let firstSome = -1;
    for (let p = 0; p < reaches.length; p++) {
      if (reaches[p] === 0) {
        none++;
        if (firstNone < 0) firstNone = p;
      } else if (reaches[p] < grid.stations.length) {
        some++;
        if (firstSome < 0) firstSome = p;
      }
    }
    if (none > 0) {
      problems.push({
        path: 'layout',
        message: `${none} storage location(s) cannot reach any station with a pod (first at ${where(grid.storage[firstNone])}): a loaded robot cannot drive under other pods, so every 'R' needs an aisle`,
      });
    }
    if (some > 0) {
      problems.push({
        path: 'layout',
        message:
          `${some} storage location(s) cannot reach every station with a pod (first at ${where(grid.storage[firstSome])}, which cannot reach the station at ${where(missed[firstSome])}): ` +
          'orders go to any station and pods return to any free location, so a loaded robot must be able to drive from every location to every station',
      });
    }
  }
  return problems;
}
