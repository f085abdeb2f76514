import { z } from 'zod';
import { parseTimeOfDay } from '../core/duration.js';
import { DistanceCache, UNREACHABLE } from '../layout/distance.js';
import type { Grid } from '../layout/grid.js';
import { TimeOfDay } from '../scenario/primitives.js';
import type { InboundConfig, TruckConfig } from './config.js';
import type { ReplenishmentConfig, StockLevel } from './replenishment.js';

type Fail = (path: string, message: string) => void;

const Truck = z.strictObject({
  at: TimeOfDay.describe('Time of day the truck arrives, every day'),
  units: z.number().int().positive().max(100_000_000).optional().describe('Units it brings: drawn from the demand mix (seeded) under the replenishment policy none, else what the policy orders up to this many'),
  skus: z
    .array(z.strictObject({ sku: z.number().int().nonnegative().describe('SKU index (0 = most popular)'), units: z.number().int().positive().max(100_000_000) }))
    .min(1)
    .optional()
    .describe('The SKUs and units it brings, as listed (instead of units)'),
});

/**
 * The scenario's `inbound` section: trucks on a daily schedule, unloaded at
 * receiving into a buffer, and put stations ('U' cells) where people stow
 * the units into pods robots bring. Needs an `inventory` section.
 */
export const Inbound = z.strictObject({
  trucks: z.array(Truck).min(1).max(1000).describe('The daily truck schedule'),
  unloadUnitsPerHour: z.number().positive().max(10_000_000).default(6000).describe('Units unloaded from trucks into the receiving buffer per hour, all docks together'),
  bufferUnits: z.number().int().positive().max(1_000_000_000).default(50_000).describe('Units the receiving buffer holds; unloading waits while it is full'),
  stowSeconds: z.number().positive().max(3600).default(3).describe('Seconds a person at a put station takes to stow one unit'),
  putQueue: z.number().int().positive().max(100).default(2).describe('Pods sent to one put station at a time (stowing there or on their way)'),
});

export type InboundFile = z.output<typeof Inbound>;

/**
 * Resolves the `inbound` section (null without it): checks the put stations
 * on the layout (at least one, each reachable by a robot carrying a pod from
 * storage) and every listed SKU. Problems go to `fail` with their path.
 */
export function buildInbound(
  inb: InboundFile | undefined,
  site: { grid: Grid; tickSeconds: number; skuCount: number; skuInPods: (sku: number) => boolean; inventory: boolean; policy: boolean; faults: boolean },
  fail: Fail,
): InboundConfig | null {
  if (!inb) return null;
  const { grid } = site;
  if (!site.inventory) fail('inbound', 'receives stock into pod slots, which needs an inventory section');
  if (site.faults) fail('inbound', 'put-away under faults is not modelled: drop faults or inbound');
  if (grid.putStations.length === 0) fail('inbound', "the layout has no put station: add at least one 'U' cell");
  checkPutStations(grid, fail);
  const trucks: TruckConfig[] = inb.trucks.map((t, k) => {
    const path = `inbound.trucks[${k}]`;
    if (t.units !== undefined && t.skus !== undefined) fail(path, 'expected units or skus, not both');
    if (t.units === undefined && t.skus === undefined && !site.policy) fail(path, 'expected units or skus (or a replenishment policy to decide what it brings)');
    t.skus?.forEach((e, n) => {
      if (e.sku >= site.skuCount) fail(`${path}.skus[${n}].sku`, `is ${e.sku}, but demand.skus is ${site.skuCount}: SKUs are 0 to ${site.skuCount - 1}`);
      else if (!site.skuInPods(e.sku)) fail(`${path}.skus[${n}].sku`, `is ${e.sku}, which a picker zone holds on shelves, not a pod`);
    });
    return { atTickOfDay: Math.round((parseTimeOfDay(t.at) ?? 0) / site.tickSeconds), units: t.units ?? null, skus: t.skus?.map((e) => ({ sku: e.sku, units: e.units })) ?? null };
  });
  return {
    trucks,
    unloadUnitsPerTick: (inb.unloadUnitsPerHour * site.tickSeconds) / 3600,
    bufferUnits: inb.bufferUnits,
    stowTicksPerUnit: inb.stowSeconds / site.tickSeconds,
    putQueue: inb.putQueue,
  };
}

/** Each put station must be reachable by a robot carrying a pod from some storage location (leaving onto a neighbour of it). */
function checkPutStations(grid: Grid, fail: Fail): void {
  if (grid.storage.length === 0) return;
  const cache = new DistanceCache(grid, 16 * 1024 * 1024);
  for (const u of grid.putStations) {
    const loaded = cache.get(u, true);
    let ok = false;
    for (let k = 0; k < grid.storage.length && !ok; k++) {
      const home = grid.storage[k];
      for (let d = 0; d < 4 && !ok; d++) {
        const v = grid.nbr[home * 4 + d];
        ok = v >= 0 && loaded[v] !== UNREACHABLE;
      }
    }
    if (!ok) fail('layout', `the put station at row ${Math.floor(u / grid.width)}, column ${u % grid.width} cannot be reached by a robot carrying a pod from storage`);
  }
}

const Level = z
  .strictObject({
    units: z.number().int().nonnegative().max(1_000_000_000).optional().describe('Units of the SKU over all its pods'),
    daysOfCover: z.number().nonnegative().max(3650).optional().describe("Days of the SKU's demand (as for inventory.initial.daysOfCover, over all its pods)"),
  })
  .describe('A per-SKU stock level: units or daysOfCover, not both');

/**
 * The scenario's `replenishment` section: the policy deciding what trucks
 * that list no SKUs bring. Needs an `inbound` section.
 */
export const Replenishment = z.strictObject({
  policy: z.enum(['none', 'min-max', 'forecast']).describe("none: trucks bring units drawn from the demand mix; min-max: SKUs at or below min are ordered up to max; forecast: every SKU up to its share of the forecast demand over horizonHours plus safetyDays"),
  min: Level.optional().describe('min-max: the reorder point (inventory position: on hand + on its way - backordered)'),
  max: Level.optional().describe('min-max: the order-up-to level'),
  horizonHours: z.number().int().min(1).max(168).default(24).describe('forecast: hours of forecast demand ordered up to'),
  safetyDays: z.number().nonnegative().max(365).default(0.25).describe("forecast: safety stock, days of the SKU's base demand"),
});

export type ReplenishmentFile = z.output<typeof Replenishment>;

function level(l: z.output<typeof Level>, path: string, fail: Fail): StockLevel {
  if ((l.units === undefined) === (l.daysOfCover === undefined)) fail(path, 'expected exactly one of units or daysOfCover');
  return l.units !== undefined ? { kind: 'units', units: l.units } : { kind: 'days', days: l.daysOfCover ?? 0 };
}

/** Resolves the `replenishment` section (null without it). Problems go to `fail` with their path. */
export function buildReplenishment(r: ReplenishmentFile | undefined, inbound: boolean, fail: Fail): ReplenishmentConfig | null {
  if (!r) return null;
  if (!inbound) fail('replenishment', 'decides what trucks bring, which needs an inbound section');
  const minMax = r.policy === 'min-max';
  if (minMax && r.min === undefined) fail('replenishment.min', 'is required by the min-max policy');
  if (minMax && r.max === undefined) fail('replenishment.max', 'is required by the min-max policy');
  if (!minMax && r.min !== undefined) fail('replenishment.min', `is for the min-max policy, not ${r.policy}`);
  if (!minMax && r.max !== undefined) fail('replenishment.max', `is for the min-max policy, not ${r.policy}`);
  const min = r.min ? level(r.min, 'replenishment.min', fail) : ({ kind: 'units', units: 0 } as const);
  const max = r.max ? level(r.max, 'replenishment.max', fail) : ({ kind: 'units', units: 0 } as const);
  if (r.min && r.max && min.kind === max.kind && (min.kind === 'units' ? min.units : min.days) > (max.kind === 'units' ? max.units : max.days)) {
    fail('replenishment.max', 'is below replenishment.min: the order-up-to level must be at least the reorder point');
  }
  return { policy: r.policy, min, max, horizonHours: r.horizonHours, safetyDays: r.safetyDays };
}
