import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import type { Report } from '../../src/metrics/report.js';
import { buildReport } from '../../src/sim/report.js';
import { scenarioPath, simFromJson } from '../helpers/scenarios.js';

const scenario = (name: string) => {
  const s = JSON.parse(readFileSync(scenarioPath(name), 'utf8'));
  delete s.$schema;
  return s;
};

function run(json: Record<string, unknown>): Report {
  const sim = simFromJson(json);
  sim.run();
  return buildReport(sim.world, sim.planner.name, sim.assignment.name, 0);
}

const withoutWall = (r: Report) => {
  const { wallSeconds: _, ...rest } = r;
  return rest;
};

describe('pick accuracy', () => {
  const base = { ...scenario('default.json'), duration: '30m' };

  it('every line wrong and no check: every order shipped is wrong', () => {
    const r = run({ ...base, quality: { pickErrorRate: { people: 1 }, packCheck: 0 } });
    expect(r.quality!.pickErrors).toBe(r.lines.picked);
    expect(r.quality!.pickErrorsByArms).toBe(0);
    expect(r.quality!.caughtAtPack).toBe(0);
    expect(r.quality!.ordersShippedWrong).toBe(r.orders.completed);
    expect(r.quality!.misShipmentRate).toBe(1);
  });

  it('every line wrong and a check that catches all: nothing ships wrong, every error of a shipped order is caught', () => {
    const r = run({ ...base, quality: { pickErrorRate: { people: 1 }, packCheck: 1 } });
    expect(r.quality!.ordersShippedWrong).toBe(0);
    expect(r.quality!.misShipmentRate).toBe(0);
    // Errors of orders still open at the end are not counted as caught until they ship.
    expect(r.quality!.caughtAtPack).toBeLessThanOrEqual(r.quality!.pickErrors);
    expect(r.quality!.caughtAtPack).toBeGreaterThan(0.9 * r.quality!.pickErrors);
  });

  it('a 5% error rate gives about 5% of lines wrong; an 80% check leaves about a fifth of them', () => {
    const r = run({ ...scenario('default.json'), duration: '4h', quality: { pickErrorRate: { people: 0.05 }, packCheck: 0.8 } });
    const n = r.lines.picked;
    const sd = Math.sqrt(n * 0.05 * 0.95);
    expect(Math.abs(r.quality!.pickErrors - 0.05 * n)).toBeLessThan(4 * sd);
    const e = r.quality!.pickErrors;
    const missed = e - r.quality!.caughtAtPack;
    expect(Math.abs(missed - 0.2 * e)).toBeLessThan(4 * Math.sqrt(e * 0.2 * 0.8) + 2);
    expect(r.quality!.misShipmentRate).toBeCloseTo(r.quality!.ordersShippedWrong / r.orders.completed, 4);
  });

  it('arms and people have their own rates: at stations with arms only the arms\' rate applies', () => {
    const s = { ...scenario('robot-picking.json'), duration: '30m' };
    const arms = run({ ...s, quality: { pickErrorRate: { people: 0, arms: 1 } } });
    const people = run({ ...s, quality: { pickErrorRate: { people: 1, arms: 0 } } });
    expect(arms.quality!.pickErrorsByPeople).toBe(0);
    expect(people.quality!.pickErrorsByArms).toBe(0);
    expect(arms.quality!.pickErrorsByArms + people.quality!.pickErrorsByPeople).toBe(arms.lines.picked);
    expect(arms.quality!.pickErrorsByArms).toBeGreaterThan(0);
  });

  it('turning accuracy on changes nothing else in the run (its draws have their own streams)', () => {
    const off = withoutWall(run(base));
    const on = withoutWall(run({ ...base, quality: { pickErrorRate: { people: 0.1 }, packCheck: 0.5 } }));
    expect(off.quality).toBeNull();
    expect(on.quality).not.toBeNull();
    expect(JSON.stringify({ ...on, quality: null })).toBe(JSON.stringify(off));
  });
});
