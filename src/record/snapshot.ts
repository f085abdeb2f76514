import type { FlowFrame, FrameSection } from '../core/frame.js';
import type { World } from '../core/world.js';
import { createFlowFrame, fillFlowFrame } from '../site/flow-frame.js';
import { encodeFrame, quantizeBattery, type FrameEvents, type SectionArray } from './frame-codec.js';
import { StallSections } from './stall-sections.js';

const NO_EVENTS: FrameEvents = {
  count: 0,
  tick: new Int32Array(0),
  kind: new Uint8Array(0),
  a: new Int32Array(0),
  b: new Int32Array(0),
  dropped: new Uint32Array(0),
};

/**
 * Encodes the world's current state as a frame. Reads the engine's arrays
 * (the same ones its per-tick Frame hands out) and keeps its own scratch for
 * the quantized ones, so encoding allocates only the output buffer.
 */
export class Snapshotter {
  private readonly battery: Uint16Array;
  private readonly queue: Uint16Array;
  private readonly load: Uint16Array;
  private readonly flow: FlowFrame;
  private readonly stalls: StallSections;

  private readonly sections: readonly FrameSection[];
  private readonly extra?: (w: World) => readonly (readonly [number, SectionArray])[];

  constructor(
    private readonly world: World,
    options: {
      /**
       * The features' named parts of the frame (Sim.frameSections): their
       * arrays hold the state after the last tick (and the state the run
       * starts from before the first), so they are carried as they are.
       */
      sections?: readonly FrameSection[];
      /** More sections to carry, read at each snapshot. */
      extra?: (w: World) => readonly (readonly [number, SectionArray])[];
    } = {},
  ) {
    this.sections = options.sections ?? [];
    this.extra = options.extra;
    this.battery = new Uint16Array(world.robots.n);
    this.queue = new Uint16Array(world.stations.n);
    this.load = new Uint16Array(world.stations.n);
    this.flow = createFlowFrame(world);
    this.stalls = new StallSections(world.robots.n);
  }

  /** The frame for the world as it is now, with `events` (those since the reader's last frame). */
  encode(events: FrameEvents = NO_EVENTS, ticksCovered = 1): Uint8Array {
    const w = this.world;
    const r = w.robots;
    const cap = w.config.robots.battery.capacityWh;
    for (let i = 0; i < r.n; i++) this.battery[i] = quantizeBattery(r.batteryWh[i], cap);
    const st = w.stations;
    for (let s = 0; s < st.n; s++) {
      this.queue[s] = Math.min(65535, Math.max(0, st.queueNow[s]));
      this.load[s] = Math.min(65535, Math.max(0, st.load[s]));
    }
    // The engine's own copy step, also at tick 0 (before it has emitted a frame).
    fillFlowFrame(w, this.flow);
    return encodeFrame({
      tick: w.tick,
      ticksCovered,
      time: w.tick * w.config.tickSeconds,
      robotCount: r.n,
      ordersOpen: w.books.openOrders,
      ordersCompleted: w.books.ordersCompleted,
      cell: r.cell,
      pod: r.pod,
      battery: this.battery,
      heading: r.heading,
      state: r.state,
      stationQueue: this.queue,
      stationLoad: this.load,
      events,
      flow: this.flow,
      featureSections: this.sections,
      extra: [...(this.extra?.(w) ?? []), ...this.stalls.sections(w)],
    });
  }
}
