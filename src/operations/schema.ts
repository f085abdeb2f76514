import { z } from 'zod';
import type { HeadcountRule, OperationsConfig } from './operations-config.js';
import { DEFAULT_SMOOTHING } from './forecast.js';
import { OPERATIONS_POLICIES } from './staffing.js';

type Fail = (path: string, message: string) => void;

const Weight = z.number().min(0).max(1);

const Headcount = (what: string, min: number) =>
  z.strictObject({
    min: z.number().int().nonnegative().max(100_000).default(min).describe(`Never fewer ${what} on duty than this`),
    targetUtilization: z.number().gt(0).max(1).default(0.7).describe(`Share of their on-duty time the ${what} on duty are planned to be busy`),
    hoursPerOrder: z
      .number()
      .positive()
      .max(1000)
      .optional()
      .describe(`Busy ${what}-hours per order; omitted = learned from the run so far (busy hours over orders completed)`),
  });

/**
 * The scenario's `operations` section: an hourly demand forecaster inside the
 * run and the policy it drives (robots and people on duty per hour,
 * re-slotting ahead of peaks). Omitted = everyone on duty, nothing forecast.
 */
export const Operations = z.strictObject({
  policy: z
    .enum(OPERATIONS_POLICIES as unknown as ['fixed', 'reactive', 'proactive'])
    .describe('fixed: everyone on duty; reactive: size each hour for the last hour\'s orders plus the backlog; proactive: for the forecast plus the backlog'),
  forecast: z
    .strictObject({
      alpha: Weight.default(DEFAULT_SMOOTHING.alpha).describe('Level smoothing weight'),
      beta: Weight.default(DEFAULT_SMOOTHING.beta).describe('Trend smoothing weight (0 = no trend)'),
      gamma: Weight.default(DEFAULT_SMOOTHING.gamma).describe('Seasonal (hour of day) smoothing weight'),
    })
    .prefault({})
    .describe('Holt-Winters (additive, 24 hourly seasons) on the hourly order counts seen so far'),
  robots: Headcount('robots', 1).prefault({}).describe('Robots on duty per hour; off-duty robots finish their task, then park switched off'),
  pickers: Headcount('people', 1).prefault({}).describe('People on duty per hour in each picker zone, within its shifts'),
  reslot: z
    .strictObject({
      leadHours: z.number().int().min(1).max(24).default(2).describe('Proactive: hours looked ahead for a peak (the coming one included)'),
      peakRatio: z.number().gt(1).max(100).default(1.5).describe('An hour is a peak when its orders reach this multiple of the mean hourly orders so far'),
    })
    .optional()
    .describe('A re-slotting pass of the fast movers at each peak (ahead of it when proactive); needs storage.podFill below 1; omitted = none'),
});

export type OperationsFile = z.output<typeof Operations>;

const rule = (h: OperationsFile['robots']): HeadcountRule => ({
  min: h.min,
  targetUtilization: h.targetUtilization,
  hoursPerOrder: h.hoursPerOrder ?? null,
});

/**
 * Resolves the `operations` section against the rest of the scenario (null
 * without it). Problems go to `fail` with their path.
 */
export function buildOperations(
  o: OperationsFile | undefined,
  site: { robots: number; locations: number; podFill: number; podSkus: boolean },
  fail: Fail,
): OperationsConfig | null {
  if (!o) return null;
  if (o.robots.min > site.robots) fail('operations.robots.min', `is ${o.robots.min}, but robots.count is ${site.robots}`);
  if (o.reslot && site.podSkus && Math.floor(site.locations * (1 - site.podFill) + 1e-9) < 1) {
    fail('operations.reslot', `moves pods through empty storage locations, but storage.podFill ${site.podFill} leaves none of the ${site.locations} empty: set podFill below 1 or drop reslot`);
  }
  return {
    policy: o.policy,
    smoothing: { alpha: o.forecast.alpha, beta: o.forecast.beta, gamma: o.forecast.gamma },
    robots: rule(o.robots),
    pickers: rule(o.pickers),
    reslot: o.reslot ? { leadHours: o.reslot.leadHours, peakRatio: o.reslot.peakRatio } : null,
  };
}
