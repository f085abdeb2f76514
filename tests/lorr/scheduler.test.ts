import { describe, expect, it } from 'vitest';
import { gridFromRows } from '../../src/layout/grid.js';
import { LorrSim } from '../../src/lorr/sim.js';

// One open row of 20 cells: cell = column.
const grid = gridFromRows(['....................']);

describe('LoRR scheduler', () => {
  it('weighs the way to a task five times its own length: a near long task beats a far short one', () => {
    // Task 0: first errand 10 cells away, 1 long (weighed 5 * 10 + 1 = 51; alike, 11).
    // Task 1: first errand 1 cell away, 18 long (weighed 5 * 1 + 18 = 23; alike, 19).
    const tasks = [Int32Array.of(10, 11), Int32Array.of(1, 19)];
    const sim = new LorrSim({ grid, starts: Int32Array.of(0), tasks, revealCount: 2 }, { guidance: 'none' });
    sim.advance();
    expect(sim.records.assignments).toEqual([{ timestep: 1, agent: 0, task: 1 }]);
    // Its first step reached the first errand: it heads for the second.
    expect(sim.goal[0]).toBe(19);
  });

  it('gives each agent the task whose first errand is near it, whatever the order agents choose in', () => {
    // Agent 0 at cell 0, agent 1 at cell 19. Task 0 starts at 18, task 1 at 1; both 1 long.
    const tasks = [Int32Array.of(18, 17), Int32Array.of(1, 2)];
    const sim = new LorrSim({ grid, starts: Int32Array.of(0, 19), tasks, revealCount: 2 }, { guidance: 'none' });
    sim.advance();
    expect(sim.task[0]).toBe(1);
    expect(sim.task[1]).toBe(0);
  });
});

describe('LoRR scheduler search by tiles', () => {
  it('picks what a scan of every revealed task would: least weighed cost, then the shorter task, then the earlier revealed', () => {
    // A 40 x 40 open floor: Manhattan distances tie often, which is what the tie rules are for.
    const big = gridFromRows(Array.from({ length: 40 }, () => '.'.repeat(40)));
    let seed = 12345;
    const next = () => (seed = (seed * 1103515245 + 12345) % 2147483648) / 2147483648;
    for (let trial = 0; trial < 40; trial++) {
      const cell = () => Math.floor(next() * 1600);
      const tasks = Array.from({ length: 60 }, () => Int32Array.of(cell(), cell()));
      const start = cell();
      const sim = new LorrSim({ grid: big, starts: Int32Array.of(start), tasks, revealCount: 60 }, { guidance: 'none' });
      sim.advance();
      const md = (a: number, b: number) => Math.abs(((a / 40) | 0) - ((b / 40) | 0)) + Math.abs((a % 40) - (b % 40));
      let want = -1;
      let key = [Infinity, Infinity, Infinity];
      tasks.forEach((t, id) => {
        const k = [5 * md(start, t[0]) + md(t[0], t[1]), md(t[0], t[1]), id];
        if (k[0] < key[0] || (k[0] === key[0] && (k[1] < key[1] || (k[1] === key[1] && k[2] < key[2])))) {
          key = k;
          want = id;
        }
      });
      expect(sim.records.assignments[0], `trial ${trial}`).toEqual({ timestep: 1, agent: 0, task: want });
    }
  });
});
