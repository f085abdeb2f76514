import type { TickDistribution } from '../core/config.js';
import type { ZoneConfig } from '../people/config.js';
import { parseDuration } from '../core/duration.js';
import type { ArmSpec } from '../stations/arms.js';
import { sortedSides, type Carton } from '../packing/cartons.js';
import type { PackingConfig } from '../packing/packing.js';
import type { PackStationSpec } from '../packing/pack-station.js';
import type { ScenarioFile } from './schema.js';

type Fail = (path: string, message: string) => void;
type Dist = ScenarioFile['stations']['pickSeconds'];

/** Default share of a carton the items may fill: a machine packs tighter than a person. */
const MAX_FILL = { auto: 0.8, manual: 0.6 } as const;

/** Robotic picking arms and pack stations, resolved (null when the scenario has none). */
export interface AutomationConfig {
  arms: ArmSpec[] | null;
  packing: PackingConfig | null;
}

/**
 * Resolves `stations.arms` and `packing` against the layout and the picker
 * zones: station indices and zone ids checked, seconds to ticks, cartons
 * sorted smallest first. Problems go to `fail` with the path into the file.
 */
export function buildAutomation(
  s: ScenarioFile,
  stationCount: number,
  tick: number,
  zones: readonly ZoneConfig[],
  dist: (p: Dist) => TickDistribution,
  fail: Fail,
): AutomationConfig {
  const station = (path: string, k: number): boolean => {
    if (k < stationCount) return true;
    fail(path, stationCount === 0 ? `station ${k} does not exist: the layout has no pick station` : `station ${k} does not exist: the layout has ${stationCount} station(s), 0 to ${stationCount - 1}`);
    return false;
  };
  const checkDist = (path: string, d: Dist) => {
    if (typeof d === 'object' && d.dist === 'uniform' && d.min > d.max) fail(path, `min ${d.min} is above max ${d.max}`);
  };

  let arms: ArmSpec[] | null = null;
  const armsIn = s.stations.arms;
  if (armsIn) {
    const armAt = new Map<number, string>();
    const skus = s.demand.skus;
    arms = armsIn.map((a, k) => {
      const path = `stations.arms[${k}]`;
      const stations: number[] = [];
      a.stations.forEach((x, j) => {
        const p = `${path}.stations[${j}]`;
        if (!station(p, x)) return;
        const other = armAt.get(x);
        if (other !== undefined) return fail(p, `station ${x} is already listed at ${other}: a station has one kind of picker`);
        armAt.set(x, p);
        stations.push(x);
      });
      const ranges: [number, number][] = [];
      a.cannotHandle.skus.forEach((r, j) => {
        const p = `${path}.cannotHandle.skus[${j}]`;
        if (r.from >= r.to) fail(p, `[${r.from}, ${r.to}) is empty: from must be below to`);
        else if (r.from >= skus) fail(`${p}.from`, `${r.from} is beyond the ${skus} SKUs of demand.skus`);
        else ranges.push([r.from, r.to]);
      });
      checkDist(`${path}.fallbackSeconds`, a.fallbackSeconds);
      return {
        name: a.model,
        stations,
        cycleTicks: 3600 / a.picksPerHour / tick,
        graspFailure: a.graspFailure,
        onFailure: a.onFailure,
        retries: a.retries,
        fallback: dist(a.fallbackSeconds),
        unhandledShare: a.cannotHandle.share,
        unhandledRanges: ranges,
      };
    });
  }

  let packing: PackingConfig | null = null;
  const pk = s.packing;
  if (pk) {
    const ids = new Map<string, number>();
    const feeds = new Map<string, string>();
    const claim = (key: string, path: string, what: string) => {
      const other = feeds.get(key);
      if (other !== undefined) {
        fail(path, `${what} is already packed at ${other}: each pick point has one pack station`);
        return false;
      }
      feeds.set(key, path);
      return true;
    };
    const zoneIndex = new Map(zones.map((z, k) => [z.name, k]));
    const cartonsOf = (path: string, list: { name: string; cm: [number, number, number] }[]): Carton[] => {
      const seen = new Set<string>();
      list.forEach((c, j) => {
        if (seen.has(c.name)) fail(`${path}[${j}].name`, `'${c.name}' names another carton of the list`);
        seen.add(c.name);
      });
      const cartons = list.map((c) => {
        const [l, w, h] = sortedSides(...c.cm);
        return { name: c.name, l, w, h };
      });
      // Smallest first (stable, so equal volumes keep the file's order).
      return cartons.map((c, j) => ({ c, j })).sort((x, y) => x.c.l * x.c.w * x.c.h - y.c.l * y.c.w * y.c.h || x.j - y.j).map((x) => x.c);
    };
    const shared = cartonsOf('packing.cartons', pk.cartons);
    const stations: PackStationSpec[] = pk.stations.map((p, k) => {
      const path = `packing.stations[${k}]`;
      const dup = ids.get(p.id);
      if (dup !== undefined) fail(`${path}.id`, `'${p.id}' is already the id of packing.stations[${dup}]`);
      ids.set(p.id, k);
      const st: number[] = [];
      p.stations.forEach((x, j) => {
        const q = `${path}.stations[${j}]`;
        if (station(q, x) && claim(`s${x}`, q, `station ${x}`)) st.push(x);
      });
      const zs: number[] = [];
      p.zones.forEach((id, j) => {
        const q = `${path}.zones[${j}]`;
        const z = zoneIndex.get(id);
        if (z === undefined) fail(q, `unknown picker zone '${id}'; expected one of: ${[...zoneIndex.keys()].join(', ') || '(the scenario has no picker zones)'}`);
        else if (claim(`z${z}`, q, `zone '${id}'`)) zs.push(z);
      });
      if (p.stations.length === 0 && p.zones.length === 0) fail(path, 'packs for no pick point: list its `stations` and/or `zones`');
      const cartons = p.cartons ? cartonsOf(`${path}.cartons`, p.cartons) : shared;
      const secs = (v: number | string) => (parseDuration(v) ?? 0) / tick;
      let packTicks: TickDistribution;
      let jams: PackStationSpec['jams'] = null;
      let rightSize = false;
      if (p.mode === 'auto') {
        packTicks = { kind: 'fixed', value: 3600 / p.perHour / tick };
        rightSize = p.rightSize;
        if (p.jams) jams = { mtbjTicks: Math.max(1, secs(p.jams.mtbj)), clearTicks: Math.max(1, secs(p.jams.clear)) };
      } else {
        checkDist(`${path}.packSeconds`, p.packSeconds);
        packTicks = dist(p.packSeconds);
      }
      return {
        name: p.id,
        mode: p.mode,
        lanes: p.lanes,
        packTicks,
        cartons,
        rightSize,
        maxFill: p.maxFill ?? MAX_FILL[p.mode],
        jams,
        queueCapacity: p.queueCapacity,
        stations: st,
        zones: zs,
      };
    });
    packing = { itemMedianCm: pk.items.medianCm, itemSpread: pk.items.spread, stations };
  }
  return { arms, packing };
}
