import type { EventBuffer } from './events.js';
import type { World } from './world.js';

/**
 * One batched frame per tick, handed to observers after the tick completes.
 * The typed arrays are the engine's own (no copy is made per tick): an
 * observer that keeps data past its callback must copy it.
 */
export interface Frame {
  tick: number;
  /** Simulated seconds since the start. */
  time: number;
  robotCount: number;
  cell: Int32Array;
  heading: Uint8Array;
  state: Uint8Array;
  /** Pod carried per robot, or -1. */
  pod: Int32Array;
  batteryWh: Float64Array;
  events: EventBuffer;
  ordersOpen: number;
  ordersCompleted: number;
  /** Equipment and people beyond the robots (empty arrays where the site has none). */
  flow: FlowFrame;
}

/**
 * The material-flow part of a frame, in the same engine-owned arrays every
 * tick. Order of entries: zones, conveyors, sorters, chutes and AGV loops as
 * in the scenario file (SimConfig.zones / SimConfig.outbound).
 */
export interface FlowFrame {
  /** Cell per person, all zones in order. */
  pickerCell: Int32Array;
  /** PickerState per person (0 off duty, 1 idle, 2 walking, 3 picking, 4 dropping). */
  pickerState: Uint8Array;
  /** Totes on each person's cart. */
  pickerCart: Int32Array;
  /** Totes on each conveyor segment. */
  conveyorTotes: Int32Array;
  /** Totes waiting at each sorter's induction. */
  sorterQueue: Int32Array;
  /** Items in each chute, all sorters' chutes in order. */
  chuteItems: Int32Array;
  /** Cell per AGV, all loops in order. */
  agvCell: Int32Array;
  /** Totes aboard each AGV. */
  agvLoad: Int32Array;
  /** Orders shipped so far per dock. */
  dockShipped: Int32Array;
}

/** A flow part with no entries, until a feature that has some puts its own in. */
function emptyFlowFrame(): FlowFrame {
  const none = () => new Int32Array(0);
  return {
    pickerCell: none(),
    pickerState: new Uint8Array(0),
    pickerCart: none(),
    conveyorTotes: none(),
    sorterQueue: none(),
    chuteItems: none(),
    agvCell: none(),
    agvLoad: none(),
    dockShipped: none(),
  };
}

/** The frame of a world: the robots' own arrays, refilled by the tick loop and the features every tick. */
export function createFrame(w: World): Frame {
  const r = w.robots;
  return {
    tick: 0,
    time: 0,
    robotCount: r.n,
    cell: r.cell,
    heading: r.heading,
    state: r.state,
    pod: r.pod,
    batteryWh: r.batteryWh,
    events: w.events,
    ordersOpen: 0,
    ordersCompleted: 0,
    flow: emptyFlowFrame(),
  };
}
