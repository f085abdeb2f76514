import { describe, expect, it } from 'vitest';
import { ScenarioError, ScenarioErrors } from '../../src/scenario/errors.js';
import { scenarioFromJson } from '../../src/scenario/load.js';

const base = () => ({
  name: 't',
  duration: '10m',
  layout: { grid: ['@@@@@@@', '@P...C@', '@.RR..@', '@.RR..@', '@@@@@@@'] },
  robots: { count: 2 },
  demand: { ordersPerHour: 60 } as Record<string, unknown>,
});

function problems(json: unknown): string[] {
  try {
    scenarioFromJson('bad.json', json);
  } catch (e) {
    if (e instanceof ScenarioErrors) return e.errors.map((x) => x.message);
    if (e instanceof ScenarioError) return [e.message];
    throw e;
  }
  return [];
}

describe('strategy keys in scenario files', () => {
  it('defaults: today\'s behaviour', () => {
    const { config, scenario } = scenarioFromJson('ok.json', base());
    expect(config.demand).toMatchObject({ slotting: 'random', affinity: 0, familySize: 10, reslotEveryTicks: 3600 });
    expect(config.stations.orderAssignment).toBe('least-loaded');
    expect(config.storage).toEqual({ podReturn: 'fixed-home', podFill: 1 });
    expect(scenario.storage).toEqual({ podReturn: 'fixed-home', podFill: 1 });
  });

  it('reads every key, durations in ticks', () => {
    const json = {
      ...base(),
      robots: { count: 2, speed: 2 },
      demand: { ordersPerHour: 60, slotting: 'correlated', affinity: 0.4, families: 6, reslotEvery: '20m' },
      stations: { orderAssignment: 'pod-matching' },
      storage: { podReturn: 'turnover', podFill: 0.5 },
    };
    const { config } = scenarioFromJson('ok.json', json);
    expect(config.demand).toMatchObject({ slotting: 'correlated', affinity: 0.4, familySize: 6, reslotEveryTicks: 2400 });
    expect(config.stations.orderAssignment).toBe('pod-matching');
    expect(config.storage).toEqual({ podReturn: 'turnover', podFill: 0.5 });
  });

  it('names the allowed strategies and the bounds', () => {
    expect(problems({ ...base(), demand: { ordersPerHour: 60, slotting: 'abc' } })[0]).toMatch(
      /^bad\.json: demand\.slotting: .*"random".*"velocity".*"cube-per-order".*"correlated".*"dynamic"/,
    );
    expect(problems({ ...base(), stations: { orderAssignment: 'nearest' } })[0]).toMatch(
      /^bad\.json: stations\.orderAssignment: .*"least-loaded".*"fcfs".*"lines-in-common".*"pod-matching"/,
    );
    expect(problems({ ...base(), storage: { podReturn: 'home' } })[0]).toMatch(/^bad\.json: storage\.podReturn: .*"fixed-home".*"nearest-free".*"turnover"/);
    expect(problems({ ...base(), storage: { podFill: 0 } })[0]).toMatch(/^bad\.json: storage\.podFill: /);
    expect(problems({ ...base(), storage: { podFill: 1.2 } })[0]).toMatch(/^bad\.json: storage\.podFill: /);
    expect(problems({ ...base(), demand: { ordersPerHour: 60, affinity: 1.5 } })[0]).toMatch(/^bad\.json: demand\.affinity: /);
    expect(problems({ ...base(), demand: { ordersPerHour: 60, families: 0 } })[0]).toMatch(/^bad\.json: demand\.families: /);
    expect(problems({ ...base(), storage: { bogus: 1 } })[0]).toMatch(/Unrecognized key: "bogus"/);
  });

  it('dynamic slotting needs an empty location', () => {
    const dynamic = (podFill: number) => ({ ...base(), demand: { ordersPerHour: 60, slotting: 'dynamic' }, storage: { podFill } });
    expect(problems(dynamic(1))).toEqual([
      "bad.json: storage.podFill: is 1, which leaves none of the 4 storage locations empty, but 'dynamic' slotting moves pods through empty ones: set podFill to at most 0.75",
    ]);
    expect(problems(dynamic(0.9))).toHaveLength(1); // 4 x 0.1 rounds down to no empty location
    expect(problems(dynamic(0.75))).toEqual([]);
  });
});
