import { DistanceCache, UNREACHABLE } from './distance.js';
import type { Grid } from './grid.js';

export interface LayoutProblem {
  path: string;
  message: string;
}

/**
 * Checks that the goods-to-person flow can work on this floor: every station
 * reachable by some robot, and every pod able to reach a station while
 * loaded (a loaded robot may not cross other storage cells).
 */
export function checkReachability(grid: Grid, starts: Int32Array): LayoutProblem[] {
  const problems: LayoutProblem[] = [];
  const cache = new DistanceCache(grid, 64 * 1024 * 1024);
  const where = (cell: number) => `row ${Math.floor(cell / grid.width)}, column ${cell % grid.width}`;
  const podOk = new Uint8Array(grid.storage.length);
  for (const s of grid.stations) {
    const empty = cache.get(s, false);
    let reached = false;
    for (let k = 0; k < starts.length && !reached; k++) reached = empty[starts[k]] !== UNREACHABLE;
    if (!reached) problems.push({ path: 'layout', message: `the pick station at ${where(s)} cannot be reached by any robot` });
    const loaded = cache.get(s, true);
    for (let p = 0; p < grid.storage.length; p++) {
      if (podOk[p]) continue;
      // A pod's robot leaves its storage cell onto a neighbour, so check the neighbours.
      const home = grid.storage[p];
      for (let d = 0; d < 4; d++) {
        const v = grid.nbr[home * 4 + d];
        if (v >= 0 && loaded[v] !== UNREACHABLE) {
          podOk[p] = 1;
          break;
        }
      }
    }
  }
  if (grid.stations.length > 0) {
    let bad = 0;
    let first = -1;
    for (let p = 0; p < podOk.length; p++) {
      if (!podOk[p]) {
        bad++;
        if (first < 0) first = grid.storage[p];
      }
    }
    if (bad > 0) {
      problems.push({
        path: 'layout',
        message: `${bad} storage location(s) cannot reach any station with a pod (first at ${where(first)}): a loaded robot cannot drive under other pods, so every 'R' needs an aisle`,
      });
    }
  }
  return problems;
}
