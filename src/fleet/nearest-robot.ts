import type { World } from '../core/world.js';
import { UNREACHABLE, type LazyField } from '../layout/distance.js';

/**
 * The idle robot nearest a cell by an empty robot's travel, among a list of
 * candidates, for the assignment strategies (`nearest`, and `errands`'
 * matching). Candidates are tried in order of Manhattan distance, a lower
 * bound, so the distance search toward the target grows only as far as the
 * winner; after the first, only candidates whose bound beats its travel go on
 * a short list, so later tries scan that instead of every candidate. Ties go
 * to the candidate tried first: the lower bound, then the earlier in the list.
 * Scratch arrays grow with the list and are reused: nothing is allocated per
 * search.
 */
export class NearestRobotSearch {
  /** What the last `find` found: a position in the candidate list (-1: none can reach the target) and its travel. */
  found = -1;
  travel = Infinity;
  private bound = new Float64Array(0);
  private shortlist = new Int32Array(0);
  /** Row and column of each candidate's cell, worked out once per list (see `prepare`) rather than once per target. */
  private row = new Int32Array(0);
  private col = new Int32Array(0);

  /** Takes the candidates `robots[0..count)` (robot indices) for the searches that follow. */
  prepare(w: World, robots: Int32Array, count: number): void {
    if (this.bound.length < count) {
      this.bound = new Float64Array(count * 2);
      this.shortlist = new Int32Array(count * 2);
      this.row = new Int32Array(count * 2);
      this.col = new Int32Array(count * 2);
    }
    const width = w.grid.width;
    for (let j = 0; j < count; j++) {
      const c = w.robots.cell[robots[j]];
      this.row[j] = (c / width) | 0;
      this.col[j] = c - this.row[j] * width;
    }
  }

  /** The candidate of `robots[0..count)` (as prepared) nearest `target`, skipping positions j with `taken[j]` set. */
  find(w: World, target: number, robots: Int32Array, count: number, taken: Uint8Array): void {
    const { bound, shortlist, row, col } = this;
    const width = w.grid.width;
    const lazy = w.fields.lazy(target, false);
    const tr = (target / width) | 0;
    const tc = target - tr * width;
    let first = -1;
    for (let j = 0; j < count; j++) {
      const b = taken[j] ? Infinity : Math.abs(row[j] - tr) + Math.abs(col[j] - tc);
      bound[j] = b;
      if (b < (first < 0 ? Infinity : bound[first])) first = j;
    }
    this.found = -1;
    this.travel = Infinity;
    if (first >= 0) this.measure(w, lazy, robots, first);
    let listed = 0;
    if (first >= 0) for (let j = 0; j < count; j++) if (bound[j] < this.travel) shortlist[listed++] = j;
    for (;;) {
      let j = -1;
      for (let q = 0; q < listed; q++) {
        const c = shortlist[q];
        if (bound[c] < (j < 0 ? Infinity : bound[j])) j = c;
      }
      if (j < 0 || bound[j] >= this.travel) break;
      this.measure(w, lazy, robots, j);
    }
  }

  /** Measures candidate j's travel (growing the field toward it), keeps it if nearer than the best, and takes it off the list. */
  private measure(w: World, lazy: LazyField, robots: Int32Array, j: number): void {
    const c = w.robots.cell[robots[j]];
    lazy.ensure(c, 0);
    const d = lazy.dist[c] === UNREACHABLE ? Infinity : lazy.dist[c];
    if (d < this.travel) {
      this.travel = d;
      this.found = j;
    }
    this.bound[j] = Infinity;
  }
}
