import { z } from 'zod';
import { PositiveDuration, TimeDistribution } from './primitives.js';

/** Scenario sections for station automation: robotic picking arms (`stations.arms`) and pack stations (`packing`). */

/** Cartons used when a scenario lists none: inner sides in cm, longest first. */
export const DEFAULT_CARTONS = [
  { name: 'S', cm: [25, 20, 10] as [number, number, number] },
  { name: 'M', cm: [35, 25, 15] as [number, number, number] },
  { name: 'L', cm: [45, 35, 25] as [number, number, number] },
  { name: 'XL', cm: [60, 40, 40] as [number, number, number] },
];

const Side = z.number().min(0.1).max(1000);
const StationIndex = z.number().int().nonnegative().describe('Pick station index, in layout order');

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

/** Robotic picking arms at some stations (`stations.arms`). */
export const Arms = z.array(Arm).min(1).describe('Robotic picking arms at some stations; the others keep people');
