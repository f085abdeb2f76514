import type { Grid } from '../layout/grid.js';
import type { ConveyorSpec } from '../outbound/conveyor.js';
import type { DockSpec } from '../outbound/dock.js';
import type { SorterSpec } from '../outbound/sorter.js';
import type { ShiftTicks } from '../people/shifts.js';
import type { FaultsConfig } from '../faults/types.js';
import type { ArmSpec } from '../stations/arms.js';
import type { PackingConfig } from '../packing/packing.js';
import type { OperationsConfig } from '../operations/operations-config.js';
import type { AlertsConfig } from '../metrics/alert-rules.js';

/**
 * A scenario resolved for the engine: every duration already converted to
 * ticks, every name checked. The scenario loader builds it; tests may build it
 * directly.
 */
export interface SimConfig {
  name: string;
  seed: number | string;
  /** Seconds of simulated time per tick: one cell move takes one tick. */
  tickSeconds: number;
  /** Metres per cell. */
  cellSize: number;
  /** Ticks to simulate. */
  ticks: number;
  grid: Grid;
  robots: RobotConfig;
  demand: DemandConfig;
  stations: StationConfig;
  fleet: FleetConfig;
  /** Tick of the day at which the run starts (0 = midnight); hourly profiles, shifts and cut-offs follow the day clock. */
  startOfDayTick: number;
  /** Ticks in a day. */
  dayTicks: number;
  /** Person-to-goods zones (empty when the site has none). */
  zones: ZoneConfig[];
  /** Outbound equipment, or null: then an order is complete when its last line is picked. */
  outbound: OutboundConfig | null;
  energy: EnergyConfig;
  /** Storage locations: pod fill and the pod return rule (omitted = every location holds a pod, fixed homes). */
  storage?: StorageConfig;
  /** Forecast-driven operations: robots and people on duty per hour, re-slotting ahead of peaks (omitted = none: everyone on duty). */
  operations?: OperationsConfig | null;
  /** Faults on the run's clock: breakdowns, closures, jams, stations and people out (omitted = none). */
  faults?: FaultsConfig | null;
  /** Robotic picking arms at some stations (omitted = people at every station). */
  arms?: ArmSpec[] | null;
  /** Pack stations between pick points and their outfeeds (omitted = totes ship as picked). */
  packing?: PackingConfig | null;
  /** The live alert detector's rules and thresholds (omitted = no alerts). */
  alerts?: AlertsConfig | null;
}

export interface StorageConfig {
  /** Rule picking where a pod goes after a station visit (a name in POD_RETURN). */
  podReturn: string;
  /** Share of storage locations holding a pod at the start (1 = all). */
  podFill: number;
}

/** A node of the outbound network a tote can be handed to. */
export type NodeRef =
  | { kind: 'conveyor'; index: number }
  | { kind: 'sorter'; index: number }
  | { kind: 'agv'; index: number; pickup: number }
  | { kind: 'dock'; index: number };

export interface ConveyorConfig extends ConveyorSpec {
  /** Default next node. */
  to: NodeRef;
  /** Totes for these docks leave through a divert instead. */
  divert: { dock: number; to: NodeRef }[];
  /** Cells the belt runs over, infeed to discharge (for viewers; may be empty). */
  cells: Int32Array;
}

export interface AgvConfig {
  name: string;
  /** The guide-path loop's cells, in driving order. */
  loop: Int32Array;
  vehicles: number;
  cellsPerTick: number;
  capacity: number;
  /** Indices into `loop`. */
  pickups: number[];
  drop: number;
  bufferCapacity: number;
  handleTicks: number;
  moveWh: number;
  idleWhPerTick: number;
  to: NodeRef;
}

export interface OutboundConfig {
  conveyors: ConveyorConfig[];
  sorters: (SorterSpec & { cell: number })[];
  agvs: AgvConfig[];
  docks: (DockSpec & { cell: number; share: number })[];
  /** Where each station's finished totes go. */
  stationOutfeed: NodeRef[];
  /** Finished totes a station may hold before it stops starting new picks (back-pressure). */
  stagingCapacity: number;
}

export interface ZoneConfig {
  name: string;
  depot: number;
  pickers: number;
  cartTotes: number;
  walkCellsPerTick: number;
  pickTicks: TickDistribution;
  batchWaitTicks: number;
  shifts: ShiftTicks[];
  /** SKUs (by popularity rank) picked in this zone: every `skuStride`-th rank in [skuFrom, skuTo), starting at skuFrom + skuOffset. */
  skuFrom: number;
  skuTo: number;
  skuStride: number;
  skuOffset: number;
  /** Rectangle [row0, col0, row1, col1] (inclusive) holding the zone's shelves; null = every shelf. */
  area: [number, number, number, number] | null;
  /** 'velocity' puts popular SKUs nearest the depot; 'random' anywhere. */
  slotting: 'velocity' | 'random';
  /** Where the zone's finished totes go (null without outbound equipment: done at the depot). */
  outfeed: NodeRef | null;
}

export interface EnergyConfig {
  /** Grid carbon intensity, grams CO2e per kWh. */
  gridGramsPerKWh: number;
  /** Share of energy drawn from the grid that reaches the batteries. */
  chargerEfficiency: number;
}

export interface RobotConfig {
  count: number;
  /** Start cells, or null to place robots deterministically on free floor. */
  starts: Int32Array | null;
  /** Ticks a 90-degree turn takes; 0 turns in place for free. */
  rotationTicks: number;
  battery: BatteryConfig;
}

export interface BatteryConfig {
  capacityWh: number;
  moveWh: number;
  idleWhPerTick: number;
  chargeWhPerTick: number;
  /** Fraction of capacity below which an idle robot goes to charge. */
  chargeBelow: number;
  /** Fraction of capacity at which charging stops. */
  chargeUntil: number;
  /** Fraction of capacity at start. */
  initial: number;
}

/** Arrival rate multiplier as a piecewise-constant function of simulated time. */
export interface RateSegment {
  fromTick: number;
  multiplier: number;
}

export interface DemandConfig {
  ordersPerHour: number;
  /** Sorted by fromTick; the first segment starts at 0. Repeats every `profilePeriodTicks` if > 0. */
  profile: RateSegment[];
  profilePeriodTicks: number;
  linesMin: number;
  linesMax: number;
  skuCount: number;
  zipf: number;
  /** Pods each SKU is stored in. */
  replicas: number;
  slotting: string;
  /** Due time after arrival, in ticks (for SLA), when the order's dock has no cut-off. */
  dueTicks: number;
  /** Arrival rate multiplier on top of the profile (a 3x sale day = 3). */
  peakFactor: number;
  /** Units per order line. */
  unitsMin: number;
  unitsMax: number;
  /** Probability that a line after an order's first is drawn from the first line's SKU family (0 = independent lines). */
  affinity?: number;
  /** SKUs per family (for affinity and correlated slotting). */
  familySize?: number;
  /** Ticks between re-slotting looks of a re-slotting strategy (dynamic). */
  reslotEveryTicks?: number;
}

export type TickDistribution =
  | { kind: 'fixed'; value: number }
  | { kind: 'uniform'; min: number; max: number }
  | { kind: 'exponential'; mean: number }
  | { kind: 'lognormal'; mean: number; sd: number };

export interface StationConfig {
  /** Pick time per order line, in ticks. */
  pick: TickDistribution;
  pickers: number;
  /** Pods that may be assigned to one station at once (inbound + being picked). */
  queueCapacity: number;
  /** Order-to-station assignment (a name in ORDER_ASSIGNMENTS; omitted = least-loaded). */
  orderAssignment?: string;
}

export interface FleetConfig {
  assignment: string;
  planner: string;
  /** Window (ticks) of the windowed planners. */
  window: number;
  /** Ticks between replans of the windowed planners. */
  replanEvery: number;
  /** A stall episode longer than this many ticks is counted in the report (omitted = 30 s). */
  stallTicks?: number;
}
