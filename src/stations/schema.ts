import { z } from 'zod';
import { OrderAssignmentName } from '../orders/schema.js';
import { checkTimeDistribution, type Fail, TimeDistribution, tickDistribution } from '../scenario/primitives.js';
import type { ArmSpec } from './arms.js';
import type { StationConfig } from './config.js';

/** The `stations` section of the scenario file, with its robotic picking arms (`stations.arms`). */

/** A pick station, by its index in layout order. */
export const StationIndex = z.number().int().nonnegative().describe('Pick station index, in layout order');

const Arm = z.strictObject({
  model: z.string().min(1).default('arm').describe('Name of the arm model, for the report'),
  stations: z.array(StationIndex).min(1).describe('Stations whose pickers are arms of this model'),
  picksPerHour: z.number().positive().max(100_000).default(600).describe('Grasp cycles per hour (each attempt, successful or not, takes one)'),
  graspFailure: z.number().min(0).max(1).default(0).describe('Probability that a grasp fails'),
  onFailure: z.enum(['retry', 'human']).default('human').describe("After a failed grasp: 'retry' (up to `retries` times, then a person) or 'human' (a person at once)"),
  retries: z.number().int().nonnegative().max(100).default(1).describe("Further grasps after a failed one, with onFailure 'retry'"),
  fallbackSeconds: TimeDistribution.default(10).describe('A person\'s time to pick a line the arm cannot: seconds or a distribution'),
  cannotHandle: z
    .strictObject({
      share: z.number().min(0).max(1).default(0).describe('Share of SKUs the arm cannot handle, drawn per SKU (seeded)'),
      skus: z
        .array(z.strictObject({ from: z.number().int().nonnegative(), to: z.number().int().positive() }))
        .default([])
        .describe('SKU popularity-rank ranges [from, to) the arm cannot handle'),
    })
    .prefault({})
    .describe('SKUs the arm cannot handle: a person at the station picks them'),
});

/** Robotic picking arms at some stations (`stations.arms`). */
export const Arms = z.array(Arm).min(1).describe('Robotic picking arms at some stations; the others keep people');

export const Stations = z.strictObject({
  pickSeconds: TimeDistribution.default(6),
  pickers: z.number().int().positive().max(64).default(1),
  queueCapacity: z.number().int().positive().max(10_000).default(4),
  orderAssignment: OrderAssignmentName.default('least-loaded'),
  arms: Arms.optional().describe('Robotic picking arms at some stations; omitted = people at every station'),
});

/**
 * Whether station `k` exists among the layout's `stationCount`; reports it
 * at `path` when it does not.
 */
export function stationExists(path: string, k: number, stationCount: number, fail: Fail): boolean {
  if (k < stationCount) return true;
  fail(path, stationCount === 0 ? `station ${k} does not exist: the layout has no pick station` : `station ${k} does not exist: the layout has ${stationCount} station(s), 0 to ${stationCount - 1}`);
  return false;
}

/** What arms are resolved against: the layout's stations, the tick and the SKUs in demand. */
export interface ArmsContext {
  stationCount: number;
  tick: number;
  /** `demand.skus`. */
  skuCount: number;
}

/**
 * Resolves `stations.arms` (null when the scenario has none): station
 * indices checked, each station with one kind of picker, SKU ranges checked
 * against demand, seconds to ticks. Problems go to `fail` with the path into
 * the file.
 */
export function buildArms(armsIn: z.output<typeof Arms> | undefined, ctx: ArmsContext, fail: Fail): ArmSpec[] | null {
  if (!armsIn) return null;
  const { tick, skuCount: skus } = ctx;
  const armAt = new Map<number, string>();
  return armsIn.map((a, k) => {
    const path = `stations.arms[${k}]`;
    const stations: number[] = [];
    a.stations.forEach((x, j) => {
      const p = `${path}.stations[${j}]`;
      if (!stationExists(p, x, ctx.stationCount, fail)) return;
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
    checkTimeDistribution(`${path}.fallbackSeconds`, a.fallbackSeconds, fail);
    return {
      name: a.model,
      stations,
      cycleTicks: 3600 / a.picksPerHour / tick,
      graspFailure: a.graspFailure,
      onFailure: a.onFailure,
      retries: a.retries,
      fallback: tickDistribution(a.fallbackSeconds, tick),
      unhandledShare: a.cannotHandle.share,
      unhandledRanges: ranges,
    };
  });
}

/** Resolves the `stations` section's pick settings: the pick time in ticks (a uniform one whose min is above its max reported). */
export function buildStations(stations: z.output<typeof Stations>, tick: number, fail: Fail): StationConfig {
  checkTimeDistribution('stations.pickSeconds', stations.pickSeconds, fail);
  return {
    pick: tickDistribution(stations.pickSeconds, tick),
    pickers: stations.pickers,
    queueCapacity: stations.queueCapacity,
    orderAssignment: stations.orderAssignment,
  };
}
