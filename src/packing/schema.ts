import { z } from 'zod';
import type { TickDistribution } from '../core/config.js';
import type { ZoneConfig } from '../people/config.js';
import { checkTimeDistribution, type Fail, PositiveDuration, secondsOf, TimeDistribution, tickDistribution } from '../scenario/primitives.js';
import { stationExists, StationIndex } from '../stations/schema.js';
import { sortedSides, type Carton } from './cartons.js';
import type { PackStationSpec } from './pack-station.js';
import type { PackingConfig } from './packing.js';

/** The `packing` section of the scenario file: pack stations. */

/** Cartons used when a scenario lists none: inner sides in cm, longest first. */
export const DEFAULT_CARTONS = [
  { name: 'S', cm: [25, 20, 10] as [number, number, number] },
  { name: 'M', cm: [35, 25, 15] as [number, number, number] },
  { name: 'L', cm: [45, 35, 25] as [number, number, number] },
  { name: 'XL', cm: [60, 40, 40] as [number, number, number] },
];

const Side = z.number().min(0.1).max(1000);

const Carton = z.strictObject({
  name: z.string().min(1),
  cm: z.tuple([Side, Side, Side]).describe('Inner sides in cm, any order'),
});

const PackCommon = {
  id: z.string().min(1),
  stations: z.array(StationIndex).default([]).describe('Pick stations whose finished totes are packed here'),
  zones: z.array(z.string().min(1)).default([]).describe('Picker zones (by id) whose finished totes are packed here'),
  lanes: z.number().int().positive().max(1000).default(1).describe('Machines (auto) or people (manual) side by side, one parcel each'),
  cartons: z.array(Carton).min(1).optional().describe('Cartons to choose from; omitted = packing.cartons'),
  maxFill: z.number().gt(0).max(1).optional().describe('Share of a carton the items may fill; default 0.8 auto, 0.6 manual'),
  queueCapacity: z.number().int().positive().max(100_000).default(10).describe('Totes that may wait at the infeed'),
};

const AutoPacker = z.strictObject({
  mode: z.literal('auto'),
  ...PackCommon,
  perHour: z.number().positive().max(100_000).default(600).describe('Parcels per hour per machine'),
  rightSize: z.boolean().default(false).describe('Make every box to measure instead of choosing a carton'),
  jams: z
    .strictObject({ mtbj: PositiveDuration.describe('Mean busy time between jams'), clear: PositiveDuration.describe('Mean time to clear a jam') })
    .optional()
    .describe('Random jams (exponential, seeded)'),
});

const ManualPacker = z.strictObject({
  mode: z.literal('manual'),
  ...PackCommon,
  packSeconds: TimeDistribution.default(45).describe('A person\'s time per parcel: seconds or a distribution'),
});

/** Pack stations between the pick points and their outfeeds (`packing`). */
export const Packing = z
  .strictObject({
    items: z
      .strictObject({
        medianCm: z.tuple([Side, Side, Side]).default([25, 18, 8]).describe('Median sides of one unit, cm'),
        spread: z.number().min(0).max(2).default(0.4).describe('Log-spread of each side around its median'),
      })
      .prefault({})
      .describe('Unit sizes per SKU: lognormal sides, drawn once (seeded)'),
    cartons: z.array(Carton).min(1).default(DEFAULT_CARTONS).describe('Carton set shared by the pack stations'),
    stations: z.array(z.discriminatedUnion('mode', [AutoPacker, ManualPacker])).min(1),
  })
  .describe('Pack stations between the pick points and their outfeeds');

/** Default share of a carton the items may fill: a machine packs tighter than a person. */
const MAX_FILL = { auto: 0.8, manual: 0.6 } as const;

/** What pack stations are resolved against: the layout's stations, the tick and the picker zones. */
export interface PackingContext {
  stationCount: number;
  tick: number;
  zones: readonly ZoneConfig[];
}

/**
 * Resolves the `packing` section (null when the scenario has none): the
 * stations and zones each pack station serves checked (each pick point packed
 * at one), seconds to ticks, cartons sorted smallest first. Problems go to
 * `fail` with the path into the file.
 */
export function buildPacking(pk: z.output<typeof Packing> | undefined, ctx: PackingContext, fail: Fail): PackingConfig | null {
  if (!pk) return null;
  const { tick } = ctx;
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
  const zoneIndex = new Map(ctx.zones.map((z, k) => [z.name, k]));
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
      if (stationExists(q, x, ctx.stationCount, fail) && claim(`s${x}`, q, `station ${x}`)) st.push(x);
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
    const secs = (v: number | string) => secondsOf(v) / tick;
    let packTicks: TickDistribution;
    let jams: PackStationSpec['jams'] = null;
    let rightSize = false;
    if (p.mode === 'auto') {
      packTicks = { kind: 'fixed', value: 3600 / p.perHour / tick };
      rightSize = p.rightSize;
      if (p.jams) jams = { mtbjTicks: Math.max(1, secs(p.jams.mtbj)), clearTicks: Math.max(1, secs(p.jams.clear)) };
    } else {
      checkTimeDistribution(`${path}.packSeconds`, p.packSeconds, fail);
      packTicks = tickDistribution(p.packSeconds, tick);
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
  return { itemMedianCm: pk.items.medianCm, itemSpread: pk.items.spread, stations };
}
