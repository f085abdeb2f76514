/**
 * AGV guide paths: a closed one-way loop of guide-lane ('+') cells laid out
 * as straight runs between corner waypoints, the way floor tape or magnetic
 * strip is laid.
 */
import { CellKind, type Grid } from '../layout/grid.js';

/** A guide path that cannot be laid, with the index of the waypoint (or the segment starting there) at fault. */
export class GuidePathError extends Error {
  constructor(
    message: string,
    readonly waypoint: number,
  ) {
    super(message);
    this.name = 'GuidePathError';
  }
}

/**
 * Expands waypoints (`[row, col]` corners, visited in order, closing back to
 * the first) into the loop's cells, each 4-adjacent to the next and the last
 * adjacent to the first. Segment `i` runs from waypoint `i` (included) to
 * waypoint `i + 1` (excluded), so every cell appears once.
 *
 * Throws GuidePathError with the waypoint index when a waypoint lies outside
 * the grid, two consecutive waypoints share neither row nor column (or are
 * the same cell), a cell of segment `i` is not a Guide cell, or the loop
 * crosses itself (reaches a cell twice; this also rules out U-turns).
 * Fewer than 4 waypoints cannot close a loop and throw with index 0.
 */
export function expandGuideLoop(grid: Grid, waypoints: readonly (readonly [number, number])[]): Int32Array {
  const n = waypoints.length;
  // Fewer than four corners cannot close a rectilinear loop without reversing on itself.
  if (n < 4) throw new GuidePathError(`a guide loop needs at least 4 waypoints (its corners); got ${n}`, 0);
  for (let i = 0; i < n; i++) {
    const [r, c] = waypoints[i];
    if (!Number.isInteger(r) || !Number.isInteger(c) || r < 0 || r >= grid.height || c < 0 || c >= grid.width) {
      throw new GuidePathError(
        `waypoint ${i} [${r}, ${c}] is outside the ${grid.height}x${grid.width} grid`,
        i,
      );
    }
  }
  const cells: number[] = [];
  // Segment (starting waypoint) per covered cell, to name both sides of a crossing.
  const seen = new Map<number, number>();
  for (let i = 0; i < n; i++) {
    const [r0, c0] = waypoints[i];
    const j = (i + 1) % n;
    const [r1, c1] = waypoints[j];
    if (r0 !== r1 && c0 !== c1) {
      throw new GuidePathError(
        `waypoints ${i} [${r0}, ${c0}] and ${j} [${r1}, ${c1}] share neither a row nor a column; guide lanes run straight between corners`,
        i,
      );
    }
    if (r0 === r1 && c0 === c1) {
      throw new GuidePathError(`waypoint ${j} repeats waypoint ${i} [${r0}, ${c0}]`, j);
    }
    const dr = Math.sign(r1 - r0);
    const dc = Math.sign(c1 - c0);
    for (let r = r0, c = c0; r !== r1 || c !== c1; r += dr, c += dc) {
      const cell = r * grid.width + c;
      if (grid.kind[cell] !== CellKind.Guide) {
        throw new GuidePathError(
          `cell [${r}, ${c}] on the segment from waypoint ${i} is not a guide lane ('+')`,
          i,
        );
      }
      const earlier = seen.get(cell);
      if (earlier !== undefined) {
        throw new GuidePathError(
          `the loop crosses itself at [${r}, ${c}]: the segment from waypoint ${i} reaches a cell the segment from waypoint ${earlier} already covers`,
          i,
        );
      }
      seen.set(cell, i);
      cells.push(cell);
    }
  }
  return Int32Array.from(cells);
}
