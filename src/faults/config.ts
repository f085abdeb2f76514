import type { OutboundConfig } from '../outbound/config.js';
import type { ZoneConfig } from '../people/config.js';
import { parseDuration } from '../core/duration.js';
import { CellKind, robotWalkable, type Grid } from '../layout/grid.js';
import type { ScenarioFile } from '../scenario/schema.js';
import type { FaultsConfig, OutageSpec } from './types.js';

type Fail = (path: string, message: string) => void;

const secondsOf = (v: number | string | undefined) => (v === undefined ? 0 : (parseDuration(v) ?? 0));

/** What the faults refer to, resolved from the rest of the scenario. */
export interface FaultTargets {
  robots: number;
  zones: ZoneConfig[];
  outbound: OutboundConfig | null;
}

/**
 * Resolves the scenario's `faults` section against the layout and the other
 * sections: names to indices, durations (from the start of the run) to ticks.
 * Problems go to `fail` with the path into the file. Returns null without a
 * `faults` section.
 */
export function buildFaults(s: ScenarioFile, grid: Grid, tick: number, targets: FaultTargets, fail: Fail): FaultsConfig | null {
  const f = s.faults;
  if (!f) return null;
  const ticks = (v: number | string | undefined) => Math.round(secondsOf(v) / tick);
  const at = (row: number, col: number) => `[${row}, ${col}]`;

  const window = (path: string, from: number | string, to: number | string): { fromTick: number; toTick: number } => {
    const a = ticks(from);
    const b = ticks(to);
    if (secondsOf(to) <= secondsOf(from)) fail(`${path}.to`, `${JSON.stringify(to)} is not after from (${JSON.stringify(from)}): a window must last some time`);
    return { fromTick: a, toTick: Math.max(a + 1, b) };
  };

  const outage = (path: string, o: { from?: number | string; to?: number | string; mtbf?: number | string; mttr?: number | string }): OutageSpec => {
    const win = o.from !== undefined || o.to !== undefined;
    const rnd = o.mtbf !== undefined || o.mttr !== undefined;
    if (win && rnd) {
      fail(path, 'give either a window (from, to) or random outages (mtbf, mttr), not both');
      return { fromTick: 0, toTick: 1 };
    }
    if (rnd) {
      if (o.mtbf === undefined) fail(`${path}.mtbf`, 'required with mttr');
      if (o.mttr === undefined) fail(`${path}.mttr`, 'required with mtbf');
      return { mtbfTicks: Math.max(1, secondsOf(o.mtbf) / tick), mttrTicks: Math.max(1, secondsOf(o.mttr) / tick) };
    }
    if (o.from === undefined || o.to === undefined) {
      fail(path, o.from === undefined && o.to === undefined ? 'give a window (from, to) or random outages (mtbf, mttr)' : `${o.from === undefined ? 'from' : 'to'} is required with ${o.from === undefined ? 'to' : 'from'}`);
      return { fromTick: 0, toTick: 1 };
    }
    return window(path, o.from, o.to);
  };

  // Robots.
  let robots: FaultsConfig['robots'] = null;
  const breakdowns: FaultsConfig['breakdowns'] = [];
  const rf = f.robots;
  if (rf) {
    if (rf.mtbf !== undefined && rf.mttr === undefined) fail('faults.robots.mttr', 'required with mtbf');
    if (rf.mttr !== undefined && rf.mtbf === undefined) fail('faults.robots.mtbf', 'required with mttr');
    if (rf.mtbf !== undefined && rf.mttr !== undefined) {
      robots = { mtbfTicks: Math.max(1, secondsOf(rf.mtbf) / tick), mttrTicks: Math.max(1, secondsOf(rf.mttr) / tick) };
    }
    rf.breakdowns.forEach((b, k) => {
      if (b.robot >= targets.robots) {
        fail(`faults.robots.breakdowns[${k}].robot`, `robot ${b.robot} does not exist: robots.count is ${targets.robots} (robots are numbered from 0)`);
        return;
      }
      breakdowns.push({ robot: b.robot, atTick: ticks(b.at), forTicks: Math.max(1, ticks(b.for)) });
    });
    breakdowns.sort((a, b) => a.atTick - b.atTick);
  }

  // Closed areas.
  const closures: FaultsConfig['closures'] = [];
  f.closures.forEach((c, k) => {
    const path = `faults.closures[${k}]`;
    const [[ra, ca], [rb, cb]] = c.area;
    const r0 = Math.min(ra, rb);
    const r1 = Math.max(ra, rb);
    const c0 = Math.min(ca, cb);
    const c1 = Math.max(ca, cb);
    if (r1 >= grid.height || c1 >= grid.width) {
      fail(`${path}.area`, `reaches outside the ${grid.height}x${grid.width} layout`);
      return;
    }
    const cells: number[] = [];
    for (let r = r0; r <= r1; r++) {
      for (let col = c0; col <= c1; col++) {
        const cell = r * grid.width + col;
        const kind = grid.kind[cell];
        if (kind === CellKind.Station) {
          fail(`${path}.area`, `covers the pick station at ${at(r, col)}: close a station with faults.stations`);
          return;
        }
        if (robotWalkable(kind)) cells.push(cell);
      }
    }
    if (cells.length === 0) {
      fail(`${path}.area`, `${at(r0, c0)} to ${at(r1, c1)} holds no floor robots drive on`);
      return;
    }
    closures.push({ area: [r0, c0, r1, c1], cells: Int32Array.from(cells), ...window(path, c.from, c.to) });
  });

  // Conveyors and chutes.
  const ob = targets.outbound;
  const conveyors: FaultsConfig['conveyors'] = [];
  f.conveyors.forEach((c, k) => {
    const path = `faults.conveyors[${k}]`;
    const index = ob ? ob.conveyors.findIndex((x) => x.name === c.conveyor) : -1;
    if (index < 0) {
      const known = ob?.conveyors.map((x) => x.name).join(', ') || '(the scenario has no conveyors)';
      fail(`${path}.conveyor`, `unknown conveyor '${c.conveyor}'; expected one of: ${known}`);
      return;
    }
    conveyors.push({ conveyor: index, outage: outage(path, c) });
  });
  const chutes: FaultsConfig['chutes'] = [];
  f.chutes.forEach((c, k) => {
    const path = `faults.chutes[${k}]`;
    const sorter = ob ? ob.sorters.findIndex((x) => x.name === c.sorter) : -1;
    if (sorter < 0) {
      const known = ob?.sorters.map((x) => x.name).join(', ') || '(the scenario has no sorters)';
      fail(`${path}.sorter`, `unknown sorter '${c.sorter}'; expected one of: ${known}`);
      return;
    }
    const n = ob!.sorters[sorter].chutes.length;
    if (c.chute >= n) {
      fail(`${path}.chute`, `sorter '${c.sorter}' has ${n} chute(s), numbered from 0`);
      return;
    }
    chutes.push({ sorter, chute: c.chute, outage: outage(path, c) });
  });

  // Stations and people.
  const stations: FaultsConfig['stations'] = [];
  f.stations.forEach((c, k) => {
    const path = `faults.stations[${k}]`;
    if (c.station >= grid.stations.length) {
      fail(`${path}.station`, `station ${c.station} does not exist: the layout has ${grid.stations.length} (numbered from 0 in layout order)`);
      return;
    }
    stations.push({ station: c.station, ...window(path, c.from, c.to) });
  });
  const pickers: FaultsConfig['pickers'] = [];
  f.pickers.forEach((c, k) => {
    const path = `faults.pickers[${k}]`;
    const zone = targets.zones.findIndex((z) => z.name === c.zone);
    if (zone < 0) {
      const known = targets.zones.map((z) => z.name).join(', ') || '(the scenario has no picker zones)';
      fail(`${path}.zone`, `unknown zone '${c.zone}'; expected one of: ${known}`);
      return;
    }
    const people = targets.zones[zone].pickers;
    if (c.count > people) {
      fail(`${path}.count`, `${c.count} people absent, but zone '${c.zone}' has ${people}`);
      return;
    }
    pickers.push({ zone, count: c.count, ...window(path, c.from, c.to) });
  });

  return {
    robots,
    breakdowns,
    replanAboveTicks: Math.round(secondsOf(rf?.replanAbove ?? 60) / tick),
    closures,
    conveyors,
    chutes,
    stations,
    pickers,
  };
}
