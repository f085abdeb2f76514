import { describe, expect, it } from 'vitest';
import { chargersArePassages } from '../../src/layout/charger-passage.js';
import { computeField, UNREACHABLE } from '../../src/layout/distance.js';
import { generateWarehouse } from '../../src/layout/generate.js';
import { gridFromRows } from '../../src/layout/grid.js';

const at = (width: number, row: number, col: number) => row * width + col;

describe('chargers are not thoroughfares', () => {
  // Row 1 is a lane of chargers with floor between; row 2 runs beside it.
  const rows = ['@@@@@@@@', '@.C.C.C@', '@......@', '@P.....@', '@@@@@@@@'];
  const grid = gridFromRows(rows);
  const w = grid.width;

  it('routes round chargers it is not heading for', () => {
    expect(chargersArePassages(grid)).toBe(false);
    const f = computeField(grid, at(w, 1, 1), false);
    // Along row 1 it would be 4 moves through two chargers; round them by row 2 it is 6.
    expect(f[at(w, 1, 5)]).toBe(6);
    // A robot standing on a charger still has its way out (and on).
    expect(f[at(w, 1, 4)]).toBe(5);
    expect(f[at(w, 1, 2)]).toBe(1);
    // Loaded or empty, the same.
    expect(computeField(grid, at(w, 1, 1), true)[at(w, 1, 5)]).toBe(6);
  });

  it('still leads to a charger that is the goal', () => {
    const f = computeField(grid, at(w, 1, 4), false);
    expect(f[at(w, 1, 4)]).toBe(0);
    expect(f[at(w, 1, 3)]).toBe(1);
    expect(f[at(w, 3, 1)]).toBe(5);
    // Not through the charger at column 2 (3 moves): down, across row 2 and up.
    expect(f[at(w, 1, 1)]).toBe(5);
  });

  it('keeps chargers passable where one is the only way through', () => {
    const only = gridFromRows(['@@@@@@', '@P.C.@', '@@@@@@']);
    expect(chargersArePassages(only)).toBe(true);
    const f = computeField(only, at(only.width, 1, 4), false);
    expect(f[at(only.width, 1, 1)]).toBe(3);
    expect(f[at(only.width, 1, 1)]).not.toBe(UNREACHABLE);
  });

  it('keeps them passable when a loaded robot would otherwise be cut off from a station', () => {
    // Empty robots can go round under the pods of row 2; loaded ones only through the charger.
    const loadedOnly = gridFromRows(['@@@@@@@', '@P.C.R@', '@@RRR.@', '@@@@@@@']);
    expect(chargersArePassages(loadedOnly)).toBe(true);
    expect(computeField(loadedOnly, at(loadedOnly.width, 1, 1), true)[at(loadedOnly.width, 1, 4)]).toBe(3);
  });

  it('the generated warehouse needs no charger passage', () => {
    const g = gridFromRows(generateWarehouse({ width: 60, height: 30, stations: 4, chargers: 6 }));
    expect(g.chargers.length).toBe(6);
    expect(chargersArePassages(g)).toBe(false);
  });
});
