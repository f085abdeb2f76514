import { describe, expect, it } from 'vitest';
import { watchInvariants } from '../helpers/invariants.js';
import { scenarioPath, simFor, simFromJson } from '../helpers/scenarios.js';
import { readFileSync } from 'node:fs';

function expectClean(rep: ReturnType<typeof watchInvariants>) {
  expect(rep.vertexConflicts).toBe(0);
  expect(rep.swaps).toBe(0);
  expect(rep.illegalMoves).toBe(0);
  expect(rep.loadedUnderPods).toBe(0);
  expect(rep.bookErrors).toEqual([]);
}

describe('whole-run invariants', () => {
  it('default scenario: no collisions, no swaps, books balance, orders flow', () => {
    const sim = simFor('default.json');
    const rep = watchInvariants(sim);
    sim.run();
    expect(rep.ticks).toBe(sim.config.ticks);
    expectClean(rep);
    const w = sim.world;
    expect(w.metrics.conflicts).toBe(0);
    expect(w.books.ordersCreated).toBeGreaterThan(100);
    // The default site keeps up with its demand: most orders are done within the hour.
    expect(w.books.ordersCompleted / w.books.ordersCreated).toBeGreaterThan(0.8);
    expect(w.robots.n).toBe(12);
  });

  it('dense: 500 robots on a 60x30 floor keep completing tasks without conflicts', () => {
    const sim = simFor('dense.json', { duration: '15m' });
    const rep = watchInvariants(sim);
    const done: number[] = [];
    sim.observe((f) => {
      if (f.tick % 300 === 0) done.push(f.ordersCompleted);
    });
    sim.run();
    expectClean(rep);
    expect(sim.world.metrics.conflicts).toBe(0);
    // Progress in every 5-minute window: no permanent deadlock.
    for (let k = 1; k < done.length; k++) expect(done[k]).toBeGreaterThan(done[k - 1]);
    expect(sim.world.books.linesPicked).toBeGreaterThan(500);
  });

  it('rotation time: a robot only moves the way it faces, turns cost time, orders still flow', () => {
    const json = JSON.parse(readFileSync(scenarioPath('default.json'), 'utf8'));
    json.robots.rotationSeconds = 1;
    json.duration = '20m';
    const sim = simFromJson(json);
    expect(sim.config.robots.rotationTicks).toBe(2); // 1 s at 1.5 m/s on 1 m cells = 2 ticks of 2/3 s
    const rep = watchInvariants(sim);
    const r = sim.world.robots;
    const prevCell = r.cell.slice();
    const prevHeading = r.heading.slice();
    let wrongWay = 0;
    let moves = 0;
    const width = sim.world.grid.width;
    sim.observe(() => {
      for (let i = 0; i < r.n; i++) {
        const d = r.cell[i] - prevCell[i];
        if (d !== 0) {
          moves++;
          const dir = d === 1 ? 0 : d === width ? 1 : d === -1 ? 2 : 3;
          if (dir !== prevHeading[i]) wrongWay++;
        }
      }
      prevCell.set(r.cell);
      prevHeading.set(r.heading);
    });
    sim.run();
    expectClean(rep);
    expect(moves).toBeGreaterThan(1000);
    expect(wrongWay).toBe(0);
    expect(sim.world.books.ordersCompleted).toBeGreaterThan(20);
  });

  it.each([
    ['whca', 'nearest'],
    ['pibt', 'hungarian'],
    ['whca', 'hungarian'],
    ['pibt', 'errands'],
  ])('planner %s with assignment %s keeps every invariant and delivers', (planner, assignment) => {
    const json = JSON.parse(readFileSync(scenarioPath('default.json'), 'utf8'));
    json.duration = '30m';
    json.fleet = { planner, assignment };
    const sim = simFromJson(json);
    const rep = watchInvariants(sim);
    sim.run();
    expectClean(rep);
    expect(sim.world.metrics.conflicts).toBe(0);
    expect(sim.world.books.ordersCompleted / sim.world.books.ordersCreated).toBeGreaterThan(0.8);
  });
});
