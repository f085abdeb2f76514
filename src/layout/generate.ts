/**
 * Procedural Kiva-style goods-to-person floors.
 *
 * The generated floor, for `stationSide: 'west'` (east is the mirror image):
 *
 * ```
 * @@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@   <- outer wall
 * @......................................@   <- perimeter aisle (row 1)
 * @.....RRRRRRRRRR.RRRRRRRRRR.RRRRRRRRR..@   <- a block row (blockDepth rows)
 * @.....RRRRRRRRRR.RRRRRRRRRR.RRRRRRRRR..@
 * @......................................@   <- aisle between block rows
 * @P....RRRRRRRRRR.RRRRRRRRRR.RRRRRRRRR.C@   <- P in column 1, C in column width-2
 * ```
 *
 * - Column 1 holds the stations; columns `2 .. 1+buffer` are open floor where
 *   loaded robots queue for a station without blocking storage.
 * - Storage is tiled with `blockDepth x blockWidth` blocks of `R`, each
 *   surrounded by aisles, so every pod location touches a non-`R` cell.
 * - Chargers sit on the side opposite the stations (column `width-2` for
 *   west, column 1 for east). With stations on both sides they sit on the top
 *   and bottom rows inside the wall, over the storage columns.
 * - A one-cell perimeter aisle runs between the storage and the walls /
 *   chargers, so parked or charging robots never cut the aisle network.
 *
 * @module
 */

/** Parameters for {@link generateWarehouse}. All sizes are in grid cells. */
export interface WarehouseParams {
  /** Total columns, including the outer wall. */
  width: number;
  /** Total rows, including the outer wall. */
  height: number;
  /** Number of pick stations (`P` cells). With `stationSide: 'both'` the west side gets the odd one. */
  stations: number;
  /** Number of chargers (`C` cells). May be 0. */
  chargers: number;
  /** Storage block size in columns (default 10). */
  blockWidth?: number;
  /**
   * Storage block size in rows (default 2). Blocks are `blockDepth x blockWidth`
   * cells of `R`. At least one of `blockDepth` / `blockWidth` must be 2 or less,
   * otherwise a block would have interior pods that a loaded robot cannot leave.
   */
  blockDepth?: number;
  /** Width of the aisles between blocks, in cells (default 1). */
  aisle?: number;
  /**
   * Accepted for compatibility and ignored: every block is already bordered by
   * aisles on all four sides, so every gap between blocks is a cross aisle and
   * there is nothing left for this knob to add.
   */
  crossAisleEvery?: number;
  /** Wall(s) the stations are placed on (default `'west'`). */
  stationSide?: 'west' | 'east' | 'both';
  /** Columns of open floor between the station column and the storage area (default 4, at least 1). */
  buffer?: number;
}

/** Minimum row distance between two stations on one wall: two free cells between them, so queues don't merge. */
const STATION_SPACING = 3;
/** Minimum distance between two chargers along their edge: never 4-adjacent, so each has its own approach. */
const CHARGER_SPACING = 2;

/**
 * Generates a Kiva-style goods-to-person floor as grid rows (legend: `@` wall,
 * `.` floor, `R` storage, `P` station, `C` charger).
 *
 * Guarantees: an outer `@` border; exactly `stations` `P` and `chargers` `C`
 * cells; every `R` is 4-adjacent to a non-`R` floor cell; the non-wall cells
 * form one 4-connected component and so do the non-wall non-`R` cells (the
 * cells a loaded robot may drive on), which contain every `P` and `C`.
 *
 * Pure and deterministic: the same parameters always give identical rows.
 *
 * @param p - floor dimensions and options; see {@link WarehouseParams}.
 * @returns `height` strings of `width` characters each.
 * @throws Error if a parameter is invalid or the requested floor cannot fit.
 */
export function generateWarehouse(p: WarehouseParams): string[] {
  const width = p.width;
  const height = p.height;
  const blockWidth = p.blockWidth ?? 10;
  const blockDepth = p.blockDepth ?? 2;
  const aisle = p.aisle ?? 1;
  const buffer = p.buffer ?? 4;
  const side = p.stationSide ?? 'west';

  requireInt('width', width, 3);
  requireInt('height', height, 3);
  requireInt('stations', p.stations, 1);
  requireInt('chargers', p.chargers, 0);
  requireInt('blockWidth', blockWidth, 1);
  requireInt('blockDepth', blockDepth, 1);
  requireInt('aisle', aisle, 1);
  requireInt('buffer', buffer, 1);
  if (side !== 'west' && side !== 'east' && side !== 'both') {
    throw new Error(`stationSide must be 'west', 'east' or 'both'; got '${String(side)}'`);
  }
  if (blockWidth > 2 && blockDepth > 2) {
    throw new Error(
      `blocks of ${blockDepth}x${blockWidth} have interior pods with no aisle neighbour; ` +
        'make blockDepth or blockWidth 2 or less',
    );
  }

  // Storage rectangle [x0, x1] x [y0, y1], inclusive. West stations: column 1
  // is P, then `buffer` floor columns; on the charger side, column width-2 is C
  // and width-3 a perimeter aisle. Top/bottom keep a perimeter aisle in row 1 /
  // height-2, pushed in by one row when the chargers live there.
  const westStations = side === 'west' || side === 'both';
  const eastStations = side === 'east' || side === 'both';
  const x0 = westStations ? 2 + buffer : 3;
  const x1 = eastStations ? width - 3 - buffer : width - 4;
  const y0 = side === 'both' ? 3 : 2;
  const y1 = side === 'both' ? height - 4 : height - 3;
  const areaW = x1 - x0 + 1;
  const areaH = y1 - y0 + 1;
  if (areaW < blockWidth || areaH < blockDepth) {
    throw new Error(
      `a ${width}x${height} floor is too small: with buffer ${buffer} and stationSide '${side}' the storage area is ` +
        `${Math.max(areaW, 0)}x${Math.max(areaH, 0)} cells, which cannot hold one ${blockWidth}x${blockDepth} block`,
    );
  }

  // Fill from the station side so pods sit as close to the pickers as
  // possible; slack goes to the far side (or is centred when both sides pick).
  let colMask = tile(areaW, blockWidth, aisle);
  if (side === 'east') colMask = colMask.reverse();
  else if (side === 'both') colMask = centre(colMask);
  const rowMask = centre(tile(areaH, blockDepth, aisle));

  const grid: string[][] = [];
  for (let r = 0; r < height; r++) {
    const row = new Array<string>(width).fill('.');
    row[0] = '@';
    row[width - 1] = '@';
    if (r === 0 || r === height - 1) row.fill('@');
    else if (r >= y0 && r <= y1 && rowMask[r - y0]) {
      for (let c = x0; c <= x1; c++) if (colMask[c - x0]) row[c] = 'R';
    }
    grid.push(row);
  }

  // Stations. Spread over the whole inner height: the buffer is open floor
  // everywhere, so any row is reachable, and even spacing spreads the queues.
  const westCount = side === 'both' ? Math.ceil(p.stations / 2) : side === 'west' ? p.stations : 0;
  const eastCount = p.stations - westCount;
  const innerH = height - 2;
  for (const [count, col, label] of [
    [westCount, 1, 'west'],
    [eastCount, width - 2, 'east'],
  ] as const) {
    if (count === 0) continue;
    const at = spread(count, innerH, STATION_SPACING, `${count} stations on the ${label} wall`, `height ${height}`);
    for (const i of at) grid[1 + i][col] = 'P';
  }

  // Chargers, on the side(s) no station uses, far from the pick queues.
  if (p.chargers > 0) {
    if (side === 'both') {
      // Top and bottom rows, over the storage columns only: well clear of the
      // station buffers, and the perimeter aisle at row 2 / height-3 keeps
      // them reachable.
      const top = Math.ceil(p.chargers / 2);
      const bottom = p.chargers - top;
      for (const [count, r, label] of [
        [top, 1, 'top'],
        [bottom, height - 2, 'bottom'],
      ] as const) {
        if (count === 0) continue;
        const at = spread(count, areaW, CHARGER_SPACING, `${count} chargers on the ${label} edge`, `width ${width}`);
        for (const i of at) grid[r][x0 + i] = 'C';
      }
    } else {
      const col = side === 'west' ? width - 2 : 1;
      const at = spread(p.chargers, innerH, CHARGER_SPACING, `${p.chargers} chargers`, `height ${height}`);
      for (const i of at) grid[1 + i][col] = 'C';
    }
  }

  return grid.map((row) => row.join(''));
}

function requireInt(name: string, value: number, min: number): void {
  if (!Number.isInteger(value) || value < min) {
    throw new Error(`${name} must be an integer >= ${min}; got ${String(value)}`);
  }
}

/**
 * Storage mask along one axis: full blocks separated by `gap` cells, from
 * index 0. The remainder becomes a trailing partial block if it is at least
 * half a block (it still touches an aisle on every side, so it is safe);
 * otherwise it stays open floor.
 */
function tile(len: number, size: number, gap: number): boolean[] {
  const mask = new Array<boolean>(len).fill(false);
  let i = 0;
  while (i < len) {
    const room = len - i;
    if (room < size && room < Math.ceil(size / 2)) break;
    const n = Math.min(size, room);
    for (let k = 0; k < n; k++) mask[i + k] = true;
    i += n + gap;
  }
  return mask;
}

/** Shifts a mask built from index 0 so its unused tail is split evenly between both ends. */
function centre(mask: boolean[]): boolean[] {
  let last = mask.length - 1;
  while (last >= 0 && !mask[last]) last--;
  const shift = Math.floor((mask.length - 1 - last) / 2);
  if (shift === 0) return mask;
  const out = new Array<boolean>(mask.length).fill(false);
  for (let i = 0; i <= last; i++) out[i + shift] = mask[i];
  return out;
}

/**
 * Offsets `0 .. len-1` of `count` items spread evenly (each at the middle of
 * its equal share), throwing if neighbours would be closer than `spacing`.
 */
function spread(count: number, len: number, spacing: number, what: string, limit: string): number[] {
  const at: number[] = [];
  for (let i = 0; i < count; i++) at.push(Math.floor(((2 * i + 1) * len) / (2 * count)));
  for (let i = 1; i < count; i++) {
    if (at[i] - at[i - 1] < spacing) {
      throw new Error(
        `${what} do not fit along ${limit}: each needs ${spacing} cells of edge, ` +
          `so at most ${Math.floor(len / spacing)} fit`,
      );
    }
  }
  return at;
}
