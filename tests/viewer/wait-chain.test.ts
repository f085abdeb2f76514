import { describe, expect, it } from 'vitest';
import { occupancy, waitChain } from '../../src/viewer/view/wait-chain.js';

// A 1x6 corridor and a 2x2 square, cells numbered row-major on a 6-wide floor.
describe('wait-for chains from the paths', () => {
  it('follows a corridor queue to the agent whose next cell is free', () => {
    // agents 0,1,2 at cells 0,1,2 all heading east; 2 moves into 3 (free).
    const cell = Int32Array.from([0, 1, 2]);
    const next = Int32Array.from([1, 2, 3]);
    const occ = occupancy(cell, 3, new Int32Array(12));
    expect(waitChain(cell, next, occ, 0)).toEqual({ agents: [0, 1, 2], cycle: false });
    expect(waitChain(cell, next, occ, 2)).toEqual({ agents: [2], cycle: false });
  });

  it('closes a four-agent cycle', () => {
    // 0 at 0 -> 1, 1 at 1 -> 7, 2 at 7 -> 6, 3 at 6 -> 0
    const cell = Int32Array.from([0, 1, 7, 6]);
    const next = Int32Array.from([1, 7, 6, 0]);
    const occ = occupancy(cell, 4, new Int32Array(12));
    expect(waitChain(cell, next, occ, 2)).toEqual({ agents: [2, 3, 0, 1, 2], cycle: true });
  });

  it('an agent that never moves again, or turns toward a free cell, waits for nobody', () => {
    const cell = Int32Array.from([4, 5]);
    const next = Int32Array.from([4, 11]);
    const occ = occupancy(cell, 2, new Int32Array(12));
    expect(waitChain(cell, next, occ, 0).agents).toEqual([0]);
    expect(waitChain(cell, next, occ, 1).agents).toEqual([1]);
  });
});
