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
