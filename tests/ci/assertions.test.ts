import { describe, expect, it } from 'vitest';
import { checkReportPath, compare, evaluate, numberAt, parseAssertion, parsePath } from '../../src/scenario/assertions.js';
import { templateReport } from '../../src/experiment/load.js';
import { loadScenario } from '../../src/scenario/load.js';
import { scenarioPath } from '../helpers/scenarios.js';

describe('assertion grammar', () => {
  it('parses path, comparison and number, with or without spaces', () => {
    expect(parseAssertion('throughput.ordersPerHour >= 1200')).toMatchObject({ path: 'throughput.ordersPerHour', op: '>=', target: 1200 });
    expect(parseAssertion('sla.hitRate>=0.98')).toMatchObject({ path: 'sla.hitRate', op: '>=', target: 0.98 });
    expect(parseAssertion('  robots.conflicts == 0 ')).toMatchObject({ op: '==', target: 0 });
    expect(parseAssertion('x != -1.5e3')).toMatchObject({ op: '!=', target: -1500 });
    for (const op of ['<', '>', '<=']) expect(parseAssertion(`a ${op} 1`).op).toBe(op);
    expect(parseAssertion('stations[1].utilization < 0.9').segments).toEqual([{ key: 'stations' }, { index: 1 }, { key: 'utilization' }]);
    expect(parsePath('docks[freight].slaHitRate')).toEqual([{ key: 'docks' }, { name: 'freight' }, { key: 'slaHitRate' }]);
  });

  it('says what is wrong', () => {
    const bad: [string, RegExp][] = [
      ['', /missing the report path/],
      ['sla.hitRate', /needs a comparison/],
      ['sla.hitRate => 1', /unknown comparison '=>'/],
      ['sla.hitRate = 1', /unknown comparison '='/],
      ['sla.hitRate >=', /missing the number/],
      ['sla.hitRate >= high', /'high' is not a number/],
      ['sla.hitRate >= 1.', /is not a number/],
      ['sla..hitRate >= 1', /unexpected '\.'/],
      ['9lives >= 1', /starts with a letter/],
      ['stations[0 >= 1', /unclosed '\['/],
    ];
    for (const [text, msg] of bad) expect(() => parseAssertion(text), text).toThrow(msg);
  });

  it('compares, with == tolerant of float noise', () => {
    expect(compare(0.1 + 0.2, '==', 0.3)).toBe(true);
    expect(compare(1, '!=', 1)).toBe(false);
    expect(compare(1199.99, '>=', 1200)).toBe(false);
    expect(compare(5, '<', 5)).toBe(false);
    expect(evaluate(parseAssertion('a >= 1'), undefined)).toMatchObject({ value: null, passed: false });
  });

  it('checks paths against an actual report of the scenario', () => {
    const { config } = loadScenario(scenarioPath('hub.json'), { duration: '1m' });
    const t = templateReport(config);
    const check = (p: string) => checkReportPath(t, parsePath(p));
    expect(check('throughput.ordersPerHour')).toBeNull();
    expect(check('stations[3].utilization')).toBeNull();
    expect(check('docks[0].slaHitRate')).toBeNull();
    expect(check('ordersPerHourSeries[5]')).toBeNull(); // grows during the run: accepted
    expect(check('throughput.orderPerHour')).toMatch(/not a field of the report \(did you mean throughput\.ordersPerHour\?\)/);
    expect(check('stations[9].utilization')).toMatch(/there are only 4 entries/);
    expect(check('docks[nowhere].slaHitRate')).toMatch(/no entry with id 'nowhere'/);
    expect(check('throughput')).toMatch(/not a number \(for example throughput\.ordersPerHour/);
    const dockId = (t.docks[0] as { id: string }).id;
    expect(check(`docks[${dockId}].slaHitRate`)).toBeNull();
    expect(numberAt(t, parsePath(`docks[${dockId}].ordersShipped`))).toBe(0);
  });
});
