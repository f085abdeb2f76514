import type { EventBuffer } from './events.js';

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
}
