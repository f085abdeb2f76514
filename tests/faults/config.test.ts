import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { ScenarioErrors } from '../../src/scenario/errors.js';
import { scenarioFromJson } from '../../src/scenario/load.js';
import { scenarioPath } from '../helpers/scenarios.js';

// eslint-disable-next-line @typescript-eslint/no-explicit-any
type Json = any;
const hub = (faults: Json): Json => ({ ...JSON.parse(readFileSync(scenarioPath('hub.json'), 'utf8')), faults });

/** The loader's messages for a document, one `path: message` per problem. */
function problems(doc: Json): string[] {
  try {
    scenarioFromJson('site.json', doc);
  } catch (e) {
    if (e instanceof ScenarioErrors) return e.errors.map((x) => `${x.path}: ${x.detail}`);
    if (e instanceof Error && 'path' in e) return [`${(e as Json).path}: ${(e as Json).detail}`];
    throw e;
  }
  return [];
}

describe('the faults section', () => {
  it('resolves names and durations (from the start of the run) to indices and ticks', () => {
    const { config } = scenarioFromJson(
      'site.json',
      hub({
        robots: { mtbf: '8h', mttr: '10m', breakdowns: [{ robot: 3, at: '1h', for: '5m' }] },
        closures: [{ area: [[4, 20], [4, 10]], from: '2h', to: '2h30m' }],
        conveyors: [{ conveyor: 'main', mtbf: '2h', mttr: '5m' }, { conveyor: 'in-1', from: '1h', to: '1h10m' }],
        chutes: [{ sorter: 'sorter', chute: 2, from: '3h', to: '3h20m' }],
        stations: [{ station: 1, from: '1h', to: '1h30m' }],
      }),
    );
    const f = config.faults!;
    // 2/3 s ticks (1 m cells at 1.5 m/s).
    expect(f.robots).toEqual({ mtbfTicks: 43200, mttrTicks: 900 });
    expect(f.breakdowns).toEqual([{ robot: 3, atTick: 5400, forTicks: 450 }]);
    expect(f.replanAboveTicks).toBe(90);
    expect(f.closures[0].area).toEqual([4, 10, 4, 20]);
    expect(f.closures[0].cells.length).toBe(11);
    expect([f.closures[0].fromTick, f.closures[0].toTick]).toEqual([10800, 13500]);
    expect(f.conveyors).toEqual([
      { conveyor: 4, outage: { mtbfTicks: 10800, mttrTicks: 450 } },
      { conveyor: 0, outage: { fromTick: 5400, toTick: 6300 } },
    ]);
    expect(f.chutes).toEqual([{ sorter: 0, chute: 2, outage: { fromTick: 16200, toTick: 18000 } }]);
    expect(f.stations).toEqual([{ station: 1, fromTick: 5400, toTick: 8100 }]);
    expect(scenarioFromJson('site.json', hub(undefined)).config.faults).toBeNull();
  });

  it('refuses what does not resolve, with the path into the file', () => {
    expect(
      problems(
        hub({
          robots: { mtbf: '8h', breakdowns: [{ robot: 36, at: '1h', for: '5m' }] },
          closures: [
            { area: [[4, 10], [4, 60]], from: '2h', to: '3h' },
            { area: [[2, 36], [4, 38]], from: '2h', to: '3h' },
            { area: [[1, 40], [1, 44]], from: '2h', to: '3h' },
            { area: [[1, 1], [1, 5]], from: '2h', to: '1h' },
          ],
          conveyors: [{ conveyor: 'mian', from: '1h', to: '2h' }, { conveyor: 'main', from: '1h', mttr: '2m' }, { conveyor: 'main', mtbf: '1h' }, { conveyor: 'main' }],
          chutes: [{ sorter: 'sorter', chute: 3, from: '1h', to: '2h' }, { sorter: 'sortr', chute: 0, from: '1h', to: '2h' }],
          stations: [{ station: 4, from: '1h', to: '2h' }],
          pickers: [{ zone: 'west', count: 1, from: '1h', to: '2h' }],
        }),
      ),
    ).toEqual([
      'faults.robots.mttr: required with mtbf',
      'faults.robots.breakdowns[0].robot: robot 36 does not exist: robots.count is 36 (robots are numbered from 0)',
      'faults.closures[0].area: reaches outside the 22x48 layout',
      'faults.closures[1].area: covers the pick station at [3, 38]: close a station with faults.stations',
      'faults.closures[2].area: [1, 40] to [1, 44] holds no floor robots drive on',
      'faults.closures[3].to: "1h" is not after from ("2h"): a window must last some time',
      "faults.conveyors[0].conveyor: unknown conveyor 'mian'; expected one of: in-1, in-2, in-3, in-4, main",
      'faults.conveyors[1]: give either a window (from, to) or random outages (mtbf, mttr), not both',
      'faults.conveyors[2].mttr: required with mtbf',
      'faults.conveyors[3]: give a window (from, to) or random outages (mtbf, mttr)',
      "faults.chutes[0].chute: sorter 'sorter' has 3 chute(s), numbered from 0",
      "faults.chutes[1].sorter: unknown sorter 'sortr'; expected one of: sorter",
      'faults.stations[0].station: station 4 does not exist: the layout has 4 (numbered from 0 in layout order)',
      "faults.pickers[0].zone: unknown zone 'west'; expected one of: (the scenario has no picker zones)",
    ]);
  });

  it('checks the shape with the schema: counts, unknown keys, durations', () => {
    expect(problems(hub({ pickers: [{ zone: 'z', count: 0, from: '1h', to: '2h' }], robots: { mtbf: 'soon', mttr: '5m' }, stations: [{ station: 0, from: '1h', until: '2h' }] }))).toEqual([
      'faults.robots.mtbf: expected a duration: seconds, or a string like "8h", "90m", "45s"',
      'faults.stations[0].to: required, but missing',
      'faults.stations[0]: Unrecognized key: "until"',
      'faults.pickers[0].count: Too small: expected number to be >0',
    ]);
    const zones = JSON.parse(readFileSync(scenarioPath('person-to-goods.json'), 'utf8'));
    zones.faults = { pickers: [{ zone: 'west', count: 5, from: '1h', to: '2h' }] };
    expect(problems(zones)).toEqual(["faults.pickers[0].count: 5 people absent, but zone 'west' has 4"]);
  });
});
