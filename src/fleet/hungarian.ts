/**
 * Rectangular min-cost assignment (Hungarian / Kuhn-Munkres), in the
 * shortest-augmenting-path form with row and column potentials: O(n^2 m)
 * for an n x m problem with n <= m.
 *
 * Used by fleet dispatch, which re-solves every tick, so all scratch space
 * lives on a reusable {@link AssignmentSolver} instead of being allocated per
 * call.
 */

/**
 * Reusable workspace for min-cost assignment. Repeated solves allocate
 * nothing once the buffers have grown to the largest problem seen.
 */
export class AssignmentSolver {
  // The algorithm indexes rows 1..n and columns 1..m, using slot 0 of the
  // column arrays as a virtual column that holds the row being inserted.
  // That is why the arrays below are one longer than the problem.
  private u: Float64Array;
  private v: Float64Array;
  private p: Int32Array;
  private way: Int32Array;
  private minv: Float64Array;
  private used: Uint8Array;
  /** Internal cost matrix: oriented so that rows <= cols, forbidden entries replaced by a finite penalty. */
  private work: Float64Array;

  /**
   * @param maxRows - expected largest row count; a hint for pre-sizing only.
   * @param maxCols - expected largest column count; a hint for pre-sizing only.
   * Larger problems are still accepted: buffers grow on demand.
   */
  constructor(maxRows = 0, maxCols = 0) {
    const r = checkDim(maxRows, 'maxRows');
    const c = checkDim(maxCols, 'maxCols');
    // Internally the shorter side is always the row side, so size for that.
    const n = Math.min(r, c);
    const m = Math.max(r, c);
    this.u = new Float64Array(n + 1);
    this.v = new Float64Array(m + 1);
    this.p = new Int32Array(m + 1);
    this.way = new Int32Array(m + 1);
    this.minv = new Float64Array(m + 1);
    this.used = new Uint8Array(m + 1);
    this.work = new Float64Array(n * m);
  }

  /**
   * Solves the min-cost assignment problem for a `rows` x `cols` matrix.
   *
   * Either shape is accepted. When `rows > cols` only `cols` rows can be
   * assigned; the rest get -1.
   *
   * The assignment first maximises the number of assigned (non-forbidden)
   * pairs, which is `min(rows, cols)` when nothing is forbidden, and then
   * minimises the total cost among such assignments. The result is fully
   * deterministic: the same input always yields the same `rowToCol`. When
   * several optima exist, the search prefers the lowest column index at each
   * step, but the returned optimum is not guaranteed to be lexicographically
   * smallest.
   *
   * @param cost - row-major costs, `cost[r * cols + c]`, length at least
   *   `rows * cols`. `Infinity` (or `NaN`) marks a forbidden pair. Negative
   *   costs are allowed; `-Infinity` is rejected.
   * @param rows - number of rows (non-negative integer).
   * @param cols - number of columns (non-negative integer).
   * @param rowToCol - output, length at least `rows`: the column assigned to
   *   each row, or -1 if the row is unassigned. Entries past `rows` are left
   *   untouched.
   * @returns the sum of `cost` over the assigned pairs (0 if none).
   * @throws RangeError on bad dimensions, short buffers, `-Infinity` costs,
   *   or finite costs so large that no safe forbidden-entry penalty exists.
   */
  solve(cost: Float64Array, rows: number, cols: number, rowToCol: Int32Array): number {
    checkDim(rows, 'rows');
    checkDim(cols, 'cols');
    if (cost.length < rows * cols) {
      throw new RangeError(`cost has ${cost.length} entries, need ${rows * cols}`);
    }
    if (rowToCol.length < rows) {
      throw new RangeError(`rowToCol has length ${rowToCol.length}, need ${rows}`);
    }
    rowToCol.fill(-1, 0, rows);
    if (rows === 0 || cols === 0) return 0;

    // The potential-based search needs n <= m so every inserted row can
    // always reach a free column; flip the problem when it is the other way.
    const transposed = rows > cols;
    const n = transposed ? cols : rows;
    const m = transposed ? rows : cols;
    this.ensure(n, m);

    const penalty = forbiddenPenalty(cost, rows * cols);
    const work = this.work;
    // Copy into our orientation so the hot loop reads one contiguous row.
    if (transposed) {
      for (let i = 0; i < n; i++) {
        const base = i * m;
        for (let j = 0; j < m; j++) {
          const c = cost[j * cols + i];
          work[base + j] = c < Infinity ? c : penalty;
        }
      }
    } else {
      const len = n * m;
      for (let k = 0; k < len; k++) {
        const c = cost[k];
        work[k] = c < Infinity ? c : penalty;
      }
    }

    this.run(n, m);

    // Read the matching back, dropping pairs that only exist because the
    // penalty made the internal problem complete.
    const p = this.p;
    let total = 0;
    for (let j = 1; j <= m; j++) {
      const i = p[j];
      if (i === 0) continue;
      const r = transposed ? j - 1 : i - 1;
      const c = transposed ? i - 1 : j - 1;
      const x = cost[r * cols + c];
      if (!(x < Infinity)) continue;
      rowToCol[r] = c;
      total += x;
    }
    return total;
  }

  /** Core e-maxx style loop over `this.work` (n x m, n <= m, 0-based storage, 1-based indices). */
  private run(n: number, m: number): void {
    const { u, v, p, way, minv, used, work } = this;
    u.fill(0, 0, n + 1);
    v.fill(0, 0, m + 1);
    p.fill(0, 0, m + 1);
    way.fill(0, 0, m + 1);

    for (let i = 1; i <= n; i++) {
      // Row i enters through the virtual column 0; we then grow a
      // Dijkstra-like tree over columns on reduced costs until we reach a
      // free column, adjusting potentials so reduced costs stay >= 0.
      p[0] = i;
      let j0 = 0;
      minv.fill(Infinity, 0, m + 1);
      used.fill(0, 0, m + 1);
      do {
        used[j0] = 1;
        const i0 = p[j0];
        const rowBase = (i0 - 1) * m - 1; // so rowBase + j addresses column j (1-based)
        const ui0 = u[i0];
        let delta = Infinity;
        let j1 = 0;
        for (let j = 1; j <= m; j++) {
          if (used[j]) continue;
          const cur = work[rowBase + j] - ui0 - v[j];
          if (cur < minv[j]) {
            minv[j] = cur;
            way[j] = j0;
          }
          // Strict < keeps the lowest column among equals: our tie rule.
          if (minv[j] < delta) {
            delta = minv[j];
            j1 = j;
          }
        }
        for (let j = 0; j <= m; j++) {
          if (used[j]) {
            u[p[j]] += delta;
            v[j] -= delta;
          } else {
            minv[j] -= delta;
          }
        }
        j0 = j1;
      } while (p[j0] !== 0);

      // Flip the alternating path back to the virtual column.
      do {
        const j1 = way[j0];
        p[j0] = p[j1];
        j0 = j1;
      } while (j0 !== 0);
    }
  }

  /** Grows buffers (never shrinks) so an n x m internal problem fits. */
  private ensure(n: number, m: number): void {
    if (this.u.length < n + 1) this.u = new Float64Array(n + 1);
    if (this.v.length < m + 1) {
      this.v = new Float64Array(m + 1);
      this.p = new Int32Array(m + 1);
      this.way = new Int32Array(m + 1);
      this.minv = new Float64Array(m + 1);
      this.used = new Uint8Array(m + 1);
    }
    if (this.work.length < n * m) this.work = new Float64Array(n * m);
  }
}

function checkDim(x: number, name: string): number {
  if (!Number.isInteger(x) || x < 0) {
    throw new RangeError(`${name} must be a non-negative integer, got ${x}`);
  }
  return x;
}

/**
 * A finite stand-in for forbidden entries that is large enough that using
 * one more forbidden pair always costs more than any possible difference in
 * the finite part. Any two assignments' finite sums differ by at most the
 * sum of |cost| over finite entries, so one more than that suffices. This is
 * what makes "maximise the number of real pairs, then minimise cost" fall
 * out of a plain min-cost solve.
 */
function forbiddenPenalty(cost: Float64Array, len: number): number {
  let sumAbs = 0;
  let anyForbidden = false;
  for (let k = 0; k < len; k++) {
    const c = cost[k];
    if (c === -Infinity) throw new RangeError(`cost[${k}] is -Infinity`);
    if (c < Infinity) sumAbs += Math.abs(c);
    else anyForbidden = true;
  }
  const penalty = sumAbs + 1;
  // The +1 must survive rounding, or the penalty could tie with real costs;
  // only matters if the penalty will actually be used.
  if (anyForbidden && (!Number.isFinite(penalty) || penalty === sumAbs)) {
    throw new RangeError('finite costs are too large to separate from forbidden entries');
  }
  return penalty;
}
