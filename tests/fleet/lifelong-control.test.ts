import { describe, expect, it } from 'vitest';
import { gridFromRows } from '../../src/layout/grid.js';
import { ErrandScheduler } from '../../src/fleet/errand-scheduler.js';
import { LifelongControl, type LifelongRobots } from '../../src/fleet/lifelong-control.js';
import { OP_C, OP_F, OP_R } from '../../src/fleet/operations.js';

/** Robots facing east at `starts`, step 0. */
function robotsAt(starts: number[]): LifelongRobots {
  const n = starts.length;
  return { n, step: 0, cell: Int32Array.from(starts), heading: new Uint8Array(n), goal: new Int32Array(n).fill(-1), goalSince: new Int32Array(n) };
}

/** Carries out one step's actions as a turn-in-place robot does them. */
function act(robots: LifelongRobots, control: LifelongControl, acts: Uint8Array): void {
  for (let i = 0; i < robots.n; i++) {
    if (acts[i] === OP_F) robots.cell[i] = control.next[i];
    else if (acts[i] === OP_R) robots.heading[i] = (robots.heading[i] + 1) & 3;
    else if (acts[i] === OP_C) robots.heading[i] = (robots.heading[i] + 3) & 3;
  }
  robots.step++;
}

// A 9 x 9 room with a pillar block in the middle.
const room = gridFromRows(['.........', '.........', '.........', '...@@@...', '...@@@...', '...@@@...', '.........', '.........', '.........']);

describe('the fleet controller for robots that turn in place, without the League adapter', () => {
  for (const planner of ['epibt', 'pibt'] as const) {
    it(`${planner}: eight robots crossing a room reach their goals with no shared cell and no swap`, () => {
      // Four along the top row bound for the bottom row and four the other way: they cross round the pillar.
      const starts = [0, 2, 6, 8, 72, 74, 78, 80];
      const goals = [80, 78, 74, 72, 8, 6, 2, 0];
      const robots = robotsAt(starts);
      const control = new LifelongControl(room, robots, { planner, guidance: 'lanes' });
      goals.forEach((g, i) => control.setGoal(i, g));
      const arrived = new Array(8).fill(false);
      for (let step = 0; step < 200 && arrived.some((a) => !a); step++) {
        const before = Int32Array.from(robots.cell);
        const acts = new Uint8Array(robots.n);
        control.plan(acts);
        act(robots, control, acts);
        const seen = new Set<number>();
        for (let i = 0; i < robots.n; i++) {
          const moved = before[i] !== robots.cell[i];
          expect(!moved || [0, 1, 2, 3].some((d) => room.nbr[before[i] * 4 + d] === robots.cell[i]), `robot ${i} jumped`).toBe(true);
          expect(seen.has(robots.cell[i]), `two robots in cell ${robots.cell[i]} after step ${step}`).toBe(false);
          seen.add(robots.cell[i]);
          for (let j = 0; j < i; j++) {
            const swapped = before[i] === robots.cell[j] && before[j] === robots.cell[i] && before[i] !== before[j];
            expect(swapped, `robots ${i} and ${j} swapped in step ${step}`).toBe(false);
          }
          if (robots.cell[i] === goals[i] && !arrived[i]) {
            arrived[i] = true;
            control.setGoal(i, -1);
          }
        }
      }
      expect(arrived).toEqual(new Array(8).fill(true));
    });
  }

  it('hands tasks to the nearest free robots, up to the active cap, and follows each robot along its errands', () => {
    const line = gridFromRows(['....................']);
    // Robots at 0 and 19; tasks start at 18 (to 16) and at 1 (to 3 then 5).
    const robots = robotsAt([0, 19]);
    const control = new LifelongControl(line, robots, { planner: 'epibt', guidance: 'none' });
    const assigned: string[] = [];
    const errands: string[] = [];
    const scheduler = new ErrandScheduler(line, [Int32Array.of(18, 16), Int32Array.of(1, 3, 5)], robots, {
      setGoal: (i, g) => control.setGoal(i, g),
      yieldedLastStep: (i) => control.yieldedLastStep(i),
      assigned: (step, agent, task) => assigned.push(`${step}:${agent}:${task}`),
      errandDone: (step, agent, task, done) => errands.push(`${step}:${agent}:${task}:${done}`),
    });
    scheduler.poolAdd(0);
    scheduler.poolAdd(1);
    scheduler.schedule();
    expect(Array.from(scheduler.task)).toEqual([1, 0]);
    expect(assigned).toEqual(['0:0:1', '0:1:0']);
    expect(Array.from(robots.goal)).toEqual([1, 18]);
    expect(scheduler.leftAfterGoal(0)).toBe(4);
    for (let step = 0; step < 40 && scheduler.finished < 2; step++) {
      if (step > 0) scheduler.schedule();
      const acts = new Uint8Array(2);
      control.plan(acts);
      act(robots, control, acts);
      scheduler.checkErrands();
    }
    expect(scheduler.finished).toBe(2);
    expect(scheduler.errandsReached).toBe(5);
    // Robot 0 reached 1, 3 and 5 in order; robot 1 reached 18 and 16.
    expect(errands.filter((e) => e.split(':')[1] === '0').map((e) => e.split(':')[3])).toEqual(['1', '2', '3']);
    expect(errands.filter((e) => e.split(':')[1] === '1').map((e) => e.split(':')[3])).toEqual(['1', '2']);
    expect(Array.from(robots.goal)).toEqual([-1, -1]);
    expect(scheduler.assigned).toBe(0);

    // With room for one robot on errands (a share of 1/20 of the 20 free cells), the one with the cheaper task to hand takes it.
    const capped = robotsAt([0, 17]);
    const c2 = new LifelongControl(line, capped, { guidance: 'none' });
    const s2 = new ErrandScheduler(line, [Int32Array.of(18, 19)], capped, {
      setGoal: (i, g) => c2.setGoal(i, g),
      yieldedLastStep: () => false,
      assigned: () => {},
      errandDone: () => {},
    }, { activeShare: 1 / 20 });
    s2.poolAdd(0);
    s2.poolAdd(1);
    s2.schedule();
    expect(s2.activeLimit).toBe(1);
    expect(Array.from(s2.task)).toEqual([-1, 0]);
  });
});
