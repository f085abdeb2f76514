import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { scenarioPath, simFor, simFromJson, stableReport } from '../helpers/scenarios.js';

describe('determinism', () => {
  it('same scenario and seed give the same report, byte for byte', () => {
    const a = simFor('default.json', { duration: '20m' });
    a.run();
    const b = simFor('default.json', { duration: '20m' });
    b.run();
    expect(stableReport(a)).toBe(stableReport(b));
    expect(a.world.books.ordersCompleted).toBeGreaterThan(10);
  });

  it('a different seed gives a different run', () => {
    const a = simFor('default.json', { duration: '20m', seed: 1 });
    a.run();
    const b = simFor('default.json', { duration: '20m', seed: 2 });
    b.run();
    expect(stableReport(a)).not.toBe(stableReport(b));
  });

  it('adding a robot does not reshuffle the demand stream', () => {
    const json = JSON.parse(readFileSync(scenarioPath('default.json'), 'utf8'));
    json.duration = '15m';
    const arrivals = (count: number) => {
      const sim = simFromJson({ ...json, robots: { ...json.robots, count } });
      const seen: number[] = [];
      sim.observe((f) => {
        for (let k = 0; k < f.events.count; k++) if (f.events.kind[k] === 0) seen.push(f.tick, f.events.b[k]);
      });
      sim.run();
      return seen;
    };
    const twelve = arrivals(12);
    expect(twelve.length).toBeGreaterThan(40);
    expect(arrivals(13)).toEqual(twelve);
  });
});
