import { z } from 'zod';
import { parseDuration } from '../core/duration.js';

/**
 * The base schemas every scenario section builds on (durations, pick-time
 * distributions). A module of their own, importing no section, so that the
 * sections kept in files of their own can use them without an import cycle
 * through schema.ts.
 */

/** Longest duration accepted anywhere: a year and a day. */
export const MAX_SECONDS = 366 * 86400;

/** Seconds as a number, or a string like "8h", "90m", "1h30m". */
export const Duration = z
  .union([z.number().nonnegative().finite(), z.string()])
  .refine((v) => parseDuration(v) !== null, { message: 'expected a duration: seconds, or a string like "8h", "90m", "45s"' })
  .refine((v) => (parseDuration(v) ?? 0) <= MAX_SECONDS, { message: 'expected at most 366 days' })
  .describe('Seconds, or a string like "8h", "90m", "1h30m".');

export const PositiveDuration = Duration.refine((v) => (parseDuration(v) ?? 0) > 0, { message: 'expected a duration above zero' });

/** A pick time: fixed seconds or a distribution. */
export const TimeDistribution = z.union([
  z.number().positive().finite(),
  z.strictObject({ dist: z.literal('uniform'), min: z.number().nonnegative().finite(), max: z.number().positive().finite() }),
  z.strictObject({ dist: z.literal('exponential'), mean: z.number().positive().finite() }),
  z.strictObject({ dist: z.literal('lognormal'), mean: z.number().positive().finite(), sd: z.number().nonnegative().finite() }),
]);

