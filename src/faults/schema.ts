import { z } from 'zod';
import { Cell, Duration, PositiveDuration } from '../scenario/primitives.js';

/** The `faults` section of the scenario file. */

/** A scheduled window, in durations from the start of the run. */
const FaultWindow = {
  from: Duration.describe('Start, as a duration from the start of the run'),
  to: Duration.describe('End (exclusive), as a duration from the start of the run'),
};

/** A window, or random up and down times (exponential, seeded) for equipment that breaks down. */
const OutageFields = {
  from: Duration.optional().describe('Start of a scheduled outage (with `to`), as a duration from the start of the run'),
  to: Duration.optional().describe('End of a scheduled outage (with `from`)'),
  mtbf: PositiveDuration.optional().describe('Mean time between failures (with `mttr`): random outages'),
  mttr: PositiveDuration.optional().describe('Mean time to repair (with `mtbf`)'),
};

export const RobotFaults = z.strictObject({
  mtbf: PositiveDuration.optional().describe('Mean time between breakdowns of each robot (exponential, seeded); with mttr'),
  mttr: PositiveDuration.optional().describe('Mean time to repair (exponential, seeded); with mtbf'),
  breakdowns: z
    .array(z.strictObject({ robot: z.number().int().nonnegative(), at: Duration, for: PositiveDuration }))
    .default([])
    .describe('Scheduled breakdowns: robot index, when (from the start of the run), for how long'),
  replanAbove: Duration.default('1m').describe('A breakdown repaired in more than this, once a robot waits behind it, blocks its cell in the distance fields, so robots re-plan round it; shorter ones are waited out'),
});

export const Faults = z.strictObject({
  robots: RobotFaults.optional().describe('Robot breakdowns'),
  closures: z
    .array(z.strictObject({ area: z.tuple([Cell, Cell]).describe('Corners [[row, col], [row, col]]'), ...FaultWindow }))
    .default([])
    .describe('Areas of floor closed for a window: robots inside may leave, none enters'),
  conveyors: z
    .array(z.strictObject({ conveyor: z.string().min(1).describe('Conveyor id'), ...OutageFields }))
    .default([])
    .describe('Conveyor jams: the segment neither accepts nor discharges'),
  chutes: z
    .array(z.strictObject({ sorter: z.string().min(1), chute: z.number().int().nonnegative().describe('Index into the sorter\'s chutes'), ...OutageFields }))
    .default([])
    .describe('Sorter chutes out of service'),
  stations: z
    .array(z.strictObject({ station: z.number().int().nonnegative().describe('Station index, in layout order'), ...FaultWindow }))
    .default([])
    .describe('Stations closed: no new orders or pods are routed to them'),
  pickers: z
    .array(z.strictObject({ zone: z.string().min(1), count: z.number().int().positive(), ...FaultWindow }))
    .default([])
    .describe('People of a picker zone absent'),
});
