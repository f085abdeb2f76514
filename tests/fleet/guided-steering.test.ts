import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { ALONG, GuidedField } from '../../src/fleet/guided-field.js';
import { GuidedSteering } from '../../src/fleet/guided-steering.js';
import { TrafficPenalty, TRAFFIC_WINDOW } from '../../src/fleet/traffic-penalty.js';
import { OP_F, OP_W } from '../../src/fleet/operations.js';
import { DistanceCache, UNREACHABLE } from '../../src/layout/distance.js';
import { CellKind, gridFromRows } from '../../src/layout/grid.js';
import { loaderMessages, scenarioPath, simFromJson, smallSite, stableReport } from '../helpers/scenarios.js';

const site = () => smallSite('guided', 5);

/** The shipped default scenario, shortened, with `fleet` settings on top of its own. */
function defaultWith(fleet: Record<string, unknown>, duration = '20m', robots: Record<string, unknown> = {}) {
  const json = JSON.parse(readFileSync(scenarioPath('default.json'), 'utf8'));
  return { ...json, duration, robots: { ...json.robots, ...robots }, fleet: { ...json.fleet, ...fleet } };
}

describe('fleet.guidance', () => {
  it('takes none, lanes and traffic, and nothing else', () => {
    for (const guidance of ['none', 'lanes', 'traffic']) expect(loaderMessages({ ...site(), fleet: { guidance } })).toEqual([]);
    const bad = loaderMessages({ ...site(), fleet: { guidance: 'lane' } });
    expect(bad).toHaveLength(1);
    expect(bad[0]).toMatch(/^site\.json: fleet\.guidance: .*"none".*"lanes".*"traffic"/);
  });

  it('is refused with the whca planner, in one line', () => {
    const bad = loaderMessages({ ...site(), fleet: { planner: 'whca', guidance: 'lanes' } });
    expect(bad).toEqual([`site.json: fleet.guidance: 'lanes' needs planner 'pibt' or 'epibt': 'whca' plans on plain distances only (set fleet.guidance to 'none')`]);
    expect(loaderMessages({ ...site(), fleet: { planner: 'whca', guidance: 'none' } })).toEqual([]);
  });

  it("'none' runs exactly as a scenario without the setting", () => {
    const a = simFromJson(defaultWith({}));
    a.run();
    const b = simFromJson(defaultWith({ guidance: 'none' }));
    b.run();
    expect(stableReport(b)).toBe(stableReport(a));
  });

  it('lanes and traffic steer the robots: their runs differ from one on plain distances and from each other', () => {
    const report = (guidance: string) => {
      const sim = simFromJson(defaultWith({ guidance }));
      sim.run();
      return stableReport(sim);
    };
    const none = report('none');
    const lanes = report('lanes');
    const traffic = report('traffic');
    expect(lanes).not.toBe(none);
    expect(traffic).not.toBe(none);
    // Traffic costs are learned every TRAFFIC_WINDOW ticks: a 20-minute run has had them for most of its length.
    expect(traffic).not.toBe(lanes);
  });

  it.each([
    ['pibt', 'lanes', {}],
    ['pibt', 'traffic', {}],
    ['epibt', 'traffic', { rotationSeconds: 1 }],
  ])('%s with %s: the same seed gives the same report; no conflicts, books balanced', (planner, guidance, robots) => {
    const run = () => {
      const sim = simFromJson(defaultWith({ planner, guidance }, '30m', robots));
      sim.run();
      return sim;
    };
    const a = run();
    const b = run();
    expect(stableReport(a)).toBe(stableReport(b));
    const report = JSON.parse(stableReport(a));
    expect(report.robots.conflicts).toBe(0);
    expect(report.conservation.balanced).toBe(true);
    expect(report.orders.completed).toBeGreaterThan(20);
  });

  it('under faults (closed areas, robots broken down): no conflicts, books balanced', () => {
    const json = JSON.parse(readFileSync(scenarioPath('alerts-drill.json'), 'utf8'));
    const sim = simFromJson({ ...json, fleet: { ...json.fleet, guidance: 'traffic' } });
    let blockedTicks = 0;
    sim.observe(() => {
      if (sim.world.fields.blockedCells > 0) blockedTicks++;
    });
    sim.run();
    const report = JSON.parse(stableReport(sim));
    expect(blockedTicks).toBeGreaterThan(0);
    expect(report.robots.conflicts).toBe(0);
    expect(report.conservation.balanced).toBe(true);
  });
});

describe('guided fields for the engine', () => {
  // Storage blocks (R) with aisles round them; the station P on the left.
  const rows = ['.........', '.RR.RR.R.', '.RR.RR.R.', '.........', 'P........'];
  const grid = gridFromRows(rows);
  const at = (r: number, c: number) => r * grid.width + c;

  /**
   * Follows the cheapest neighbour from `from` to the goal, as a planner
   * does: a loaded robot enters no storage cell but its goal. Costs fall at
   * every move, so the way ends at the goal.
   */
  function route(f: GuidedField, from: number): number[] {
    const way = [from];
    let c = from;
    while (c !== f.goal) {
      f.ensure(c);
      let best = -1;
      for (let d = 0; d < 4; d++) {
        const v = grid.nbr[c * 4 + d];
        if (v < 0 || (f.loaded && grid.kind[v] === CellKind.Storage && v !== f.goal)) continue;
        if (best < 0 || f.at(v) < f.at(best)) best = v;
      }
      expect(f.at(best)).toBeLessThan(f.at(c));
      c = best;
      way.push(c);
    }
    return way;
  }

  it('a loaded robot is routed through no storage cell but its goal, and may leave the one it stands on', () => {
    const goal = at(2, 5);
    const loaded = new GuidedField(grid, goal, undefined, undefined, 0, undefined, true);
    const empty = new GuidedField(grid, goal, undefined, undefined, 0, undefined, false);
    // From every cell, storage cells included (a robot that has just lifted its pod stands on one): the way
    // passes no storage cell, its first cell aside, and each cost is the way's cost, move by move.
    for (const from of grid.free) {
      const way = route(loaded, from);
      for (const c of way.slice(1, -1)) expect(grid.kind[c]).not.toBe(CellKind.Storage);
    }
    // Hand check from the storage cell (2, 1): empty, the robot drives under the pods of its block; loaded, it
    // leaves by the aisle below and goes round the blocks: row 3 runs west, so on along row 4 (east) and up
    // column 5 (north) to the goal.
    const emptyWay = route(empty, at(2, 1));
    const loadedWay = route(loaded, at(2, 1));
    expect(emptyWay.slice(1, -1).some((c) => grid.kind[c] === CellKind.Storage)).toBe(true);
    expect(loadedWay).toEqual([at(2, 1), at(3, 1), at(3, 2), at(4, 2), at(4, 3), at(4, 4), at(4, 5), at(3, 5), at(2, 5)]);
  });

  it('keeps a field per goal and load, exact around each robot, with costs in units of ALONG', () => {
    const steering = new GuidedSteering(grid, 2, 'lanes', new DistanceCache(grid));
    const goal = Int32Array.of(at(4, 0), at(4, 0));
    const loaded = Uint8Array.of(0, 1);
    const cell = Int32Array.of(at(3, 8), at(1, 4));
    steering.update(goal, loaded, cell);
    const [a, b] = steering.field;
    expect(a).not.toBeNull();
    expect(b).not.toBe(a);
    // Exact at the robot's cell and its neighbours: at least ALONG per cell of the Manhattan distance.
    for (let i = 0; i < 2; i++) {
      const here = steering.exact(i, cell[i]);
      expect(steering.field[i]![steering.slot[cell[i]]]).toBe(here);
      expect(here).toBeGreaterThanOrEqual(ALONG * 9);
    }
  });
});

describe('guided fields and closed areas', () => {
  // An open floor; the middle column of rows 1 to 3 gets closed.
  const grid = gridFromRows(['.......', '.......', '.......', '.......', '.......']);
  const at = (r: number, c: number) => r * grid.width + c;
  const wall = [at(1, 3), at(2, 3), at(3, 3)];

  it('route robots outside round a closed area and robots inside out of it; fields that reached a changed cell are fetched anew', () => {
    const plain = new DistanceCache(grid);
    const steering = new GuidedSteering(grid, 2, 'lanes', plain);
    const goal = Int32Array.of(at(2, 6), at(2, 6));
    const loaded = Uint8Array.of(0, 0);
    const cell = Int32Array.of(at(2, 0), at(2, 3));
    steering.update(goal, loaded, cell);
    const straight = steering.exact(0, at(2, 0));
    expect(straight).toBe(6 * ALONG); // row 2 runs east: six moves along the lane
    plain.block(wall, 1);
    steering.update(goal, loaded, cell);
    // Robot 0's field had reached the closed cells: a new one (in the old one's recycled array), round the closed column.
    expect(steering.exact(0, at(2, 0))).toBeGreaterThan(straight);
    expect(steering.exact(0, at(2, 2))).toBeGreaterThan(4 * ALONG);
    // Robot 1 stands inside: it may leave, straight on to the goal.
    expect(steering.exact(1, at(2, 3))).toBe(3 * ALONG);
    // Reopened: straight on again.
    plain.block(wall, -1);
    steering.update(goal, loaded, cell);
    expect(steering.exact(0, at(2, 0))).toBe(straight);
  });
});

describe('TrafficPenalty', () => {
  it('charges a cell where robots stood held up, at the end of a window', () => {
    const learn = new TrafficPenalty(10, 2);
    const cell = Int32Array.of(3, 7);
    const goal = Int32Array.of(9, -1);
    const acts = Uint8Array.of(OP_W, OP_F);
    let penalty: Uint8Array | null = null;
    for (let step = 0; step < TRAFFIC_WINDOW; step++) {
      const p = learn.observe(step, acts, cell, goal);
      if (step < TRAFFIC_WINDOW - 1) expect(p).toBeNull();
      else penalty = p;
    }
    expect(penalty).not.toBeNull();
    expect(penalty![3]).toBeGreaterThan(0);
    expect(penalty![7]).toBe(0);
  });
});
