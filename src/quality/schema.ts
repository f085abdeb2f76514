import { z } from 'zod';

/** The `quality` section of the scenario file: pick errors and the pack check. */

const Rate = z.number().min(0).max(1);

export const Quality = z.strictObject({
  pickErrorRate: z
    .strictObject({
      people: Rate.default(0).describe('Share of lines people pick wrong (wrong item or a unit missing): at stations without arms and in picker zones'),
      arms: Rate.default(0).describe('Share of lines picked wrong at stations with robotic arms'),
    })
    .prefault({})
    .describe('Pick error rate per picker type'),
  packCheck: Rate.default(0).describe('Probability that the pack check catches a pick error (it is put right before the order ships); the rest ship wrong'),
});

export type QualityFile = z.output<typeof Quality>;

/** The resolved quality settings. */
export interface QualityConfig {
  peopleErrorRate: number;
  armErrorRate: number;
  packCheck: number;
}

/** The quality settings of the run, or null without a `quality` section. */
export function buildQuality(q: QualityFile | undefined): QualityConfig | null {
  if (q === undefined) return null;
  return { peopleErrorRate: q.pickErrorRate.people, armErrorRate: q.pickErrorRate.arms, packCheck: q.packCheck };
}
