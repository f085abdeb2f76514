import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { loaderMessages, scenarioPath } from '../helpers/scenarios.js';

/** The loader's one line per problem in the service classes, release, shipping and quality sections, with the path into the document. */

const base = JSON.parse(readFileSync(scenarioPath('default.json'), 'utf8'));
delete base.$schema;
const msgs = (extra: Record<string, unknown>) => loaderMessages({ ...base, ...extra });
const ONE = [{ name: 'a', share: 1, due: '1h' }];

describe('loader errors of the service sections', () => {
  it('accepts classes, waves, shipping rules and quality together', () => {
    expect(
      msgs({
        serviceClasses: [
          { name: 'same-day', share: 0.2, cutoff: ['09:40', '14:00'], priority: 2 },
          { name: 'express', share: 0.3, due: '20m', priority: 1 },
          { name: 'standard', share: 0.5, due: '2h' },
        ],
        release: { mode: 'waves', waves: ['08:00', '10:00'] },
        shipping: { rules: { 'same-day': 'split', standard: 'ship-complete' } },
        quality: { pickErrorRate: { people: 0.01, arms: 0.002 }, packCheck: 0.8 },
      }),
    ).toEqual([]);
  });

  it('service classes: shares adding up to 1, one due time or cut-off each, distinct names, cut-offs in order, priorities not negative', () => {
    expect(msgs({ serviceClasses: [{ name: 'a', share: 0.5, due: '1h' }, { name: 'b', share: 0.4, due: '2h' }] })).toEqual([
      'site.json: serviceClasses: shares add up to 0.9; they must add up to 1',
    ]);
    expect(msgs({ serviceClasses: [{ name: 'a', share: 0.5, due: '1h' }, { name: 'a', share: 0.5, cutoff: '14:00' }] })).toEqual([
      "site.json: serviceClasses[1].name: 'a' is also serviceClasses[0].name: class names must differ",
    ]);
    expect(msgs({ serviceClasses: [{ name: 'a', share: 1, due: '1h', cutoff: '14:00' }] })).toEqual(['site.json: serviceClasses[0]: has both due and cutoff: give one']);
    expect(msgs({ serviceClasses: [{ name: 'a', share: 1 }] })).toEqual(['site.json: serviceClasses[0]: expected a due time or a cutoff']);
    expect(msgs({ serviceClasses: [{ name: 'a', share: 1, cutoff: ['14:00', '12:00'] }] })).toEqual([
      "site.json: serviceClasses[0].cutoff[1]: '12:00' is not after '14:00': cut-offs go in order of the day",
    ]);
    expect(msgs({ serviceClasses: [{ name: 'a', share: -0.5, due: '1h' }, { name: 'b', share: 1.5, due: '1h' }] })).toEqual([
      'site.json: serviceClasses[0].share: Too small: expected number to be >=0',
      'site.json: serviceClasses[1].share: Too big: expected number to be <=1',
    ]);
    expect(msgs({ serviceClasses: [{ name: 'a', share: 1, due: '1h', priority: -1 }] })).toEqual(['site.json: serviceClasses[0].priority: Too small: expected number to be >=0']);
    expect(msgs({ serviceClasses: [] })).toEqual(['site.json: serviceClasses: Too small: expected array to have >=1 items']);
    expect(msgs({ serviceClasses: [{ name: 'a', share: 1, cutoff: '7pm' }] })[0]).toMatch(/^site\.json: serviceClasses\[0\]\.cutoff: /);
  });

  it('release: wave times in order of the day, given exactly for mode waves', () => {
    expect(msgs({ release: { mode: 'waves', waves: ['10:00', '09:00'] } })).toEqual([
      "site.json: release.waves[1]: '09:00' is not after '10:00': waves go in order of the day",
    ]);
    expect(msgs({ release: { mode: 'waves', waves: ['10:00', '10:00'] } })).toEqual([
      "site.json: release.waves[1]: '10:00' is not after '10:00': waves go in order of the day",
    ]);
    expect(msgs({ release: { mode: 'waves' } })).toEqual(['site.json: release.waves: expected at least one wave time for mode waves']);
    expect(msgs({ release: { mode: 'continuous', waves: ['10:00'] } })).toEqual([
      "site.json: release.waves: are given but mode is 'continuous': set mode to 'waves' or leave waves out",
    ]);
    expect(msgs({ release: { mode: 'waves', waves: ['25:00'] } })).toEqual(['site.json: release.waves[0]: expected a time of day like "06:00" or "17:30"']);
    expect(msgs({ release: { mode: 'bursts' } })[0]).toMatch(/^site\.json: release\.mode: /);
  });

  it('shipping: rules name existing classes, and need classes', () => {
    expect(msgs({ serviceClasses: ONE, shipping: { rules: { b: 'split' } } })).toEqual(["site.json: shipping.rules.b: 'b' is not a service class (serviceClasses: 'a')"]);
    expect(msgs({ shipping: { rules: { a: 'split' } } })).toEqual(['site.json: shipping: needs serviceClasses: shipping rules are given per service class']);
    expect(msgs({ serviceClasses: ONE, shipping: { rules: { a: 'partial' } } })).toEqual(['site.json: shipping.rules.a: Invalid option: expected one of "ship-complete"|"split"']);
  });

  it('quality: rates and the pack check are probabilities', () => {
    expect(msgs({ quality: { pickErrorRate: { people: -0.1 } } })).toEqual(['site.json: quality.pickErrorRate.people: Too small: expected number to be >=0']);
    expect(msgs({ quality: { pickErrorRate: { arms: 2 }, packCheck: 1.5 } })).toEqual([
      'site.json: quality.pickErrorRate.arms: Too big: expected number to be <=1',
      'site.json: quality.packCheck: Too big: expected number to be <=1',
    ]);
    expect(msgs({ quality: { packCheck: -1 } })).toEqual(['site.json: quality.packCheck: Too small: expected number to be >=0']);
    expect(msgs({ quality: { pickErrorRate: { robots: 0.1 } } })[0]).toMatch(/^site\.json: quality\.pickErrorRate: .*robots/);
  });
});
