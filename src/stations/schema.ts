import { z } from 'zod';
import { OrderAssignmentName } from '../orders/schema.js';
import { TimeDistribution } from '../scenario/primitives.js';

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
