import { z } from 'zod';
import { parseDuration } from '../core/duration.js';
import type { AlertsConfig } from './rules.js';
import { Duration, PositiveDuration } from '../scenario/primitives.js';

/** A wait or window of the detector: above zero and at most a day. */
const Span = PositiveDuration.refine((v) => (parseDuration(v) ?? 0) <= 86_400, { message: 'expected at most 1 day' }).describe('Seconds, or a string like "5m", "90s".');

const off = z.literal(false).describe('false turns the rule off');

/** The scenario's `alerts` section: the live alert detector, opt-in. Every rule is on with its defaults unless set to false. */
export const Alerts = z.strictObject({
  checkEvery: Span.default('1m').describe('How often the rules look at the KPIs'),
  warmup: Duration.default('30m').describe('No alert before this much of the run: baselines learn the run\'s normal first'),
  throughputDrop: z
    .union([
      off,
      z.strictObject({
        window: Span.default('10m').describe('Sliding window of completed orders'),
        sigmas: z.number().positive().max(100).default(3).describe('Raise when the window is this many standard deviations below the baseline'),
        minExpected: z.number().nonnegative().max(1e9).default(10).describe('Judge only when the baseline expects at least this many orders per window'),
      }),
    ])
    .prefault({})
    .describe('Orders completed far below the run\'s baseline while the backlog grows'),
  stationQueue: z
    .union([off, z.strictObject({ after: Span.default('3m').describe('Work waiting and no pick for this long') })])
    .prefault({})
    .describe('Work waiting at a station (robots queued or lines routed to it) and nothing picked'),
  robotStalled: z
    .union([off, z.strictObject({ after: Span.default('3m').describe('No progress toward its goal for this long') })])
    .prefault({})
    .describe('A robot not coming closer to its goal: broken down, blocked or jammed'),
  batteryCritical: z
    .union([off, z.strictObject({ below: z.number().positive().max(1).default(0.05).describe('Share of capacity') })])
    .prefault({})
    .describe('A robot\'s battery below the critical share and not charging'),
  chuteFull: z
    .union([off, z.strictObject({ after: Span.default('5m').describe('Full for this long') })])
    .prefault({})
    .describe('A sorter chute full for a long time'),
  listed: z.number().int().nonnegative().max(10_000).default(100).describe('Alerts listed one by one in the report (all are counted)'),
});

export type AlertsInput = z.input<typeof Alerts>;
export type AlertsFile = z.output<typeof Alerts>;

/** Resolves the `alerts` section to engine settings in ticks (null without the section). */
export function buildAlerts(a: AlertsFile | undefined, tickSeconds: number): AlertsConfig | null {
  if (!a) return null;
  const ticks = (v: number | string) => Math.max(1, Math.round((parseDuration(v) ?? 0) / tickSeconds));
  const every = ticks(a.checkEvery);
  // Windows and waits are whole checks: a rule sees the KPIs only at checks.
  const checks = (v: number | string) => Math.max(1, Math.round(ticks(v) / every)) * every;
  const t = a.throughputDrop;
  return {
    checkEveryTicks: every,
    warmupTicks: Math.round((parseDuration(a.warmup) ?? 0) / tickSeconds),
    throughputDrop: t === false ? null : { windowTicks: checks(t.window), sigmas: t.sigmas, minExpected: t.minExpected },
    stationQueue: a.stationQueue === false ? null : { afterTicks: checks(a.stationQueue.after) },
    robotStalled: a.robotStalled === false ? null : { afterTicks: checks(a.robotStalled.after) },
    batteryCritical: a.batteryCritical === false ? null : { below: a.batteryCritical.below },
    chuteFull: a.chuteFull === false ? null : { afterTicks: checks(a.chuteFull.after) },
    listed: a.listed,
  };
}
