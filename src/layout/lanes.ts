/**
 * One-way lanes: even rows run east and odd rows west, even columns south and
 * odd columns north. True when moving from `cell` in `dir` (0=E,1=S,2=W,3=N)
 * goes against them. Planners use it to steer crowds into one-way flows.
 */
export function againstLane(cell: number, dir: number, width: number): boolean {
  const row = (cell / width) | 0;
  const col = cell - row * width;
  switch (dir) {
    case 0:
      return (row & 1) === 1;
    case 2:
      return (row & 1) === 0;
    case 1:
      return (col & 1) === 1;
    default:
      return (col & 1) === 0;
  }
}

/**
 * Lane parity per row and per column, alternating between the map's through
 * corridors rather than between raw rows and columns. In an open area every
 * row is a corridor and this is plain row parity; in a warehouse whose
 * corridors run every third row or fourth column, raw parity would point
 * every corridor the same way (all columns 7, 11, 15... odd), so travel one
 * way would be against the lanes everywhere and the lanes would separate
 * nothing. A row is a through corridor when it holds at least a quarter as
 * many east-west free pairs as the busiest row; corridors alternate, and a
 * row between two corridors takes the parity of the corridor below it.
 */
export interface LaneParity {
  /** East-west lane of each row: 0 runs east, 1 west. */
  readonly row: Uint8Array;
  /** North-south lane of each column: 0 runs south, 1 north. */
  readonly col: Uint8Array;
}

const parityCache = new WeakMap<object, LaneParity>();

export function laneParity(grid: { width: number; height: number; nbr: Int32Array }): LaneParity {
  const cached = parityCache.get(grid);
  if (cached) return cached;
  const { width, height, nbr } = grid;
  const rowPairs = new Int32Array(height);
  const colPairs = new Int32Array(width);
  for (let r = 0; r < height; r++) {
    for (let c = 0; c < width; c++) {
      const cell = r * width + c;
      if (nbr[cell * 4] >= 0) rowPairs[r]++;
      if (nbr[cell * 4 + 1] >= 0) colPairs[c]++;
    }
  }
  const parity = { row: alternate(rowPairs), col: alternate(colPairs) };
  parityCache.set(grid, parity);
  return parity;
}

function alternate(pairs: Int32Array): Uint8Array {
  let max = 0;
  for (const p of pairs) if (p > max) max = p;
  const threshold = Math.max(1, max / 4);
  const out = new Uint8Array(pairs.length);
  let rank = 0;
  for (let i = 0; i < pairs.length; i++) {
    out[i] = rank & 1;
    if (pairs[i] >= threshold) rank++;
  }
  return out;
}

/** True when moving from `cell` in `dir` goes against the corridor lanes of `laneParity`. */
export function againstCorridorLane(grid: { width: number; height: number; nbr: Int32Array }, cell: number, dir: number): boolean {
  const { row, col } = laneParity(grid);
  const r = (cell / grid.width) | 0;
  const p = dir & 1 ? col[cell - r * grid.width] : row[r];
  // Even parity runs east (dir 0) and south (dir 1); odd runs west (2) and north (3).
  return (p ^ (dir >> 1)) === 1;
}
