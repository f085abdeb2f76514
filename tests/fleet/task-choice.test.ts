import { describe, expect, it } from 'vitest';
import { CostHeap } from '../../src/fleet/cost-heap.js';
import { REACH_WEIGHT, STEAL_MARGIN, TaskChoice } from '../../src/fleet/task-choice.js';

const W = 40;
const at = (row: number, col: number) => row * W + col;

describe('the fleet’s choice rule (TaskChoice)', () => {
  it('a free robot takes the open task of least weighed cost: the way there weighs REACH_WEIGHT times the task’s length', () => {
    const c = new TaskChoice(W, 30);
    c.addOpen(0, at(0, 10), 0); // 10 cells away, no length: 5 x 10 = 50
    c.addOpen(1, at(0, 3), 40); // 3 away, 40 long: 15 + 40 = 55
    c.addOpen(2, at(20, 30), 0); // 50 away: 250
    c.nearestTask(at(0, 0));
    expect(c.found).toBe(0);
    expect(c.foundCost).toBe(REACH_WEIGHT * 10);
    // An extra cost (the crowd round a task's errands) can turn the choice.
    c.nearestTask(at(0, 0), (id) => (id === 0 ? 10 : 0));
    expect(c.found).toBe(1);
    c.removeOpen(0);
    c.removeOpen(1);
    c.nearestTask(at(0, 0));
    expect(c.found).toBe(2);
    expect(c.openCount).toBe(1);
  });

  it('ties go to the shorter task, then to the lower id; the caller’s travel replaces Manhattan', () => {
    const c = new TaskChoice(W, 30);
    c.addOpen(5, at(0, 4), 10);
    c.addOpen(3, at(4, 0), 10);
    c.addOpen(7, at(2, 2), 0); // 4 away too, but a longer way round by the travel below
    c.nearestTask(at(0, 0));
    expect(c.found).toBe(7);
    const around = new TaskChoice(W, 30, (from, to) => (to === at(2, 2) ? 20 : Math.abs(((from / W) | 0) - ((to / W) | 0)) + Math.abs((from % W) - (to % W))));
    around.addOpen(5, at(0, 4), 10);
    around.addOpen(3, at(4, 0), 10);
    around.addOpen(7, at(2, 2), 0);
    around.nearestTask(at(0, 0));
    expect(around.found).toBe(3);
  });

  it('a robot takes a task over from its holder only when clearly nearer and cheaper than any open task', () => {
    const c = new TaskChoice(W, 30);
    const cell = new Int32Array(3);
    cell[1] = at(0, 30); // holder 1: 28 cells from its task's first errand at (0, 2)
    cell[2] = at(0, 3); // holder 2: 1 cell from (0, 2), as near as the robot asking
    c.addHolder(1, at(0, 2), 5);
    c.nearestSteal(at(0, 0), Infinity, cell);
    expect(c.found).toBe(1);
    expect(c.foundCost).toBe(REACH_WEIGHT * 2 + 5);
    // Not for more than the limit (the best open task's cost).
    c.nearestSteal(at(0, 0), REACH_WEIGHT * 2 + 5, cell);
    expect(c.found).toBe(-1);
    c.removeHolder(1);
    c.addHolder(2, at(0, 2), 5);
    // One cell nearer is REACH_WEIGHT, under the margin.
    expect(REACH_WEIGHT * 1).toBeLessThan(STEAL_MARGIN);
    c.nearestSteal(at(0, 1), Infinity, cell);
    expect(c.found).toBe(-1);
    expect(c.isHolder(2)).toBe(true);
  });

  it('searches far tiles when the near ones are empty, and grows its arrays for large ids', () => {
    const c = new TaskChoice(W, 30);
    c.addOpen(1000, at(29, 39), 0);
    c.nearestTask(at(0, 0));
    expect(c.found).toBe(1000);
    expect(c.foundCost).toBe(REACH_WEIGHT * (29 + 39));
  });
});

describe('CostHeap', () => {
  it('pops by cost, ties to the lower id, through growth', () => {
    const h = new CostHeap();
    const items: [number, number][] = [];
    for (let id = 0; id < 200; id++) items.push([id, (id * 37) % 11]);
    for (const [id, cost] of items) h.push(id, cost);
    const popped: [number, number][] = [];
    while (h.size > 0) {
      const cost = h.peekCost();
      popped.push([h.pop(), cost]);
    }
    const expected = [...items].sort((a, b) => a[1] - b[1] || a[0] - b[0]);
    expect(popped).toEqual(expected);
    expect(h.pop()).toBe(-1);
    expect(h.peekCost()).toBe(Infinity);
  });
});
