import { CellKind, type Grid } from './grid.js';

/** Set in a cell's `bits` when it is a storage cell (loaded robots pass only their own goal). */
export const STORAGE_BIT = 16;
/** Set in a cell's `bits` when it is a charger. */
export const CHARGER_BIT = 32;

/**
 * The grid's neighbour table in the form the hot loops read: one byte per
 * cell, bit d (0=E, 1=S, 2=W, 3=N) set when `nbr[cell * 4 + d]` is not -1,
 * plus STORAGE_BIT and CHARGER_BIT; the neighbour itself is `cell + step[d]`.
 * `nbr` spends 16 bytes a cell (over a megabyte on a 500x140 floor) and the
 * searches and the planner read it at random cells, where a cache miss costs
 * more than the sum; this table is a sixteenth of the size and also answers
 * the kind tests of the same cell.
 */
export interface MoveTable {
  readonly bits: Uint8Array;
  /** Cell offset of a move in each direction: east, south, west, north. */
  readonly step: Int32Array;
}

const tables = new WeakMap<Grid, MoveTable>();

/** The move table of `grid`, built on first use (grids never change). */
export function moveTable(grid: Grid): MoveTable {
  const cached = tables.get(grid);
  if (cached) return cached;
  const { width, kind, nbr } = grid;
  const step = Int32Array.of(1, width, -1, -width);
  const bits = new Uint8Array(kind.length);
  for (let c = 0; c < kind.length; c++) {
    let b = kind[c] === CellKind.Storage ? STORAGE_BIT : kind[c] === CellKind.Charger ? CHARGER_BIT : 0;
    for (let d = 0; d < 4; d++) {
      const v = nbr[c * 4 + d];
      if (v < 0) continue;
      if (v !== c + step[d]) throw new Error(`neighbour table: cell ${c} direction ${d} is ${v}, not ${c + step[d]}`);
      b |= 1 << d;
    }
    bits[c] = b;
  }
  const table = { bits, step };
  tables.set(grid, table);
  return table;
}
