import type { ConveyorSpec } from './conveyor.js';
import type { DockSpec } from './dock.js';
import type { SorterSpec } from './sorter.js';

/** A node of the outbound network a tote can be handed to. */
export type NodeRef =
  | { kind: 'conveyor'; index: number }
  | { kind: 'sorter'; index: number }
  | { kind: 'agv'; index: number; pickup: number }
  | { kind: 'dock'; index: number };

/** A conveyor segment of the resolved scenario: its spec, where its totes go and the cells it runs over. */
export interface ConveyorConfig extends ConveyorSpec {
  /** Default next node. */
  to: NodeRef;
  /** Totes for these docks leave through a divert instead. */
  divert: { dock: number; to: NodeRef }[];
  /** Cells the belt runs over, infeed to discharge (for viewers; may be empty). */
  cells: Int32Array;
}

/** A loop of path-guided AGVs of the resolved scenario, resolved to cells and ticks. */
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

/** The outbound equipment of the resolved scenario: belts, sorters, AGV loops, docks and where each station's totes go. */
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
