import { z } from 'zod';
import { parseTimeOfDay } from '../core/duration.js';
import { Duration, MAX_SECONDS, PositiveDuration, TimeDistribution } from './primitives.js';
import { OrderAssignmentName, SlottingName, StorageSection } from './strategies.js';
import { assertionSyntaxError } from './assertions.js';
import { Operations } from './forecast-schema.js';
import { Alerts } from './alerts-schema.js';
import { Arms, Packing } from './automation-schema.js';

export { Duration, TimeDistribution };

/** A time of day on the site's 24-hour clock. */
export const TimeOfDay = z
  .string()
  .refine((v) => parseTimeOfDay(v) !== null, { message: 'expected a time of day like "06:00" or "17:30"' })
  .describe('Time of day, "HH:MM" (24-hour clock).');

const Cell = z.tuple([z.number().int().nonnegative(), z.number().int().nonnegative()]).describe('[row, col]');

export const GeneratedLayout = z.strictObject({
  kind: z.literal('warehouse'),
  width: z.number().int().min(10).max(2000),
  height: z.number().int().min(8).max(2000),
  stations: z.number().int().min(1).max(10_000),
  chargers: z.number().int().min(0).max(10_000),
  blockWidth: z.number().int().min(1).optional(),
  blockDepth: z.number().int().min(1).max(2).optional(),
  aisle: z.number().int().min(1).optional(),
  buffer: z.number().int().min(1).optional(),
  stationSide: z.enum(['west', 'east', 'both']).optional(),
});

export const Layout = z
  .union([
    z.strictObject({
      grid: z.array(z.string().min(1)).min(1).describe('Rows of . @ T R P C # m = +'),
      cellSize: z.number().min(0.01).max(100).optional(),
    }),
    z.strictObject({
      map: z.string().min(1).describe('MovingAI .map file, relative to the scenario file'),
      cellSize: z.number().min(0.01).max(100).optional(),
    }),
    z.strictObject({
      generate: GeneratedLayout,
      cellSize: z.number().min(0.01).max(100).optional(),
    }),
  ])
  .describe('Inline grid rows, a MovingAI map file, or a generated warehouse. cellSize in metres (default 1).');

export const Battery = z.strictObject({
  capacityWh: z.number().positive().max(1e7).default(1000),
  moveWh: z.number().nonnegative().finite().default(0.5).describe('Energy per cell moved (Wh)'),
  idleWatts: z.number().nonnegative().finite().default(30).describe('Base draw while on (W)'),
  chargeWatts: z.number().positive().finite().default(2000),
  chargeBelow: z.number().min(0).max(1).default(0.2).describe('Go charging below this fraction'),
  chargeUntil: z.number().min(0).max(1).default(0.95),
  initial: z.number().min(0).max(1).default(1),
});

export const Robots = z.strictObject({
  count: z.number().int().nonnegative().max(100_000).describe('Robots; 0 for a site with people only'),
  start: z.array(Cell).optional().describe('Start cells; omitted = spread over free floor'),
  speed: z.number().min(0.01).max(100).default(1).describe('Metres per second: one cell per tick'),
  rotationSeconds: z.number().nonnegative().max(3600).default(0).describe('Time for a 90-degree turn; 0 = free'),
  battery: Battery.prefault({}),
});

const ProfileSegment = z.strictObject({ from: Duration, multiplier: z.number().nonnegative().finite() });

export const Demand = z.strictObject({
  ordersPerHour: z.number().nonnegative().max(1_000_000),
  profile: z
    .union([z.array(z.number().nonnegative().finite()).min(1), z.array(ProfileSegment).min(1)])
    .optional()
    .describe('Hourly multipliers (repeating daily), or [{from, multiplier}] segments'),
  linesPerOrder: z
    .union([z.number().int().positive().max(1000), z.strictObject({ min: z.number().int().positive().max(1000), max: z.number().int().positive().max(1000) })])
    .default(1),
  skus: z.number().int().positive().max(10_000_000).default(1000),
  zipf: z.number().nonnegative().max(10).default(1).describe('Popularity skew: 0 uniform, 1 classic Zipf'),
  replicas: z.number().int().positive().max(1000).default(1).describe('Pods each SKU is stored in'),
  slotting: SlottingName.default('random'),
  affinity: z.number().min(0).max(1).default(0).describe("Probability that a line after an order's first is drawn from the first line's SKU family"),
  families: z.number().int().positive().max(1_000_000).default(10).describe('SKUs per family (for affinity and correlated slotting)'),
  reslotEvery: PositiveDuration.default('1h').describe('Interval between re-slotting looks of the dynamic slotting'),
  due: PositiveDuration.default('2h').describe('Due time after arrival (SLA) for orders whose dock has no cut-off'),
  peakFactor: z.number().positive().max(100).default(1).describe('Multiplies the arrival rate: 3 for a 3x sale day'),
  unitsPerLine: z
    .union([z.number().int().positive().max(10_000), z.strictObject({ min: z.number().int().positive().max(10_000), max: z.number().int().positive().max(10_000) })])
    .default(1)
    .describe('Units (items) per order line'),
});

export const Stations = z.strictObject({
  pickSeconds: TimeDistribution.default(6),
  pickers: z.number().int().positive().max(64).default(1),
  queueCapacity: z.number().int().positive().max(10_000).default(4),
  orderAssignment: OrderAssignmentName.default('least-loaded'),
  arms: Arms.optional().describe('Robotic picking arms at some stations; omitted = people at every station'),
});

export const Fleet = z.strictObject({
  assignment: z.enum(['nearest', 'hungarian']).default('nearest'),
  planner: z.enum(['pibt', 'whca']).default('pibt'),
  window: z.number().int().min(1).max(64).default(8),
  replanEvery: z.number().int().min(1).max(64).default(4),
  stallThreshold: PositiveDuration.default('30s').describe('A stall episode (robots standing still on their way) counts in robots.stalls when it lasts longer than this'),
});

const NodeId = z.string().min(1).describe('Id of a conveyor, sorter, AGV loop (\'agv\' or \'agv/1\' for its second pickup) or dock');

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

export const ConveyorInput = z.strictObject({
  id: z.string().min(1),
  length: z.number().positive().max(100_000).describe('Metres'),
  speed: z.number().min(0.001).max(100).describe('Metres per second'),
  capacity: z.number().int().positive().max(100_000).describe('Totes the segment holds (accumulation)'),
  spacing: z.number().nonnegative().max(86_400).default(0).describe('Seconds between totes at the infeed (0 = one per tick)'),
  to: NodeId,
  divert: z.record(z.string(), NodeId).default({}).describe('Dock id -> node: totes for that dock leave here'),
  cells: z.array(Cell).default([]).describe('Cells the belt runs over, infeed to discharge (drawing only)'),
});

export const SorterInput = z.strictObject({
  id: z.string().min(1),
  at: Cell.optional(),
  inductPerHour: z.number().positive().max(10_000_000).describe('Items per hour the induction can take'),
  queueCapacity: z.number().int().positive().max(100_000).default(4).describe('Totes that can wait at the induction'),
  transitSeconds: z.number().nonnegative().max(86_400).default(20),
  onFull: z.enum(['recirculate', 'reject']).default('recirculate'),
  recirculateSeconds: z.number().positive().max(86_400).default(60),
  maxRecirculations: z.number().int().nonnegative().max(1000).default(3),
  missortProbability: z.number().min(0).max(1).default(0),
  reworkSeconds: z.number().nonnegative().max(MAX_SECONDS).default(300),
  rejectSeconds: z.number().nonnegative().max(MAX_SECONDS).default(600),
  chutes: z.array(z.strictObject({ dock: z.string().min(1), capacity: z.number().int().positive().max(1_000_000) })).min(1).max(10_000),
  emptying: z
    .union([
      z.strictObject({ everySeconds: z.number().positive().max(MAX_SECONDS) }),
      z.strictObject({ workerSecondsPerItem: z.number().positive().max(86_400) }),
    ])
    .default({ workerSecondsPerItem: 5 }),
});

export const AgvInput = z.strictObject({
  id: z.string().min(1),
  path: z.array(Cell).min(2).describe('Corners of the closed guide loop on \'+\' cells, in driving order'),
  vehicles: z.number().int().positive().max(100_000),
  speed: z.number().min(0.001).max(100).default(1).describe('Metres per second (at most the robots\' speed)'),
  capacity: z.number().int().positive().max(1000).default(1).describe('Totes per vehicle'),
  pickups: z.array(Cell).min(1).describe('Loop cells where totes are loaded'),
  drop: Cell.describe('Loop cell where totes are unloaded into `to`'),
  bufferCapacity: z.number().int().positive().max(100_000).default(4),
  handleSeconds: z.number().nonnegative().max(3600).default(3),
  moveWh: z.number().nonnegative().finite().default(0.1).describe('Energy per cell moved (Wh)'),
  idleWatts: z.number().nonnegative().finite().default(15),
  to: NodeId,
});

export const DockInput = z.strictObject({
  id: z.string().min(1),
  at: Cell.optional(),
  cutoffs: z.array(TimeOfDay).max(1440).default([]).describe('Carrier cut-offs each day; none = orders use demand.due'),
  lead: Duration.default(0).describe('An order must arrive this long before a cut-off to make it'),
  share: z.number().nonnegative().finite().default(1).describe('Relative share of orders shipping here'),
});

export const Outbound = z.strictObject({
  stationOutfeed: z.union([NodeId, z.array(NodeId)]).optional().describe('Where each station\'s finished totes go: one node for all, or one per station'),
  stagingCapacity: z.number().int().positive().default(4).describe('Finished totes a station holds before it stops picking'),
  conveyors: z.array(ConveyorInput).default([]),
  sorters: z.array(SorterInput).default([]),
  agvs: z.array(AgvInput).default([]),
  docks: z.array(DockInput).min(1),
});

export const Energy = z.strictObject({
  gridGramsPerKWh: z.number().nonnegative().finite().default(250).describe('Grid carbon intensity, g CO2e per kWh'),
  chargerEfficiency: z.number().gt(0).max(1).default(0.9),
});

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

/** A wsim scenario file. */
export const Scenario = z.strictObject({
  $schema: z.string().optional(),
  name: z.string().min(1).max(200),
  description: z.string().optional(),
  seed: z.union([z.number().int(), z.string().min(1)]).default(1),
  duration: PositiveDuration,
  startTime: TimeOfDay.default('00:00').describe('Time of day the run starts: hourly profiles, shifts and cut-offs follow it'),
  layout: Layout,
  robots: Robots,
  demand: Demand,
  stations: Stations.prefault({}),
  fleet: Fleet.prefault({}),
  storage: StorageSection.prefault({}).describe('Storage locations: pod fill and where pods go after a visit'),
  pickers: Pickers.optional().describe('Person-to-goods zones: people walking shelves with carts'),
  outbound: Outbound.optional().describe('Conveyors, sorters, AGVs and docks after picking; omitted = an order is done when picked'),
  packing: Packing.optional().describe('Pack stations: cartons chosen from the items\' sizes; omitted = totes ship as picked'),
  energy: Energy.prefault({}),
  faults: Faults.optional().describe('Faults on the same clock as the run: robot breakdowns, closed areas, conveyor jams, chutes, stations and people out'),
  operations: Operations.optional().describe('Forecast-driven operations: an hourly demand forecast driving robots and people on duty and re-slotting ahead of peaks; omitted = everyone on duty'),
  alerts: Alerts.optional().describe('Live alerts: an anomaly detector over the KPIs (throughput drop, station queue, robots stalled, battery critical, chute full); omitted = off'),
  assertions: z
    .array(z.string().superRefine((v, ctx) => {
      const problem = assertionSyntaxError(v);
      if (problem !== null) ctx.addIssue({ code: 'custom', message: problem });
    }))
    .optional()
    .describe('CI checks on the report, e.g. "throughput.ordersPerHour >= 1200"; wsim run exits 1 when one fails'),
});

export type ScenarioInput = z.input<typeof Scenario>;
export type ScenarioFile = z.output<typeof Scenario>;

/** JSON Schema of the scenario file as written by people (defaults optional). */
export function scenarioJsonSchema(): unknown {
  return z.toJSONSchema(Scenario, { io: 'input', unrepresentable: 'any' });
}
