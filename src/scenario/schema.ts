import { z } from 'zod';
import { parseDuration } from '../core/duration.js';

/** Seconds as a number, or a string like "8h", "90m", "1h30m". */
export const Duration = z
  .union([z.number().nonnegative().finite(), z.string()])
  .refine((v) => parseDuration(v) !== null, { message: 'expected a duration: seconds, or a string like "8h", "90m", "45s"' })
  .describe('Seconds, or a string like "8h", "90m", "1h30m".');

const PositiveDuration = Duration.refine((v) => (parseDuration(v) ?? 0) > 0, { message: 'expected a duration above zero' });

/** A pick time: fixed seconds or a distribution. */
export const TimeDistribution = z.union([
  z.number().positive().finite(),
  z.strictObject({ dist: z.literal('uniform'), min: z.number().nonnegative().finite(), max: z.number().positive().finite() }),
  z.strictObject({ dist: z.literal('exponential'), mean: z.number().positive().finite() }),
  z.strictObject({ dist: z.literal('lognormal'), mean: z.number().positive().finite(), sd: z.number().nonnegative().finite() }),
]);

const Cell = z.tuple([z.number().int().nonnegative(), z.number().int().nonnegative()]).describe('[row, col]');

export const GeneratedLayout = z.strictObject({
  kind: z.literal('warehouse'),
  width: z.number().int().min(10).max(2000),
  height: z.number().int().min(8).max(2000),
  stations: z.number().int().min(1),
  chargers: z.number().int().min(0),
  blockWidth: z.number().int().min(1).optional(),
  blockDepth: z.number().int().min(1).max(2).optional(),
  aisle: z.number().int().min(1).optional(),
  buffer: z.number().int().min(1).optional(),
  stationSide: z.enum(['west', 'east', 'both']).optional(),
});

export const Layout = z
  .union([
    z.strictObject({
      grid: z.array(z.string().min(1)).min(1).describe('Rows of . @ T R P C'),
      cellSize: z.number().positive().finite().optional(),
    }),
    z.strictObject({
      map: z.string().min(1).describe('MovingAI .map file, relative to the scenario file'),
      cellSize: z.number().positive().finite().optional(),
    }),
    z.strictObject({
      generate: GeneratedLayout,
      cellSize: z.number().positive().finite().optional(),
    }),
  ])
  .describe('Inline grid rows, a MovingAI map file, or a generated warehouse. cellSize in metres (default 1).');

export const Battery = z.strictObject({
  capacityWh: z.number().positive().finite().default(1000),
  moveWh: z.number().nonnegative().finite().default(0.5).describe('Energy per cell moved (Wh)'),
  idleWatts: z.number().nonnegative().finite().default(30).describe('Base draw while on (W)'),
  chargeWatts: z.number().positive().finite().default(2000),
  chargeBelow: z.number().min(0).max(1).default(0.2).describe('Go charging below this fraction'),
  chargeUntil: z.number().min(0).max(1).default(0.95),
  initial: z.number().min(0).max(1).default(1),
});

export const Robots = z.strictObject({
  count: z.number().int().positive().max(100_000),
  start: z.array(Cell).optional().describe('Start cells; omitted = spread over free floor'),
  speed: z.number().positive().finite().default(1).describe('Metres per second: one cell per tick'),
  rotationSeconds: z.number().nonnegative().finite().default(0).describe('Time for a 90-degree turn; 0 = free'),
  battery: Battery.prefault({}),
});

const ProfileSegment = z.strictObject({ from: Duration, multiplier: z.number().nonnegative().finite() });

export const Demand = z.strictObject({
  ordersPerHour: z.number().nonnegative().finite(),
  profile: z
    .union([z.array(z.number().nonnegative().finite()).min(1), z.array(ProfileSegment).min(1)])
    .optional()
    .describe('Hourly multipliers (repeating daily), or [{from, multiplier}] segments'),
  linesPerOrder: z
    .union([z.number().int().positive(), z.strictObject({ min: z.number().int().positive(), max: z.number().int().positive() })])
    .default(1),
  skus: z.number().int().positive().max(10_000_000).default(1000),
  zipf: z.number().nonnegative().finite().default(1).describe('Popularity skew: 0 uniform, 1 classic Zipf'),
  replicas: z.number().int().positive().default(1).describe('Pods each SKU is stored in'),
  slotting: z.enum(['random', 'velocity']).default('random'),
  due: PositiveDuration.default('2h').describe('Due time after arrival (SLA)'),
});

export const Stations = z.strictObject({
  pickSeconds: TimeDistribution.default(6),
  pickers: z.number().int().positive().max(64).default(1),
  queueCapacity: z.number().int().positive().default(4),
});

export const Fleet = z.strictObject({
  assignment: z.enum(['nearest', 'hungarian']).default('nearest'),
  planner: z.enum(['pibt', 'whca']).default('pibt'),
  window: z.number().int().min(1).max(64).default(8),
  replanEvery: z.number().int().min(1).max(64).default(4),
});

/** A wsim scenario file. */
export const Scenario = z.strictObject({
  $schema: z.string().optional(),
  name: z.string().min(1),
  description: z.string().optional(),
  seed: z.union([z.number().int(), z.string().min(1)]).default(1),
  duration: PositiveDuration,
  layout: Layout,
  robots: Robots,
  demand: Demand,
  stations: Stations.prefault({}),
  fleet: Fleet.prefault({}),
});

export type ScenarioInput = z.input<typeof Scenario>;
export type ScenarioFile = z.output<typeof Scenario>;

/** JSON Schema of the scenario file as written by people (defaults optional). */
export function scenarioJsonSchema(): unknown {
  return z.toJSONSchema(Scenario, { io: 'input', unrepresentable: 'any' });
}
