import { z } from 'zod';
import { PositiveDuration, TimeDistribution } from '../scenario/primitives.js';
import { StationIndex } from '../stations/schema.js';

/** The `packing` section of the scenario file: pack stations. */

/** Cartons used when a scenario lists none: inner sides in cm, longest first. */
export const DEFAULT_CARTONS = [
  { name: 'S', cm: [25, 20, 10] as [number, number, number] },
  { name: 'M', cm: [35, 25, 15] as [number, number, number] },
  { name: 'L', cm: [45, 35, 25] as [number, number, number] },
  { name: 'XL', cm: [60, 40, 40] as [number, number, number] },
];

const Side = z.number().min(0.1).max(1000);

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
