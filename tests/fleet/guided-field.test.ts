import { describe, expect, it } from 'vitest';
import { rngStream, type Rng } from '../../src/core/rng.js';
import { UNREACHABLE } from '../../src/layout/distance.js';
import { floorIndex } from '../../src/layout/floor-index.js';
import { gridFromRows, type Grid } from '../../src/layout/grid.js';
import { generateWarehouse } from '../../src/layout/generate.js';
import { CostArrays, GuidedCache, GuidedField, MAX_PENALTY, moveCosts } from '../../src/fleet/guided-field.js';
import { laneParity } from '../../src/layout/lanes.js';
import { LorrSim } from '../../src/lorr/sim.js';

/** A random map: `density` of the cells walls, the rest floor (several regions when dense). */
function randomGrid(rng: Rng, width: number, height: number, density: number): Grid {
  const rows: string[] = [];
  for (let r = 0; r < height; r++) rows.push(Array.from({ length: width }, () => (rng.next() < density ? '@' : '.')).join(''));
  return gridFromRows(rows);
}

/** Warehouse-like: shelf blocks two cells deep with one-cell aisles between, some blocks missing. */
function shelfGrid(rng: Rng, width: number, height: number): Grid {
  const rows: string[] = [];
  for (let r = 0; r < height; r++) {
    let row = '';
    for (let c = 0; c < width; c++) row += r % 4 !== 0 && c % 6 !== 0 && r > 1 && r < height - 2 && rng.next() < 0.95 ? '@' : '.';
    rows.push(row);
  }
  return gridFromRows(rows);
}

/** Plain Dijkstra toward `goal` over the same move costs (a robot at x pays costs[x * 4 + d] to step in direction d), with a binary search for the minimum. */
function dijkstra(grid: Grid, goal: number, penalty?: Uint8Array): Float64Array {
  const n = grid.width * grid.height;
  const costs = moveCosts(grid);
  const dist = new Float64Array(n).fill(Infinity);
  const done = new Uint8Array(n);
  dist[goal] = 0;
  const open = [goal];
  while (open.length > 0) {
    let best = 0;
    for (let k = 1; k < open.length; k++) if (dist[open[k]] < dist[open[best]]) best = k;
    const x = open[best];
    open[best] = open[open.length - 1];
    open.pop();
    if (done[x]) continue;
    done[x] = 1;
    for (let d = 0; d < 4; d++) {
      const y = grid.nbr[x * 4 + d];
      if (y < 0 || done[y]) continue;
      // The robot at y moves toward x: the direction opposite to d.
      const nd = dist[x] + costs[y * 4 + ((d + 2) & 3)] + (penalty && penalty.length > 0 ? penalty[x] : 0);
      if (nd < dist[y]) {
        dist[y] = nd;
        open.push(y);
      }
    }
  }
  return dist;
}

/** Checks `cell` and its neighbours against the reference distances. */
function expectExactAround(grid: Grid, field: GuidedField, ref: Float64Array, cell: number, what: string): void {
  for (let k = -1; k < 4; k++) {
    const c = k < 0 ? cell : grid.nbr[cell * 4 + k];
    if (c < 0) continue;
    const want = ref[c] === Infinity ? UNREACHABLE : ref[c];
    expect(field.at(c), `${what}: cell ${c}`).toBe(want);
  }
}

describe('guided distance field (reverse resumable A*)', () => {
  it('matches a full Dijkstra on every cell it is asked about, in any order, on random maps', () => {
    const rng = rngStream(7, 'guided-field');
    for (let trial = 0; trial < 24; trial++) {
      const width = 8 + Math.floor(rng.next() * 40);
      const height = 6 + Math.floor(rng.next() * 30);
      const grid = trial % 3 === 2 ? shelfGrid(rng, width, height) : randomGrid(rng, width, height, trial % 3 === 0 ? 0.15 : 0.35);
      if (grid.free.length < 2) continue;
      const pick = () => grid.free[Math.floor(rng.next() * grid.free.length)];
      for (let g = 0; g < 6; g++) {
        const goal = pick();
        const ref = dijkstra(grid, goal);
        const field = new GuidedField(grid, goal);
        // Queries in random order, far apart and near each other (as a robot walks), from several robots.
        let walker = pick();
        for (let q = 0; q < 40; q++) {
          let cell: number;
          if (rng.next() < 0.5) cell = pick();
          else {
            const d = Math.floor(rng.next() * 4);
            const step = grid.nbr[walker * 4 + d];
            if (step >= 0) walker = step;
            cell = walker;
          }
          // Every other query asks for the cell alone (as the operation planner does), then for its neighbours too.
          if (q % 2 === 0) expect(field.exact(cell), `trial ${trial} goal ${goal} query ${q}: exact`).toBe(ref[cell] === Infinity ? UNREACHABLE : ref[cell]);
          field.ensure(cell);
          expectExactAround(grid, field, ref, cell, `trial ${trial} goal ${goal} query ${q}`);
        }
        // Cells asked about earlier keep their exact costs as the search goes on.
        for (let c = 0; c < grid.width * grid.height; c++) {
          if (field.closed(c)) expect(field.at(c), `closed cell ${c}`).toBe(ref[c] === Infinity ? UNREACHABLE : ref[c]);
        }
      }
    }
  });

  it('aimed at the asking robot, expands far fewer cells than the whole floor', () => {
    const rng = rngStream(3, 'guided-field-work');
    const grid = shelfGrid(rng, 240, 80);
    const pick = () => grid.free[Math.floor(rng.next() * grid.free.length)];
    let expanded = 0;
    let reachable = 0;
    for (let k = 0; k < 20; k++) {
      const goal = pick();
      const field = new GuidedField(grid, goal);
      const from = pick();
      field.ensure(from);
      expectExactAround(grid, field, dijkstra(grid, goal), from, `goal ${goal}`);
      expanded += field.expanded;
      reachable += grid.free.length;
    }
    expect(expanded).toBeLessThan(reachable / 4);
  });

  it('an unreachable cell reads UNREACHABLE, and every cell of the goal region gets its cost', () => {
    const grid = gridFromRows(['..@..', '..@..', '..@..']);
    const field = new GuidedField(grid, 0);
    field.ensure(4);
    expect(field.at(4)).toBe(UNREACHABLE);
    const ref = dijkstra(grid, 0);
    for (const c of [0, 1, 5, 6, 10, 11]) {
      field.ensure(c);
      expect(field.at(c)).toBe(ref[c]);
    }
  });

  it('a recycled array starts clean: a field on it matches Dijkstra again', () => {
    const rng = rngStream(11, 'guided-field-recycle');
    const grid = shelfGrid(rng, 40, 24);
    const arrays = new CostArrays(floorIndex(grid).count, 4);
    const pick = () => grid.free[Math.floor(rng.next() * grid.free.length)];
    let taken: GuidedField | null = null;
    for (let k = 0; k < 30; k++) {
      const goal = pick();
      const field = new GuidedField(grid, goal, arrays);
      const ref = dijkstra(grid, goal);
      for (let q = 0; q < 5; q++) {
        const cell = pick();
        field.ensure(cell);
        expectExactAround(grid, field, ref, cell, `field ${k} query ${q}`);
      }
      if (taken !== null) {
        taken.evicted = true;
        taken.recycleIfFree();
        // The array went back cleared: every cell UNSEEN (zero) again.
        const back = arrays.take();
        expect(back.every((v) => v === 0)).toBe(true);
        arrays.give(back, 0, back.length - 1);
      }
      taken = field;
    }
  });

  it.each(['lanes', 'traffic'] as const)('in a run with %s guidance, every cost the planner reads (agents\' cells and their neighbours) is exact', (guidance) => {
    const rows = generateWarehouse({ width: 60, height: 30, stations: 4, chargers: 2 }).map((r) => r.replace(/[RPC]/g, (ch) => (ch === 'R' ? '@' : '.')));
    const grid = gridFromRows(rows);
    const rng = rngStream(6, 'guided-field-run');
    const pool = grid.free.slice();
    for (let k = pool.length - 1; k > 0; k--) {
      const j = Math.floor(rng.next() * (k + 1));
      [pool[k], pool[j]] = [pool[j], pool[k]];
    }
    const pick = () => grid.free[Math.floor(rng.next() * grid.free.length)];
    const tasks = Array.from({ length: 400 }, () => Int32Array.of(pick(), pick()));
    const sim = new LorrSim({ grid, starts: Int32Array.from(pool.slice(0, 150)), tasks, revealCount: 225 }, { guidance });
    const refs = new Map<string, Float64Array>();
    const generations = new Set<number>();
    let checked = 0;
    for (let step = 0; step < 120; step++) {
      const cells = Int32Array.from(sim.cell);
      sim.advance();
      for (let i = 0; i < sim.n; i++) {
        const f = sim.field[i];
        if (f === null || !(sim.lazy[i] instanceof GuidedField)) continue;
        const goal = sim.goal[i];
        const lazy = sim.lazy[i] as GuidedField;
        generations.add(lazy.generation);
        const key = `${goal}/${lazy.generation}`;
        let ref = refs.get(key);
        if (ref === undefined) refs.set(key, (ref = dijkstra(grid, goal, lazy.penalty)));
        for (let k = -1; k < 4; k++) {
          const c = k < 0 ? cells[i] : grid.nbr[cells[i] * 4 + k];
          if (c < 0) continue;
          expect(sim.costIn(f, c), `step ${step} agent ${i} cell ${c}`).toBe(ref[c] === Infinity ? UNREACHABLE : ref[c]);
          checked++;
        }
      }
    }
    expect(checked).toBeGreaterThan(10_000);
    expect(sim.finished).toBeGreaterThan(0);
    // Traffic guidance learns twice in 120 steps (every 50): fields of the later penalties were read too.
    expect(generations.size).toBe(guidance === 'traffic' ? 3 : 1);
  });

  it('the cache recycles the arrays of fields nobody steers by any more', () => {
    const grid = gridFromRows(['.....', '.....', '.....']);
    const cache = new GuidedCache(grid, 1);
    const first = cache.get(0);
    expect(cache.get(0)).toBe(first);
    cache.use(first);
    first.ensure(14);
    for (let g = 1; g <= 16; g++) cache.get(g).ensure(7);
    // Let go by the cache but still in use: its costs stay readable.
    expect(first.at(14)).toBe(dijkstra(grid, 0)[14]);
    expect(cache.get(0)).not.toBe(first);
    cache.unuse(first);
    expect(first.dist.length).toBe(0);
  });

  it('with traffic penalties, every cost equals Dijkstra over lanes plus the cost of entering each cell', () => {
    const rng = rngStream(31, 'guided-penalty');
    for (let trial = 0; trial < 12; trial++) {
      const grid = trial % 2 === 0 ? randomGrid(rng, 30, 20, 0.2) : shelfGrid(rng, 36, 22);
      const penalty = new Uint8Array(grid.width * grid.height);
      // Jams in patches, with the highest penalty allowed among them.
      for (let c = 0; c < penalty.length; c++) penalty[c] = rng.next() < 0.3 ? Math.floor(rng.next() * (MAX_PENALTY + 1)) : 0;
      const cache = new GuidedCache(grid);
      cache.setPenalty(penalty);
      const goal = grid.free[Math.floor(rng.next() * grid.free.length)];
      const field = cache.get(goal);
      expect(field.penalty).toEqual(penalty);
      const ref = dijkstra(grid, goal, penalty);
      for (let q = 0; q < 40; q++) {
        const cell = grid.free[Math.floor(rng.next() * grid.free.length)];
        field.ensure(cell);
        expectExactAround(grid, field, ref, cell, `trial ${trial} query ${q}`);
      }
    }
  });

  it('a new penalty makes new fields; agents keep the field they steer by', () => {
    const grid = gridFromRows(['.....', '.....', '.....']);
    const cache = new GuidedCache(grid);
    const before = cache.get(7);
    cache.use(before);
    before.ensure(0);
    const penalty = new Uint8Array(15).fill(3);
    cache.setPenalty(penalty);
    const after = cache.get(7);
    expect(after).not.toBe(before);
    expect(after.generation).toBe(before.generation + 1);
    after.ensure(0);
    // Seven plain steps (two units each) against no lanes or with them, plus 3 for each cell entered.
    expect(after.at(0)).toBeGreaterThan(before.at(0));
    expect(after.at(0) - before.at(0)).toBe(3 * 3);
    // The old field still reads (its user has not let go), and the cache hands out the new one from now on.
    expect(before.closed(0)).toBe(true);
    expect(cache.get(7)).toBe(after);
  });

  it('lanes alternate between corridors, not raw rows and columns', () => {
    // Vertical corridors at columns 1, 5, 9 (same parity), horizontal ones at rows 0, 3, 6.
    const rows: string[] = [];
    for (let r = 0; r < 7; r++) rows.push(Array.from({ length: 11 }, (_, c) => (r % 3 === 0 || c % 4 === 1 ? '.' : '@')).join(''));
    const lanes = laneParity(gridFromRows(rows));
    expect([lanes.col[1], lanes.col[5], lanes.col[9]]).toEqual([0, 1, 0]);
    expect([lanes.row[0], lanes.row[3], lanes.row[6]]).toEqual([0, 1, 0]);
    // On an open floor every row and column is a corridor: plain parity.
    const open = laneParity(gridFromRows(['......', '......', '......', '......']));
    expect(Array.from(open.row)).toEqual([0, 1, 0, 1]);
    expect(Array.from(open.col)).toEqual([0, 1, 0, 1, 0, 1]);
  });
});
