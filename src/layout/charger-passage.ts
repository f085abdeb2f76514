import { CellKind, robotWalkable, type Grid } from './grid.js';

/**
 * Whether robots may be routed through chargers they are not heading for.
 *
 * A robot charging holds its cell for many minutes and cannot be pushed
 * aside, but the distance fields do not know that: a route along a row of
 * chargers has robots wait behind the charging ones (staying put looks better
 * than a side step that costs a move), which is how a column of chargers
 * jammed long runs. So chargers are dead ends for routing (a robot enters one
 * only as its goal, and may always leave one) unless that would cut some
 * cell off: on a layout where a charger is the only way through, routing
 * through chargers stays allowed.
 */
export function chargersArePassages(grid: Grid): boolean {
  let known = CACHE.get(grid);
  if (known === undefined) {
    known = needsChargerPassage(grid, false) || needsChargerPassage(grid, true);
    CACHE.set(grid, known);
  }
  return known;
}

const CACHE = new WeakMap<Grid, boolean>();

/**
 * Whether, for robots empty (`loaded` false) or carrying a pod (storage cells
 * are dead ends to them), treating chargers as dead ends would leave some
 * cell unreachable that is reachable now.
 */
function needsChargerPassage(grid: Grid, loaded: boolean): boolean {
  const n = grid.width * grid.height;
  const seen = new Uint8Array(n);
  const mark = new Int32Array(n);
  const queue = new Int32Array(n);
  let stamp = 0;
  // Cells reached from `start` when dead-end kinds are labelled but not expanded.
  const reach = (start: number, chargersDeadEnd: boolean, record: boolean): number => {
    stamp++;
    let head = 0;
    let tail = 0;
    queue[tail++] = start;
    mark[start] = stamp;
    while (head < tail) {
      const c = queue[head++];
      if (record) seen[c] = 1;
      const k = grid.kind[c];
      if (c !== start && ((loaded && k === CellKind.Storage) || (chargersDeadEnd && k === CellKind.Charger))) continue;
      for (let d = 0; d < 4; d++) {
        const v = grid.nbr[c * 4 + d];
        if (v < 0 || mark[v] === stamp || !robotWalkable(grid.kind[v])) continue;
        mark[v] = stamp;
        queue[tail++] = v;
      }
    }
    return tail;
  };
  for (let c = 0; c < n; c++) {
    const k = grid.kind[c];
    if (seen[c] || !robotWalkable(k) || k === CellKind.Charger || (loaded && k === CellKind.Storage)) continue;
    if (reach(c, false, true) !== reach(c, true, false)) return true;
  }
  return false;
}
