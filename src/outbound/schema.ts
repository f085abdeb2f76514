import { z } from 'zod';
import { Cell, Duration, MAX_SECONDS, NodeId, TimeOfDay } from '../scenario/primitives.js';

/** The `outbound` section of the scenario file: conveyors, sorters, AGV loops and docks. */

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
