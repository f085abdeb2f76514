import { z } from 'zod';
import { parseDuration, parseTimeOfDay } from '../core/duration.js';
import { Duration, type Fail, PositiveDuration, secondsOf, TimeOfDay } from '../scenario/primitives.js';
import { SlottingName } from '../storage/schema.js';
import type { DemandConfig, RateSegment, ReleaseConfig, ServiceClassConfig } from './config.js';
import { ORDER_ASSIGNMENTS } from './order-assignment.js';

/** The order settings of the scenario file: the `demand`, `serviceClasses` and `release` sections and the order-to-station assignment names of `stations`. */

/** The names a registry knows, for a zod enum (a strategy registered in code is accepted by the schema too). */
const names = (registry: Record<string, unknown>) => Object.keys(registry) as [string, ...string[]];

export const OrderAssignmentName = z
  .enum(names(ORDER_ASSIGNMENTS))
  .describe('Order-to-station assignment: least-loaded, fcfs (round robin), lines-in-common, pod-matching');

const ProfileSegment = z.strictObject({ from: Duration, multiplier: z.number().nonnegative().finite() });

export const Demand = z.strictObject({
  ordersPerHour: z.number().nonnegative().max(1_000_000),
  profile: z
    .union([z.array(z.number().nonnegative().finite()).min(1), z.array(ProfileSegment).min(1)])
    .optional()
    .describe('Hourly multipliers (repeating daily), or [{from, multiplier}] segments'),
  linesPerOrder: z
    .union([z.number().int().positive().max(1000), z.strictObject({ min: z.number().int().positive().max(1000), max: z.number().int().positive().max(1000) })])
    .default(1),
  skus: z.number().int().positive().max(10_000_000).default(1000),
  zipf: z.number().nonnegative().max(10).default(1).describe('Popularity skew: 0 uniform, 1 classic Zipf'),
  replicas: z.number().int().positive().max(1000).default(1).describe('Pods each SKU is stored in'),
  slotting: SlottingName.default('random'),
  affinity: z.number().min(0).max(1).default(0).describe("Probability that a line after an order's first is drawn from the first line's SKU family"),
  families: z.number().int().positive().max(1_000_000).default(10).describe('SKUs per family (for affinity and correlated slotting)'),
  reslotEvery: PositiveDuration.default('1h').describe('Interval between re-slotting looks of the dynamic slotting'),
  due: PositiveDuration.default('2h').describe('Due time after arrival (SLA) for orders whose dock has no cut-off'),
  peakFactor: z.number().positive().max(100).default(1).describe('Multiplies the arrival rate: 3 for a 3x sale day'),
  unitsPerLine: z
    .union([z.number().int().positive().max(10_000), z.strictObject({ min: z.number().int().positive().max(10_000), max: z.number().int().positive().max(10_000) })])
    .default(1)
    .describe('Units (items) per order line'),
});

/** Shares may add up to 1 within this (they are written as decimals). */
const SHARE_SLACK = 1e-6;

const ServiceClass = z.strictObject({
  name: z.string().min(1).max(60).describe('Name of the class, e.g. same-day, express, standard'),
  share: z.number().min(0).max(1).describe('Share of the orders in this class; the shares of all classes add up to 1'),
  due: PositiveDuration.optional().describe('Due time after arrival; give this or cutoff'),
  cutoff: z.union([TimeOfDay, z.array(TimeOfDay).min(1).max(48)]).optional().describe('Carrier cut-off time(s) of day: an order is due at the first cut-off after it arrives; give this or due'),
  priority: z.number().int().min(0).max(1000).default(0).describe('Higher is served first: order-to-station assignment and pod requests'),
});

/** The service classes of orders: each order's class is drawn by the shares from its own seeded stream. */
export const ServiceClasses = z
  .array(ServiceClass)
  .min(1)
  .max(32)
  .superRefine((classes, ctx) => {
    const seen = new Map<string, number>();
    let total = 0;
    classes.forEach((c, k) => {
      total += c.share;
      const dup = seen.get(c.name);
      if (dup !== undefined) ctx.addIssue({ code: 'custom', path: [k, 'name'], message: `'${c.name}' is also serviceClasses[${dup}].name: class names must differ` });
      seen.set(c.name, k);
      if ((c.due === undefined) === (c.cutoff === undefined)) {
        ctx.addIssue({ code: 'custom', path: [k], message: c.due === undefined ? 'expected a due time or a cutoff' : 'has both due and cutoff: give one' });
      }
      const cutoffs = typeof c.cutoff === 'string' ? [c.cutoff] : (c.cutoff ?? []);
      for (let j = 1; j < cutoffs.length; j++) {
        if ((parseTimeOfDay(cutoffs[j]) ?? 0) <= (parseTimeOfDay(cutoffs[j - 1]) ?? 0)) {
          ctx.addIssue({ code: 'custom', path: [k, 'cutoff', j], message: `'${cutoffs[j]}' is not after '${cutoffs[j - 1]}': cut-offs go in order of the day` });
        }
      }
    });
    if (classes.length > 0 && Math.abs(total - 1) > SHARE_SLACK) ctx.addIssue({ code: 'custom', message: `shares add up to ${Number(total.toPrecision(6))}; they must add up to 1` });
  })
  .describe('Service classes of orders (omitted = every order alike)');

/** When orders are released to picking. */
export const Release = z
  .strictObject({
    mode: z.enum(['continuous', 'waves']).default('continuous').describe('continuous: at arrival; waves: held until the next wave time'),
    waves: z.array(TimeOfDay).max(96).optional().describe('Wave times of day, in order (mode waves)'),
  })
  .superRefine((r, ctx) => {
    const waves = r.waves ?? [];
    if (r.mode === 'waves' && waves.length === 0) ctx.addIssue({ code: 'custom', path: ['waves'], message: 'expected at least one wave time for mode waves' });
    if (r.mode === 'continuous' && waves.length > 0) ctx.addIssue({ code: 'custom', path: ['waves'], message: "are given but mode is 'continuous': set mode to 'waves' or leave waves out" });
    for (let j = 1; j < waves.length; j++) {
      if ((parseTimeOfDay(waves[j]) ?? 0) <= (parseTimeOfDay(waves[j - 1]) ?? 0)) {
        ctx.addIssue({ code: 'custom', path: ['waves', j], message: `'${waves[j]}' is not after '${waves[j - 1]}': waves go in order of the day` });
      }
    }
  })
  .describe('Order release: continuous (at arrival) or in waves at times of day');

export type ServiceClassesFile = z.output<typeof ServiceClasses>;
export type ReleaseFile = z.output<typeof Release>;

/** The service classes in ticks, with each one's rank in the order of service (equal priorities share a rank). */
export function buildClasses(classes: ServiceClassesFile | undefined, tickSeconds: number): ServiceClassConfig[] | null {
  if (classes === undefined) return null;
  const priorities = [...new Set(classes.map((c) => c.priority))].sort((a, b) => b - a);
  return classes.map((c) => {
    const cutoffs = typeof c.cutoff === 'string' ? [c.cutoff] : (c.cutoff ?? []);
    return {
      name: c.name,
      share: c.share,
      dueTicks: c.due === undefined ? -1 : Math.max(1, Math.round((parseDuration(c.due) ?? 0) / tickSeconds)),
      cutoffTicks: cutoffs.map((t) => Math.round((parseTimeOfDay(t) ?? 0) / tickSeconds)),
      priority: c.priority,
      rank: priorities.indexOf(c.priority),
    };
  });
}

/** The release in ticks, or null for continuous release (the default). */
export function buildRelease(release: ReleaseFile | undefined, tickSeconds: number): ReleaseConfig | null {
  if (release === undefined || release.mode === 'continuous') return null;
  return { waveTicks: (release.waves ?? []).map((t) => Math.round((parseTimeOfDay(t) ?? 0) / tickSeconds)) };
}

export type DemandFile = z.output<typeof Demand>;

/** The arrival profile in ticks: hourly multipliers (repeating) or segments from a time on (sorted, starting at 0). */
function profileSegments(demand: DemandFile, tick: number): { segments: RateSegment[]; period: number } {
  const p = demand.profile;
  if (!p) return { segments: [{ fromTick: 0, multiplier: 1 }], period: 0 };
  if (typeof p[0] === 'number') {
    const hourTicks = 3600 / tick;
    return {
      segments: (p as number[]).map((m, h) => ({ fromTick: Math.round(h * hourTicks), multiplier: m })),
      period: Math.round(p.length * hourTicks),
    };
  }
  const segs = (p as { from: number | string; multiplier: number }[])
    .map((g) => ({ fromTick: Math.round(secondsOf(g.from) / tick), multiplier: g.multiplier }))
    .sort((a, b) => a.fromTick - b.fromTick);
  if (segs[0].fromTick > 0) segs.unshift({ fromTick: 0, multiplier: 1 });
  return { segments: segs, period: 0 };
}

/**
 * Resolves the `demand` section: lines per order and units per line as
 * ranges (a range whose min is above its max reported, lines first), the
 * profile, due time and re-slotting interval in ticks.
 */
export function buildDemand(demand: DemandFile, tick: number, fail: Fail): DemandConfig {
  const lines = demand.linesPerOrder;
  const [linesMin, linesMax] = typeof lines === 'number' ? [lines, lines] : [lines.min, lines.max];
  if (linesMin > linesMax) fail('demand.linesPerOrder', `min ${linesMin} is above max ${linesMax}`);
  const units = demand.unitsPerLine;
  const [unitsMin, unitsMax] = typeof units === 'number' ? [units, units] : [units.min, units.max];
  if (unitsMin > unitsMax) fail('demand.unitsPerLine', `min ${unitsMin} is above max ${unitsMax}`);
  const { segments, period } = profileSegments(demand, tick);
  return {
    ordersPerHour: demand.ordersPerHour,
    profile: segments,
    profilePeriodTicks: period,
    linesMin,
    linesMax,
    skuCount: demand.skus,
    zipf: demand.zipf,
    replicas: demand.replicas,
    slotting: demand.slotting,
    dueTicks: Math.round(secondsOf(demand.due) / tick),
    peakFactor: demand.peakFactor,
    unitsMin,
    unitsMax,
    affinity: demand.affinity,
    familySize: demand.families,
    reslotEveryTicks: Math.max(1, Math.round(secondsOf(demand.reslotEvery) / tick)),
  };
}
