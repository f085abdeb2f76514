import { z } from 'zod';
import { Cell, Duration, NodeId, TimeDistribution, TimeOfDay } from '../scenario/primitives.js';

/** The `pickers` section of the scenario file: person-to-goods zones. */

const Shift = z.strictObject({
  start: TimeOfDay,
  end: TimeOfDay,
  breaks: z.array(z.strictObject({ start: TimeOfDay, end: TimeOfDay })).default([]),
});

export const PickerZone = z.strictObject({
  id: z.string().min(1),
  area: z.tuple([Cell, Cell]).optional().describe('Corners [[row, col], [row, col]] of the zone\'s shelves; omitted = every shelf'),
  depot: Cell.describe('Where carts are loaded and finished totes dropped'),
  pickers: z.number().int().positive().max(10_000),
  cartTotes: z.number().int().positive().max(64).default(6).describe('Totes per cart = orders batched per trip'),
  walkSpeed: z.number().min(0.01).max(20).default(1.2).describe('Metres per second'),
  pickSeconds: TimeDistribution.default(10),
  batchWait: Duration.default('2m').describe('How long a picker waits for a full cart before leaving with what there is'),
  skus: z
    .strictObject({ from: z.number().int().nonnegative(), to: z.number().int().positive() })
    .optional()
    .describe('SKUs picked here, by popularity rank [from, to); omitted on a site without pods = every n-th rank of n zones'),
  slotting: z.enum(['velocity', 'random']).default('velocity'),
  outfeed: NodeId.optional().describe('Where finished totes go (required with outbound equipment)'),
  shifts: z.array(Shift).default([]).describe('Working hours; none = always on duty'),
});

export const Pickers = z.strictObject({ zones: z.array(PickerZone).min(1) });
