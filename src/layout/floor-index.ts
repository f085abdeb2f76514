/**
 * The floor's cells numbered without the walls: slot k is the k-th free cell
 * in reading order. Distance data kept per slot rather than per cell costs
 * nothing for walls and racks, which are half of a warehouse's grid, and
 * keeps neighbouring cells as close in memory as before (reading order is
 * kept).
 */
export interface FloorIndex {
  /** Slots (free cells). */
  readonly count: number;
  /** Slot of each cell, -1 for a cell robots cannot stand on. */
  readonly slot: Int32Array;
  /** Cell of each slot. */
  readonly cell: Int32Array;
  /** Neighbour slots by slot * 4 + direction (0=E, 1=S, 2=W, 3=N), -1 where none: the grid's `nbr` renumbered. */
  readonly nbr: Int32Array;
  /** Row and column of each slot. */
  readonly row: Int32Array;
  readonly col: Int32Array;
}

const cache = new WeakMap<object, FloorIndex>();

/**
 * The slots of a grid's free cells (made once per grid). Every cell a
 * neighbour link leads to must be free, as the grid builders guarantee.
 */
export function floorIndex(grid: { width: number; height: number; nbr: Int32Array; free: Int32Array }): FloorIndex {
  const known = cache.get(grid);
  if (known) return known;
  const { width, height, free, nbr } = grid;
  const count = free.length;
  const slot = new Int32Array(width * height).fill(-1);
  for (let k = 0; k < count; k++) slot[free[k]] = k;
  const knbr = new Int32Array(count * 4);
  const row = new Int32Array(count);
  const col = new Int32Array(count);
  for (let k = 0; k < count; k++) {
    const c = free[k];
    row[k] = (c / width) | 0;
    col[k] = c - row[k] * width;
    for (let d = 0; d < 4; d++) {
      const y = nbr[c * 4 + d];
      const ky = y < 0 ? -1 : slot[y];
      if (y >= 0 && ky < 0) throw new Error(`cell ${c} links to cell ${y}, which is not free`);
      knbr[k * 4 + d] = ky;
    }
  }
  const index: FloorIndex = { count, slot, cell: free, nbr: knbr, row, col };
  cache.set(grid, index);
  return index;
}
