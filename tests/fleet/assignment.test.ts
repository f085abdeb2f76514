import { describe, expect, it } from 'vitest';
import { HungarianAssignment, NearestAssignment } from '../../src/fleet/assignment.js';
import { corridor } from '../helpers/corridor.js';

const travel = (w: ReturnType<typeof corridor>['w'], pods: Int32Array, out: Int32Array) => {
  let total = 0;
  for (let k = 0; k < pods.length; k++) {
    const r = out[k];
    const pr = Math.floor(w.pods.cell[pods[k]] / w.grid.width);
    const pc = w.pods.cell[pods[k]] % w.grid.width;
    const rr = Math.floor(w.robots.cell[r] / w.grid.width);
    const rc = w.robots.cell[r] % w.grid.width;
    total += Math.abs(pr - rr) + Math.abs(pc - rc);
  }
  return total;
};

describe('task assignment', () => {
  it('nearest gives the oldest request the closest idle robot', () => {
    const { w, pods, robots } = corridor([2, 9], [8]);
    const out = new Int32Array(1);
    new NearestAssignment().assign(w, pods, 1, robots, 2, out);
    expect(out[0]).toBe(1);
  });

  it('hungarian minimises total travel where greedy does not', () => {
    // Greedy: request 0 (col 5) takes robot at col 6, leaving request 1 (col 8) the robot at col 1.
    const { w, pods, robots } = corridor([1, 6], [5, 8]);
    const greedy = new Int32Array(2);
    new NearestAssignment().assign(w, pods, 2, robots, 2, greedy);
    const optimal = new Int32Array(2);
    new HungarianAssignment().assign(w, pods, 2, robots, 2, optimal);
    expect(Array.from(greedy)).toEqual([1, 0]);
    expect(Array.from(optimal)).toEqual([0, 1]);
    expect(travel(w, pods, optimal)).toBeLessThan(travel(w, pods, greedy));
  });

  it('never hands one robot two tasks, and leaves extra requests waiting', () => {
    const { w, pods, robots } = corridor([3], [2, 6, 10]);
    for (const s of [new NearestAssignment(), new HungarianAssignment()]) {
      const out = new Int32Array(3);
      s.assign(w, pods, 3, robots, 1, out);
      expect(out.filter((r) => r === 0)).toHaveLength(1);
      expect(out.filter((r) => r === -1)).toHaveLength(2);
    }
  });
});
