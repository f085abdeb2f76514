import { z } from 'zod';
import { assertionSyntaxError } from '../scenario/assertions.js';
import { Duration } from '../scenario/schema.js';

const AssertionText = z.string().superRefine((v, ctx) => {
  const problem = assertionSyntaxError(v);
  if (problem !== null) ctx.addIssue({ code: 'custom', message: problem });
});

export const Better = z.enum(['higher', 'lower', 'none']);

export const Kpi = z.union([
  z.string().min(1).describe('A report figure, e.g. "throughput.ordersPerHour"'),
  z.strictObject({
    path: z.string().min(1).describe('A report figure, e.g. "throughput.ordersPerHour"'),
    label: z.string().min(1).optional().describe('Name in tables (default: the path)'),
    better: Better.optional().describe('Which way is better; default guessed from the path'),
  }),
]);

export const Variant = z.strictObject({
  name: z.string().min(1).max(80).describe('Names the variant in tables and reports'),
  description: z.string().optional(),
  set: z
    .record(z.string(), z.unknown())
    .default({})
    .describe('Scenario fields to override, by dotted path: { "robots.count": 40, "fleet.planner": "whca" }'),
});

/** A wsim experiment file: one base scenario, variants of it, replications under common random numbers. */
export const Experiment = z.strictObject({
  $schema: z.string().optional(),
  name: z.string().min(1),
  description: z.string().optional(),
  base: z
    .union([z.string().min(1), z.record(z.string(), z.unknown())])
    .describe('The base scenario: a file path relative to this file, or a scenario inline'),
  variants: z.array(Variant).min(1).max(1000),
  replications: z.number().int().min(1).max(10_000).describe('Seeds per variant; replication r uses the same seed in every variant'),
  seed: z.union([z.number().int(), z.string().min(1)]).default(1).describe('Base seed; replication r runs with seed "<seed>-r<r>"'),
  duration: Duration.optional().describe('Overrides the base scenario\'s duration (a variant may set its own)'),
  baseline: z.string().min(1).optional().describe('Variant the others are compared with (default: the first)'),
  kpis: z.array(Kpi).min(1).max(100).optional().describe('Report figures to tabulate (default: throughput, cycle time, SLA, backlog, utilisation, congestion, CO2e)'),
  assertions: z.array(AssertionText).optional().describe('CI checks on each variant\'s mean, e.g. "sla.hitRate >= 0.98"'),
});

export type ExperimentInput = z.input<typeof Experiment>;
export type ExperimentFile = z.output<typeof Experiment>;

/** JSON Schema of the experiment file as written by people. */
export function experimentJsonSchema(): unknown {
  return z.toJSONSchema(Experiment, { io: 'input', unrepresentable: 'any' });
}
