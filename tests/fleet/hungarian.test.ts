import { describe, it, expect } from 'vitest';
import { AssignmentSolver } from '../../src/fleet/hungarian.js';

const INF = Infinity;

function matrix(rowsOfCosts: number[][]): { cost: Float64Array; rows: number; cols: number } {
  const rows = rowsOfCosts.length;
  const cols = rows === 0 ? 0 : rowsOfCosts[0].length;
  return { cost: Float64Array.from(rowsOfCosts.flat()), rows, cols };
}

function solveMatrix(
  rowsOfCosts: number[][],
  solver = new AssignmentSolver(),
): { total: number; rowToCol: number[] } {
  const { cost, rows, cols } = matrix(rowsOfCosts);
  const out = new Int32Array(rows);
  const total = solver.solve(cost, rows, cols, out);
  return { total, rowToCol: Array.from(out) };
}

/** Fixed-seed LCG (Numerical Recipes constants) so failures reproduce exactly. */
function lcg(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (Math.imul(s, 1664525) + 1013904223) >>> 0;
    return s / 0x100000000;
  };
}

/**
 * Exhaustive reference over all partial injective assignments that use only
 * finite entries: best = most pairs, then least cost.
 */
function bruteForce(cost: Float64Array, rows: number, cols: number): { pairs: number; total: number } {
  const usedCol = new Array<boolean>(cols).fill(false);
  let bestPairs = -1;
  let bestTotal = Infinity;
  const rec = (r: number, pairs: number, total: number): void => {
    if (r === rows) {
      if (pairs > bestPairs || (pairs === bestPairs && total < bestTotal)) {
        bestPairs = pairs;
        bestTotal = total;
      }
      return;
    }
    rec(r + 1, pairs, total); // leave row r unassigned
    for (let c = 0; c < cols; c++) {
      const x = cost[r * cols + c];
      if (usedCol[c] || x === Infinity) continue;
      usedCol[c] = true;
      rec(r + 1, pairs + 1, total + x);
      usedCol[c] = false;
    }
  };
  rec(0, 0, 0);
  return { pairs: bestPairs, total: bestTotal };
}

/** Checks rowToCol is injective, uses only finite entries, and sums to total. */
function expectValid(cost: Float64Array, rows: number, cols: number, rowToCol: Int32Array, total: number): number {
  const seen = new Set<number>();
  let sum = 0;
  let pairs = 0;
  for (let r = 0; r < rows; r++) {
    const c = rowToCol[r];
    if (c === -1) continue;
    expect(c).toBeGreaterThanOrEqual(0);
    expect(c).toBeLessThan(cols);
    expect(seen.has(c)).toBe(false);
    seen.add(c);
    const x = cost[r * cols + c];
    expect(x).not.toBe(Infinity);
    sum += x;
    pairs++;
  }
  expect(total).toBeCloseTo(sum, 9);
  return pairs;
}

describe('AssignmentSolver', () => {
  it('solves a hand-worked 3x3 case', () => {
    // Permutation totals: 012:6 021:11 102:5 120:9 201:7 210:6, so 1,0,2 is the unique optimum.
    const { total, rowToCol } = solveMatrix([
      [4, 1, 3],
      [2, 0, 5],
      [3, 2, 2],
    ]);
    expect(total).toBe(5);
    expect(rowToCol).toEqual([1, 0, 2]);
  });

  it('solves a wide 2x4 case', () => {
    const { total, rowToCol } = solveMatrix([
      [9, 2, 7, 8],
      [6, 4, 3, 7],
    ]);
    expect(total).toBe(5);
    expect(rowToCol).toEqual([1, 2]);
  });

  it('solves a tall 4x2 case, leaving surplus rows unassigned', () => {
    const { total, rowToCol } = solveMatrix([
      [9, 6],
      [2, 4],
      [7, 3],
      [8, 7],
    ]);
    expect(total).toBe(5);
    expect(rowToCol).toEqual([-1, 0, 1, -1]);
  });

  it('handles empty problems', () => {
    const s = new AssignmentSolver();
    const out = new Int32Array([7, 7, 7]);
    expect(s.solve(new Float64Array(0), 3, 0, out)).toBe(0);
    expect(Array.from(out)).toEqual([-1, -1, -1]);
    expect(s.solve(new Float64Array(0), 0, 5, new Int32Array(0))).toBe(0);
  });

  it('handles negative and fractional costs', () => {
    const { total, rowToCol } = solveMatrix([
      [-1.5, 0.25],
      [0.5, -2.75],
    ]);
    expect(total).toBeCloseTo(-4.25, 12);
    expect(rowToCol).toEqual([0, 1]);
  });

  describe('forbidden (Infinity) entries', () => {
    it('avoids a forbidden pair even when it would otherwise be optimal', () => {
      // Without the Infinity, 0->0 + 1->1 would cost 0 + 0; the finite optimum is 0->1, 1->0.
      const { total, rowToCol } = solveMatrix([
        [0, 5],
        [3, INF],
      ]);
      expect(total).toBe(8);
      expect(rowToCol).toEqual([1, 0]);
    });

    it('prefers more assigned pairs over a cheaper but smaller assignment', () => {
      // Taking 0->0 (cost 1) alone would strand row 1; both rows can be served for 101.
      const { total, rowToCol } = solveMatrix([
        [1, 100],
        [1, INF],
      ]);
      expect(total).toBe(101);
      expect(rowToCol).toEqual([1, 0]);
    });

    it('leaves a fully forbidden row unassigned', () => {
      const { total, rowToCol } = solveMatrix([
        [2, 9, 4],
        [INF, INF, INF],
        [3, 1, 8],
      ]);
      expect(rowToCol).toEqual([0, -1, 1]);
      expect(total).toBe(3);
    });

    it('leaves a row unassigned when its only options are taken (tall, transposed path)', () => {
      const { total, rowToCol } = solveMatrix([
        [5, INF],
        [INF, INF],
        [1, INF],
        [INF, 2],
      ]);
      expect(rowToCol).toEqual([-1, -1, 0, 1]);
      expect(total).toBe(3);
    });

    it('returns all -1 and 0 when everything is forbidden', () => {
      const { total, rowToCol } = solveMatrix([
        [INF, INF],
        [INF, INF],
        [INF, INF],
      ]);
      expect(rowToCol).toEqual([-1, -1, -1]);
      expect(total).toBe(0);
    });
  });

  it('matches brute force on 200 random matrices up to 6x6', () => {
    const rand = lcg(12345);
    const solver = new AssignmentSolver();
    let sawWide = false;
    let sawTall = false;
    let sawForbidden = false;
    for (let t = 0; t < 200; t++) {
      const rows = 1 + Math.floor(rand() * 6);
      const cols = 1 + Math.floor(rand() * 6);
      // A third of the cases sprinkle in forbidden entries; integer costs keep sums exact.
      const forbidRate = t % 3 === 0 ? 0.3 : 0;
      const cost = new Float64Array(rows * cols);
      for (let k = 0; k < cost.length; k++) {
        cost[k] = rand() < forbidRate ? INF : Math.floor(rand() * 100) - 20;
      }
      sawWide ||= rows < cols;
      sawTall ||= rows > cols;
      sawForbidden ||= cost.includes(INF);

      const out = new Int32Array(rows);
      const total = solver.solve(cost, rows, cols, out);
      const pairs = expectValid(cost, rows, cols, out, total);
      const ref = bruteForce(cost, rows, cols);
      expect(pairs, `case ${t} (${rows}x${cols}) pair count`).toBe(ref.pairs);
      expect(total, `case ${t} (${rows}x${cols}) total`).toBe(ref.pairs === 0 ? 0 : ref.total);
    }
    expect(sawWide && sawTall && sawForbidden).toBe(true);
  });

  it('is deterministic: the same matrix gives the same assignment', () => {
    // Lots of ties so that any nondeterminism in tie-breaking would show up.
    const rand = lcg(7);
    const rows = 9;
    const cols = 11;
    const cost = new Float64Array(rows * cols);
    for (let k = 0; k < cost.length; k++) cost[k] = Math.floor(rand() * 3);

    const a = new Int32Array(rows);
    const b = new Int32Array(rows);
    const c = new Int32Array(rows);
    const shared = new AssignmentSolver();
    const ta = shared.solve(cost, rows, cols, a);
    const tb = shared.solve(cost, rows, cols, b);
    const tc = new AssignmentSolver().solve(cost, rows, cols, c);
    expect(Array.from(b)).toEqual(Array.from(a));
    expect(Array.from(c)).toEqual(Array.from(a));
    expect(tb).toBe(ta);
    expect(tc).toBe(ta);
  });

  it('stays correct when one instance solves a big problem then small ones', () => {
    const solver = new AssignmentSolver(4, 4); // deliberately undersized: must grow
    const rows = 120;
    const cols = 150;
    const rand = lcg(2024);

    // Plant a zero-cost injective assignment among costs >= 1: it is then the
    // unique optimum, so the big solve has a known answer.
    const perm = Array.from({ length: cols }, (_, i) => i);
    for (let i = cols - 1; i > 0; i--) {
      const j = Math.floor(rand() * (i + 1));
      [perm[i], perm[j]] = [perm[j], perm[i]];
    }
    const cost = new Float64Array(rows * cols);
    for (let k = 0; k < cost.length; k++) cost[k] = 1 + Math.floor(rand() * 1000);
    for (let r = 0; r < rows; r++) cost[r * cols + perm[r]] = 0;

    const big = new Int32Array(rows);
    expect(solver.solve(cost, rows, cols, big)).toBe(0);
    expect(Array.from(big)).toEqual(perm.slice(0, rows));

    // Same problem transposed exercises the tall path at full size.
    const costT = new Float64Array(rows * cols);
    for (let r = 0; r < rows; r++) for (let c = 0; c < cols; c++) costT[c * rows + r] = cost[r * cols + c];
    const bigT = new Int32Array(cols);
    expect(solver.solve(costT, cols, rows, bigT)).toBe(0);
    for (let r = 0; r < rows; r++) expect(bigT[perm[r]]).toBe(r);
    expect(Array.from(bigT).filter((x) => x === -1).length).toBe(cols - rows);

    // Small problems afterwards must not see stale state from the big ones.
    expect(solveMatrix([[4, 1, 3], [2, 0, 5], [3, 2, 2]], solver)).toEqual({ total: 5, rowToCol: [1, 0, 2] });
    expect(solveMatrix([[9, 6], [2, 4], [7, 3], [8, 7]], solver)).toEqual({ total: 5, rowToCol: [-1, 0, 1, -1] });
    expect(solveMatrix([[INF, INF], [3, 1]], solver)).toEqual({ total: 1, rowToCol: [-1, 1] });

    // And a random big problem agrees with a fresh instance.
    for (let k = 0; k < cost.length; k++) cost[k] = Math.floor(rand() * 1000);
    const reused = new Int32Array(rows);
    const fresh = new Int32Array(rows);
    const tReused = solver.solve(cost, rows, cols, reused);
    const tFresh = new AssignmentSolver().solve(cost, rows, cols, fresh);
    expect(tReused).toBe(tFresh);
    expect(Array.from(reused)).toEqual(Array.from(fresh));
    expect(expectValid(cost, rows, cols, reused, tReused)).toBe(rows);
  });

  it('rejects malformed input', () => {
    const s = new AssignmentSolver();
    expect(() => s.solve(new Float64Array(3), 2, 2, new Int32Array(2))).toThrow(RangeError);
    expect(() => s.solve(new Float64Array(4), 2, 2, new Int32Array(1))).toThrow(RangeError);
    expect(() => s.solve(new Float64Array(4), -1, 2, new Int32Array(2))).toThrow(RangeError);
    expect(() => s.solve(new Float64Array([0, -INF, 1, 2]), 2, 2, new Int32Array(2))).toThrow(RangeError);
  });
});
