import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { planTasks } from '../../src/experiment/aggregate.js';
import { loadExperiment } from '../../src/experiment/load.js';
import { runOne } from '../../src/experiment/run-one.js';
import { experimentJsonSchema } from '../../src/experiment/schema.js';
import { SLOTTING } from '../../src/storage/slotting.js';
import { ASSIGNMENTS } from '../../src/fleet/assignments.js';
import { scenarioPath } from '../helpers/scenarios.js';

const shipped = (name: string) => scenarioPath(`experiments/${name}`);

describe('shipped experiments', () => {
  it('scenarios/experiments/experiment.schema.json is what `wsim experiment --schema` prints', () => {
    expect(readFileSync(shipped('experiment.schema.json'), 'utf8')).toBe(JSON.stringify(experimentJsonSchema(), null, 2) + '\n');
  });

  for (const name of ['slotting.json', 'layout.json', 'peak-ci.json', 'forecast.json', 'assignment.json']) {
    it(`${name} loads, and each variant runs (shortened)`, () => {
      const { plan, scenarioFile } = loadExperiment(shipped(name));
      expect(plan.variants.length).toBeGreaterThanOrEqual(2);
      const firsts = planTasks(plan, scenarioFile).filter((t) => t.replication === 1);
      for (const t of firsts) {
        const r = runOne({ ...t, scenario: { ...t.scenario, duration: '5m' } });
        expect(r.report.robots.conflicts, t.variant).toBe(0);
        expect(r.report.orders.created, t.variant).toBeGreaterThan(0);
      }
    });
  }

  it('the slotting experiment compares registered slotting strategies, one per variant', () => {
    const { plan } = loadExperiment(shipped('slotting.json'));
    const used = plan.variants.map((v) => (v.scenario.demand as { slotting: string }).slotting);
    expect(new Set(used).size).toBe(used.length);
    for (const s of used) expect(Object.keys(SLOTTING)).toContain(s);
  });

  it('the assignment experiment compares every registered task assignment strategy, one per variant', () => {
    const { plan } = loadExperiment(shipped('assignment.json'));
    const used = plan.variants.map((v) => (v.scenario.fleet as { assignment: string }).assignment);
    expect([...used].sort()).toEqual(Object.keys(ASSIGNMENTS).sort());
  });

  it('peak-ci carries assertions for CI', () => {
    const { plan } = loadExperiment(shipped('peak-ci.json'));
    expect(plan.variants[0].assertions.length).toBeGreaterThanOrEqual(4);
  });
});
