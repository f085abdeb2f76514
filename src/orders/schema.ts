import { z } from 'zod';
import { Duration, PositiveDuration } from '../scenario/primitives.js';
import { SlottingName } from '../storage/schema.js';
import { ORDER_ASSIGNMENTS } from './order-assignment.js';

/** The order settings of the scenario file: the `demand` section and the order-to-station assignment names of `stations`. */

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
