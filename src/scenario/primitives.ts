import { z } from 'zod';
import type { TickDistribution } from '../core/config.js';
import { parseDuration, parseTimeOfDay } from '../core/duration.js';
import type { Grid } from '../layout/grid.js';

/**
 * The base schemas every scenario section builds on (durations, pick-time
 * distributions, times of day, cells, outbound node ids) and the small
 * conversions every section's loading shares (seconds, pick times in ticks,
 * cells to indices). A module of their own, importing no section, so that the
 * sections kept in files of their own can use them without an import cycle
 * through schema.ts.
 */

/** Longest duration accepted anywhere: a year and a day. */
export const MAX_SECONDS = 366 * 86400;

const DURATION_HELP = 'Seconds, or a string like "8h", "90m", "1h30m".';

/**
 * One check for a duration, giving one message for one problem: separate
 * refinements would all run on a bad value ("366d" is neither a duration nor
 * above zero) and report it two or three times.
 */
function durationCheck(positive: boolean) {
  return (v: unknown, ctx: z.RefinementCtx) => {
    // A number the union already refused (negative, say) has its message.
    if (typeof v !== 'string' && typeof v !== 'number') return;
    const seconds = parseDuration(v);
    if (seconds === null) {
      if (typeof v === 'string') ctx.addIssue({ code: 'custom', message: 'expected a duration: seconds, or a string like "8h", "90m", "45s"' });
    } else if (seconds > MAX_SECONDS) ctx.addIssue({ code: 'custom', message: 'expected at most 366 days' });
    else if (positive && seconds <= 0) ctx.addIssue({ code: 'custom', message: 'expected a duration above zero' });
  };
}

/** Seconds as a number, or a string like "8h", "90m", "1h30m". */
export const Duration = z.union([z.number().nonnegative().finite(), z.string()]).superRefine(durationCheck(false)).describe(DURATION_HELP);

export const PositiveDuration = z.union([z.number().nonnegative().finite(), z.string()]).superRefine(durationCheck(true)).describe(DURATION_HELP);

/** A pick time: fixed seconds or a distribution. */
export const TimeDistribution = z.union([
  z.number().positive().finite(),
  z.strictObject({ dist: z.literal('uniform'), min: z.number().nonnegative().finite(), max: z.number().positive().finite() }),
  z.strictObject({ dist: z.literal('exponential'), mean: z.number().positive().finite() }),
  z.strictObject({ dist: z.literal('lognormal'), mean: z.number().positive().finite(), sd: z.number().nonnegative().finite() }),
]);

/** A time of day on the site's 24-hour clock. */
export const TimeOfDay = z
  .string()
  .refine((v) => parseTimeOfDay(v) !== null, { message: 'expected a time of day like "06:00" or "17:30"' })
  .describe('Time of day, "HH:MM" (24-hour clock).');

/** A floor cell, [row, col]. */
export const Cell = z.tuple([z.number().int().nonnegative(), z.number().int().nonnegative()]).describe('[row, col]');

/** A node of the outbound network: the outfeed of stations and picker zones, the target of belts and AGV loops. */
export const NodeId = z.string().min(1).describe('Id of a conveyor, sorter, AGV loop (\'agv\' or \'agv/1\' for its second pickup) or dock');

/** Where the conversions of sections report a problem: the path into the file and the message. */
export type Fail = (path: string, message: string) => void;

/** A duration written in the file, in seconds (0 for what the schema already refused). */
export function secondsOf(v: number | string): number {
  return parseDuration(v) ?? 0;
}

/** A pick time written in the file, in ticks of `tick` seconds. */
export function tickDistribution(p: z.output<typeof TimeDistribution>, tick: number): TickDistribution {
  if (typeof p === 'number') return { kind: 'fixed', value: p / tick };
  switch (p.dist) {
    case 'uniform':
      return { kind: 'uniform', min: p.min / tick, max: p.max / tick };
    case 'exponential':
      return { kind: 'exponential', mean: p.mean / tick };
    case 'lognormal':
      return { kind: 'lognormal', mean: p.mean / tick, sd: p.sd / tick };
  }
}

/**
 * The index of a cell written as [row, col], or -1 (reported at `path`) when
 * it lies outside the layout.
 */
export function cellIndex(grid: Grid, path: string, [row, col]: [number, number], fail: Fail): number {
  if (row >= grid.height || col >= grid.width) {
    fail(path, `[${row}, ${col}] is outside the ${grid.height}x${grid.width} layout`);
    return -1;
  }
  return row * grid.width + col;
}

/** Reports a uniform pick time whose min is above its max, at `path`. */
export function checkTimeDistribution(path: string, d: z.output<typeof TimeDistribution>, fail: Fail): void {
  if (typeof d === 'object' && d.dist === 'uniform' && d.min > d.max) fail(path, `min ${d.min} is above max ${d.max}`);
}
