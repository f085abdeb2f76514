import { describe, it, expect } from 'vitest';
import { generateWarehouse, type WarehouseParams } from '../../src/layout/generate.js';
import { gridFromRows } from '../../src/layout/grid.js';

const D4: readonly (readonly [number, number])[] = [
  [0, 1],
  [1, 0],
  [0, -1],
  [-1, 0],
];

function count(rows: readonly string[], ch: string): number {
  let n = 0;
  for (const row of rows) for (const c of row) if (c === ch) n++;
  return n;
}

function cellsOf(rows: readonly string[], ch: string): [number, number][] {
  const out: [number, number][] = [];
  rows.forEach((row, r) => {
    for (let c = 0; c < row.length; c++) if (row[c] === ch) out.push([r, c]);
  });
  return out;
}

/**
 * Size of the 4-connected component containing the first `passable` cell, and
 * the total number of passable cells; equal means one component.
 */
function components(rows: readonly string[], passable: (ch: string) => boolean): { reached: Set<number>; total: number } {
  const h = rows.length;
  const w = rows[0].length;
  let total = 0;
  let start = -1;
  for (let r = 0; r < h; r++) {
    for (let c = 0; c < w; c++) {
      if (!passable(rows[r][c])) continue;
      total++;
      if (start < 0) start = r * w + c;
    }
  }
  const reached = new Set<number>();
  if (start < 0) return { reached, total };
  const queue = [start];
  reached.add(start);
  for (let i = 0; i < queue.length; i++) {
    const r = Math.floor(queue[i] / w);
    const c = queue[i] - r * w;
    for (const [dr, dc] of D4) {
      const rr = r + dr;
      const cc = c + dc;
      if (rr < 0 || rr >= h || cc < 0 || cc >= w) continue;
      const id = rr * w + cc;
      if (reached.has(id) || !passable(rows[rr][cc])) continue;
      reached.add(id);
      queue.push(id);
    }
  }
  return { reached, total };
}

const cases: { name: string; p: WarehouseParams }[] = [
  { name: '40x20 west', p: { width: 40, height: 20, stations: 2, chargers: 2 } },
  { name: '60x30 west', p: { width: 60, height: 30, stations: 4, chargers: 6 } },
  { name: '120x60 west', p: { width: 120, height: 60, stations: 8, chargers: 12 } },
  { name: '500x140 west', p: { width: 500, height: 140, stations: 20, chargers: 40 } },
  { name: '60x30 east', p: { width: 60, height: 30, stations: 4, chargers: 6, stationSide: 'east' } },
  { name: '120x60 both', p: { width: 120, height: 60, stations: 9, chargers: 11, stationSide: 'both' } },
  { name: '500x140 both', p: { width: 500, height: 140, stations: 20, chargers: 40, stationSide: 'both' } },
  { name: '40x20 both', p: { width: 40, height: 20, stations: 3, chargers: 4, stationSide: 'both' } },
  {
    name: '80x40 custom blocks',
    p: { width: 80, height: 40, stations: 3, chargers: 3, blockWidth: 2, blockDepth: 6, aisle: 2, buffer: 2 },
  },
];

describe('generateWarehouse', () => {
  for (const { name, p } of cases) {
    describe(name, () => {
      const rows = generateWarehouse(p);
      const side = p.stationSide ?? 'west';

      it('has the requested dimensions and only legend characters', () => {
        expect(rows).toHaveLength(p.height);
        for (const row of rows) {
          expect(row).toHaveLength(p.width);
          expect(row).toMatch(/^[.@RPC]+$/);
        }
      });

      it('is enclosed by a wall border', () => {
        expect(rows[0]).toBe('@'.repeat(p.width));
        expect(rows[p.height - 1]).toBe('@'.repeat(p.width));
        for (const row of rows) {
          expect(row[0]).toBe('@');
          expect(row[p.width - 1]).toBe('@');
        }
      });

      it('has exactly the requested stations and chargers, and some storage', () => {
        expect(count(rows, 'P')).toBe(p.stations);
        expect(count(rows, 'C')).toBe(p.chargers);
        expect(count(rows, 'R')).toBeGreaterThan(0);
        // No walls inside the border: the generator only makes an enclosure.
        expect(count(rows, '@')).toBe(2 * p.width + 2 * (p.height - 2));
      });

      it('puts stations on the station wall(s), with gaps and an open buffer', () => {
        const cols = side === 'west' ? [1] : side === 'east' ? [p.width - 2] : [1, p.width - 2];
        const buffer = p.buffer ?? 4;
        for (const [r, c] of cellsOf(rows, 'P')) {
          expect(cols).toContain(c);
          // Never stacked: no other station within two rows on the same wall.
          for (const dr of [-2, -1, 1, 2]) expect(rows[r + dr]?.[c]).not.toBe('P');
          // The buffer columns in front of the station are open floor for queueing.
          const inward = c === 1 ? 1 : -1;
          for (let k = 1; k <= buffer; k++) expect(rows[r][c + inward * k]).toBe('.');
        }
        if (side === 'both') {
          expect(cellsOf(rows, 'P').filter(([, c]) => c === 1)).toHaveLength(Math.ceil(p.stations / 2));
        }
      });

      it('keeps the station buffer free of storage', () => {
        const buffer = p.buffer ?? 4;
        const bufferCols: number[] = [];
        if (side !== 'east') for (let c = 1; c <= 1 + buffer; c++) bufferCols.push(c);
        if (side !== 'west') for (let c = p.width - 2 - buffer; c <= p.width - 2; c++) bufferCols.push(c);
        for (const row of rows) for (const c of bufferCols) expect(row[c]).not.toBe('R');
      });

      it('places chargers away from the stations, never adjacent to one another', () => {
        const chargers = cellsOf(rows, 'C');
        for (const [r, c] of chargers) {
          if (side === 'west') expect(c).toBe(p.width - 2);
          else if (side === 'east') expect(c).toBe(1);
          else expect([1, p.height - 2]).toContain(r);
          for (const [dr, dc] of D4) {
            expect(rows[r + dr][c + dc]).not.toBe('P');
            expect(rows[r + dr][c + dc]).not.toBe('C');
          }
        }
      });

      it('gives every R cell a non-R floor neighbour', () => {
        // Collected rather than asserted per cell: 500x140 has ~30k pods.
        const boxedIn = cellsOf(rows, 'R').filter(([r, c]) =>
          D4.every(([dr, dc]) => {
            const ch = rows[r + dr][c + dc];
            return ch === 'R' || ch === '@';
          }),
        );
        expect(boxedIn).toEqual([]);
      });

      it('forms a single connected component of non-wall cells', () => {
        const { reached, total } = components(rows, (ch) => ch !== '@');
        expect(reached.size).toBe(total);
      });

      it('lets a loaded robot (no R cells) reach every P and C from next to any R', () => {
        const { reached, total } = components(rows, (ch) => ch !== '@' && ch !== 'R');
        expect(reached.size).toBe(total);
        const w = p.width;
        for (const [r, c] of [...cellsOf(rows, 'P'), ...cellsOf(rows, 'C')]) expect(reached.has(r * w + c)).toBe(true);
      });

      it('loads with gridFromRows', () => {
        const grid = gridFromRows(rows);
        expect(grid.stations.length).toBe(p.stations);
        expect(grid.chargers.length).toBe(p.chargers);
        expect(grid.storage.length).toBe(count(rows, 'R'));
      });

      it('is deterministic', () => {
        expect(generateWarehouse({ ...p })).toEqual(rows);
      });
    });
  }

  it('mirrors west into east', () => {
    const west = generateWarehouse({ width: 60, height: 30, stations: 4, chargers: 6 });
    const east = generateWarehouse({ width: 60, height: 30, stations: 4, chargers: 6, stationSide: 'east' });
    expect(east).toEqual(west.map((row) => [...row].reverse().join('')));
  });

  it('ignores crossAisleEvery', () => {
    const p: WarehouseParams = { width: 60, height: 30, stations: 4, chargers: 6 };
    expect(generateWarehouse({ ...p, crossAisleEvery: 3 })).toEqual(generateWarehouse(p));
  });

  it('generates 500x140 quickly', () => {
    const p: WarehouseParams = { width: 500, height: 140, stations: 20, chargers: 40 };
    generateWarehouse(p);
    const t0 = performance.now();
    for (let i = 0; i < 5; i++) generateWarehouse(p);
    // Generous bound (real cost is a few ms) so a loaded CI box does not flake.
    expect((performance.now() - t0) / 5).toBeLessThan(50);
  });

  describe('rejects parameters that cannot fit', () => {
    const base: WarehouseParams = { width: 40, height: 20, stations: 2, chargers: 2 };
    const bad: [string, WarehouseParams, RegExp][] = [
      ['a tiny floor', { ...base, width: 10, height: 5 }, /too small/],
      ['no room for one block', { ...base, width: 15 }, /too small/],
      ['a huge buffer', { ...base, buffer: 40 }, /too small/],
      ['too many stations for the height', { ...base, stations: 10 }, /stations .*do not fit/],
      ['too many chargers for the height', { ...base, chargers: 12 }, /chargers .*do not fit/],
      ['too many chargers for the top/bottom edges', { ...base, stationSide: 'both', chargers: 40 }, /chargers .*do not fit/],
      ['blocks with interior pods', { ...base, blockDepth: 3, blockWidth: 3 }, /interior pods/],
      ['zero stations', { ...base, stations: 0 }, /stations must be an integer >= 1/],
      ['negative chargers', { ...base, chargers: -1 }, /chargers must be an integer >= 0/],
      ['fractional width', { ...base, width: 40.5 }, /width must be an integer/],
      ['zero aisle', { ...base, aisle: 0 }, /aisle must be an integer >= 1/],
      ['zero buffer', { ...base, buffer: 0 }, /buffer must be an integer >= 1/],
      ['an unknown side', { ...base, stationSide: 'north' as unknown as 'west' }, /stationSide/],
    ];
    for (const [what, p, msg] of bad) {
      it(what, () => {
        expect(() => generateWarehouse(p)).toThrow(Error);
        expect(() => generateWarehouse(p)).toThrow(msg);
      });
    }
  });
});
