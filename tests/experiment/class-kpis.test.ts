import { describe, expect, it } from 'vitest';
import { loadExperiment } from '../../src/experiment/load.js';
import { checkReportPath, numberAt, parsePath } from '../../src/scenario/assertions.js';
import { scenarioPath } from '../helpers/scenarios.js';

describe('KPIs per service class', () => {
  const report = { orders: { byClass: { 'same-day': { cycleTimeSeconds: { p95: 96 } }, express: { cycleTimeSeconds: { p95: 94 } } } }, stations: [{ id: 'a', busy: 0.5 }] };

  it('a name in brackets reads an object key a dotted path cannot spell', () => {
    expect(numberAt(report, parsePath('orders.byClass[same-day].cycleTimeSeconds.p95'))).toBe(96);
    expect(numberAt(report, parsePath('orders.byClass[express].cycleTimeSeconds.p95'))).toBe(94);
    expect(numberAt(report, parsePath('orders.byClass[next-day].cycleTimeSeconds.p95'))).toBeUndefined();
    // Names in lists still match an element's id.
    expect(numberAt(report, parsePath('stations[a].busy'))).toBe(0.5);
    // Keys reached through the prototype are not the report's.
    expect(numberAt(report, parsePath('orders.byClass[constructor]'))).toBeUndefined();
  });

  it('a class the scenario does not have is refused when the experiment is loaded', () => {
    expect(checkReportPath(report, parsePath('orders.byClass[same-day].cycleTimeSeconds.p95'))).toBeNull();
    expect(checkReportPath(report, parsePath('orders.byClass[next-day].cycleTimeSeconds.p95'))).toContain("'orders.byClass[next-day]'");
  });

  it('the replenishment experiment tabulates put-away robot-hours and the cycle time of each class of inbound-peak', () => {
    const exp = loadExperiment(scenarioPath('experiments/replenishment.json'));
    const paths = exp.plan.kpis.map((k) => k.path);
    expect(paths).toContain('inbound.putAwayRobotHours');
    for (const c of ['same-day', 'express', 'standard']) expect(paths).toContain(`orders.byClass[${c}].cycleTimeSeconds.p95`);
  });
});
