/**
 * The floor as a grid of cells, linearised as `cell = row * width + col`
 * (the same numbering the trace file and LoRR use).
 */

/** Cell kinds, stored one byte per cell. */
export const enum CellKind {
  Floor = 0,
  Wall = 1,
  Storage = 2,
  Station = 3,
  Charger = 4,
  /** Static shelving picked by people ('#'): blocks robots and people alike. */
  Shelf = 5,
  /** Walkway of a person-to-goods zone ('m'): people walk here, robots are fenced out. */
  Manual = 6,
  /** Footprint of conveyors and sorters ('='): blocks robots and people. */
  Equipment = 7,
  /** AGV guide lane ('+'): only path-guided vehicles drive here. */
  Guide = 8,
  /** Put station ('U'): a person stows received units into the pods robots bring (finite stock's put-away). */
  PutStation = 9,
}

/** Cell kinds the free-navigating robots may drive on (floor, storage, stations, chargers, put stations). */
export function robotWalkable(k: number): boolean {
  return (k !== CellKind.Wall && k < CellKind.Shelf) || k === CellKind.PutStation;
}

/** Cell kinds people walk on: robot floor and manual walkways. */
export function personWalkable(k: number): boolean {
  return k === CellKind.Floor || k === CellKind.Manual || k === CellKind.Station;
}

/** Headings / move directions: index into DR/DC. East first, clockwise, as LoRR orients (0=E,1=S,2=W,3=N). */
export const DR = [0, 1, 0, -1] as const;
export const DC = [1, 0, -1, 0] as const;

export interface Grid {
  readonly width: number;
  readonly height: number;
  /** CellKind per cell. */
  readonly kind: Uint8Array;
  /** Neighbour cell per (cell*4 + dir) for robots, or -1 where the edge leaves the map or meets a cell robots may not enter. */
  readonly nbr: Int32Array;
  readonly storage: Int32Array;
  readonly stations: Int32Array;
  readonly chargers: Int32Array;
  /** Put stations ('U'), in row-major order. */
  readonly putStations: Int32Array;
  /** Cells robots may drive on, in row-major order. */
  readonly free: Int32Array;
  /** The source rows, kept for traces and viewers. */
  readonly rows: readonly string[];
}

const LEGEND: Record<string, CellKind> = {
  '.': CellKind.Floor,
  G: CellKind.Floor,
  S: CellKind.Floor,
  E: CellKind.Floor,
  '@': CellKind.Wall,
  T: CellKind.Wall,
  O: CellKind.Wall,
  W: CellKind.Wall,
  R: CellKind.Storage,
  P: CellKind.Station,
  C: CellKind.Charger,
  '#': CellKind.Shelf,
  m: CellKind.Manual,
  '=': CellKind.Equipment,
  '+': CellKind.Guide,
  U: CellKind.PutStation,
};

/** Characters a layout row may contain (MovingAI's plus R, P, C, and # m = + U for shelves, walkways, equipment, guide lanes, put stations). */
export const LEGEND_CHARS = Object.keys(LEGEND).join('');

/** A layout problem with the row/column it concerns, so loaders can point into the file. */
export class LayoutError extends Error {
  constructor(
    message: string,
    readonly row?: number,
  ) {
    super(message);
  }
}

/** Builds a grid from rows of legend characters. Throws LayoutError on unknown characters or ragged rows. */
export function gridFromRows(rows: readonly string[]): Grid {
  const height = rows.length;
  if (height === 0) throw new LayoutError('the layout has no rows');
  const width = rows[0].length;
  if (width === 0) throw new LayoutError('the layout rows are empty', 0);
  const n = width * height;
  const kind = new Uint8Array(n);
  for (let r = 0; r < height; r++) {
    const row = rows[r];
    if (row.length !== width) {
      throw new LayoutError(`row ${r} has ${row.length} characters; expected ${width} like row 0`, r);
    }
    for (let c = 0; c < width; c++) {
      const k = LEGEND[row[c]];
      if (k === undefined) {
        throw new LayoutError(
          `unknown character '${row[c]}' at row ${r}, column ${c}; expected one of ${LEGEND_CHARS}`,
          r,
        );
      }
      kind[r * width + c] = k;
    }
  }
  const nbr = new Int32Array(n * 4).fill(-1);
  const storage: number[] = [];
  const stations: number[] = [];
  const chargers: number[] = [];
  const putStations: number[] = [];
  const free: number[] = [];
  for (let cell = 0; cell < n; cell++) {
    const k = kind[cell];
    if (!robotWalkable(k)) continue;
    free.push(cell);
    if (k === CellKind.Storage) storage.push(cell);
    else if (k === CellKind.Station) stations.push(cell);
    else if (k === CellKind.Charger) chargers.push(cell);
    else if (k === CellKind.PutStation) putStations.push(cell);
    const r = (cell / width) | 0;
    const c = cell - r * width;
    for (let d = 0; d < 4; d++) {
      const rr = r + DR[d];
      const cc = c + DC[d];
      if (rr < 0 || rr >= height || cc < 0 || cc >= width) continue;
      const other = rr * width + cc;
      if (robotWalkable(kind[other])) nbr[cell * 4 + d] = other;
    }
  }
  return {
    width,
    height,
    kind,
    nbr,
    storage: Int32Array.from(storage),
    stations: Int32Array.from(stations),
    chargers: Int32Array.from(chargers),
    putStations: Int32Array.from(putStations),
    free: Int32Array.from(free),
    rows: [...rows],
  };
}

/**
 * Parses a MovingAI map file (`type octile`, `height H`, `width W`, `map`, rows).
 * Plain benchmark maps (only `.`, `@`, `T`) load as open floor with walls.
 */
export function parseMovingAiMap(text: string): string[] {
  const lines = text.split(/\r?\n/);
  let height = -1;
  let width = -1;
  let i = 0;
  for (; i < lines.length; i++) {
    const line = lines[i].trim();
    if (line === '') continue;
    const [key, value] = line.split(/\s+/);
    if (key === 'type') continue;
    if (key === 'height') height = Number(value);
    else if (key === 'width') width = Number(value);
    else if (key === 'map') {
      i++;
      break;
    } else throw new LayoutError(`unexpected header line ${i + 1}: '${line}'; expected type/height/width/map`);
  }
  if (!(height > 0) || !(width > 0) || !Number.isInteger(height) || !Number.isInteger(width)) {
    throw new LayoutError('the map header must give a positive integer height and width before the "map" line');
  }
  const rows: string[] = [];
  for (; i < lines.length && rows.length < height; i++) {
    const line = lines[i].replace(/\s+$/, '');
    if (line === '') continue; // blank lines (a trailing newline, say) are not rows
    rows.push(line);
  }
  if (rows.length !== height) {
    throw new LayoutError(`the map header says height ${height} but ${rows.length} rows follow`);
  }
  for (let r = 0; r < rows.length; r++) {
    if (rows[r].length !== width) {
      throw new LayoutError(`map row ${r} has ${rows[r].length} characters; the header says width ${width}`, r);
    }
  }
  return rows;
}

/** Row and column of a cell. */
export function cellRowCol(grid: Grid, cell: number): [number, number] {
  const r = Math.floor(cell / grid.width);
  return [r, cell - r * grid.width];
}

/** Manhattan distance between two cells. */
export function manhattan(width: number, a: number, b: number): number {
  const ar = (a / width) | 0;
  const br = (b / width) | 0;
  return Math.abs(ar - br) + Math.abs(a - ar * width - (b - br * width));
}

/** Direction (0=E, 1=S, 2=W, 3=N) of a move between 4-adjacent cells. */
export function moveDir(width: number, from: number, to: number): number {
  const delta = to - from;
  if (delta === 1) return 0;
  if (delta === width) return 1;
  if (delta === -1) return 2;
  return 3;
}
