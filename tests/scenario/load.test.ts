import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ScenarioError, ScenarioErrors } from '../../src/scenario/errors.js';
import { loadScenario, scenarioFromJson } from '../../src/scenario/load.js';
import { scenarioJsonSchema } from '../../src/scenario/schema.js';
import { scenarioPath, smallSite } from '../helpers/scenarios.js';

const base = () => smallSite('t', 3);

/** The messages a bad document produces (each `file: path: message`). */
function problems(json: unknown, file = 'bad.json'): string[] {
  try {
    scenarioFromJson(file, json);
  } catch (e) {
    if (e instanceof ScenarioErrors) return e.errors.map((x) => x.message);
    if (e instanceof ScenarioError) return [e.message];
    throw e;
  }
  return [];
}

describe('scenario loading', () => {
  it('loads the shipped scenarios', () => {
    for (const name of ['default.json', 'dense.json']) {
      const { config } = loadScenario(scenarioPath(name));
      expect(config.ticks).toBeGreaterThan(0);
      expect(config.grid.stations.length).toBeGreaterThan(0);
    }
  });

  it('converts durations to ticks once, from the cell size and speed', () => {
    const json = { ...base(), duration: '1h30m', layout: { ...base().layout, cellSize: 1.2 }, robots: { count: 2, speed: 1.2 } };
    const { config } = scenarioFromJson('ok.json', json);
    expect(config.tickSeconds).toBeCloseTo(1);
    expect(config.ticks).toBe(5400);
    expect(config.demand.dueTicks).toBe(7200);
  });

  it('accepts a hourly profile and piecewise segments', () => {
    const hourly = scenarioFromJson('ok.json', { ...base(), demand: { ordersPerHour: 60, profile: [1, 2, 3] } }).config;
    expect(hourly.demand.profile.map((s) => s.multiplier)).toEqual([1, 2, 3]);
    expect(hourly.demand.profilePeriodTicks).toBe(3 * 3600);
    const segs = scenarioFromJson('ok.json', { ...base(), demand: { ordersPerHour: 60, profile: [{ from: '2h', multiplier: 3 }] } }).config;
    expect(segs.demand.profile).toEqual([
      { fromTick: 0, multiplier: 1 },
      { fromTick: 7200, multiplier: 3 },
    ]);
  });

  it('names the file, the path into it and what was expected', () => {
    expect(problems({ ...base(), robots: { count: -3 } })).toEqual(['bad.json: robots.count: Too small: expected number to be >=0']);
    const planner = problems({ ...base(), fleet: { planner: 'astar' } });
    expect(planner).toHaveLength(1);
    expect(planner[0]).toMatch(/^bad\.json: fleet\.planner: .*"pibt".*"whca"/);
    expect(problems({ ...base(), duration: 'soon' })[0]).toMatch(/^bad\.json: duration: expected a duration/);
    expect(problems({ ...base(), duration: -5 })[0]).toMatch(/^bad\.json: duration: /);
    expect(problems({ ...base(), bogus: 1 })[0]).toMatch(/bad\.json: Unrecognized key: "bogus"/);
    const { name, ...noName } = base();
    void name;
    expect(problems(noName)).toEqual(['bad.json: name: required, but missing']);
    expect(problems({ ...base(), stations: { pickSeconds: { dist: 'uniform', min: 1 } } })).toEqual([
      'bad.json: stations.pickSeconds.max: required, but missing',
    ]);
    expect(problems([])[0]).toMatch(/^bad\.json: /);
  });

  it('points into the layout', () => {
    const grid = base().layout.grid.slice();
    grid[2] = '@.RX..@';
    expect(problems({ ...base(), layout: { grid } })).toEqual([
      "bad.json: layout.grid[2]: unknown character 'X' at row 2, column 3; expected one of .GSE@TOWRPC#m=+U",
    ]);
    expect(problems({ ...base(), layout: { grid: ['@@@', '@.@@'] } })[0]).toMatch(/layout\.grid\[1\]: row 1 has 4 characters; expected 3/);
    expect(problems({ ...base(), layout: { grid: ['@', '.'], map: 'x.map' } })[0]).toMatch(/^bad\.json: layout: Unrecognized key/);
  });

  it('refuses a layout with no station, or with a station no robot can reach', () => {
    expect(problems({ ...base(), layout: { grid: ['@@@@@', '@.R.@', '@..C@', '@@@@@'] } })[0]).toMatch(
      /bad\.json: layout: the layout has no pick station/,
    );
    const walledOff = ['@@@@@@@', '@P@..C@', '@@@R..@', '@.....@', '@@@@@@@'];
    expect(problems({ ...base(), layout: { grid: walledOff } })).toContain(
      'bad.json: layout: the pick station at row 1, column 1 cannot be reached by any robot',
    );
  });

  it('refuses pods that cannot reach a station loaded', () => {
    const buried = ['@@@@@@@', '@P...C@', '@.RRR.@', '@.RRR.@', '@.RRR.@', '@.....@', '@@@@@@@'];
    expect(problems({ ...base(), layout: { grid: buried } })[0]).toMatch(/1 storage location\(s\) cannot reach any station with a pod \(first at row 3, column 3\)/);
  });

  it('checks start cells', () => {
    expect(problems({ ...base(), robots: { count: 2, start: [[0, 0], [1, 2]] } })).toEqual(['bad.json: robots.start[0]: [0, 0] is not floor robots may drive on']);
    expect(problems({ ...base(), robots: { count: 2, start: [[1, 2], [1, 2]] } })[0]).toMatch(/robots\.start\[1\]: \[1, 2\] is also robots\.start\[0\]/);
    expect(problems({ ...base(), robots: { count: 3, start: [[1, 2]] } })[0]).toMatch(/robots\.start: has 1 cells but robots\.count is 3/);
    expect(problems({ ...base(), robots: { count: 99 } })[0]).toMatch(/robots\.count: 99 robots do not fit/);
  });

  it('reports a missing file, bad JSON and a missing map with the file named', () => {
    const dir = mkdtempSync(join(tmpdir(), 'wsim-'));
    expect(() => loadScenario(join(dir, 'nope.json'))).toThrow(/nope\.json: file not found/);
    const bad = join(dir, 'bad.json');
    writeFileSync(bad, '{\n  "name": "x",\n  oops\n}');
    expect(() => loadScenario(bad)).toThrow(/bad\.json: not valid JSON at line 3, column 3/);
    const missing = join(dir, 'missing-map.json');
    writeFileSync(missing, JSON.stringify({ ...base(), layout: { map: 'layouts/none.map' } }));
    expect(() => loadScenario(missing)).toThrow(/missing-map\.json: layout\.map: map file not found: .*layouts\/none\.map/);
  });

  it('loads MovingAI maps relative to the scenario, plain benchmark maps included', () => {
    const dir = mkdtempSync(join(tmpdir(), 'wsim-'));
    writeFileSync(join(dir, 'site.map'), 'type octile\nheight 4\nwidth 6\nmap\n@@@@@@\n@P.RC@\n@..T.@\n@@@@@@\n');
    writeFileSync(join(dir, 's.json'), JSON.stringify({ ...base(), layout: { map: 'site.map' } }));
    const { config } = loadScenario(join(dir, 's.json'));
    expect(config.grid.width).toBe(6);
    expect(config.grid.stations).toEqual(Int32Array.from([7]));
    writeFileSync(join(dir, 'bad.map'), 'type octile\nheight 3\nwidth 6\nmap\n@@@@@@\n@....@\n');
    writeFileSync(join(dir, 'b.json'), JSON.stringify({ ...base(), layout: { map: 'bad.map' } }));
    expect(() => loadScenario(join(dir, 'b.json'))).toThrow(/bad\.map: the map header says height 3 but 2 rows follow/);
  });

  it('exports a JSON Schema in input mode (defaults optional)', () => {
    const schema = scenarioJsonSchema() as { required: string[]; properties: Record<string, unknown> };
    expect(schema.required).toEqual(expect.arrayContaining(['name', 'duration', 'layout', 'robots', 'demand']));
    expect(schema.required).not.toContain('fleet');
    expect(Object.keys(schema.properties)).toEqual(expect.arrayContaining(['$schema', 'seed', 'stations', 'fleet']));
  });
});
