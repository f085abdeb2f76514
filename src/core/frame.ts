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
  /** The sections features add by name, in registration order (none in most runs); see `frameSection`. */
  readonly sections: readonly FrameSection[];
}

/** The element types a frame section may have: those the binary frame format carries (src/record/frame-codec.ts). */
export type FrameSectionArray = Int32Array | Uint32Array | Uint16Array | Uint8Array | Float32Array;

/**
 * A named part of the frame a feature owns: one array, allocated once when
 * the feature is created (its length fixed for the run) and refilled by the
 * feature after every tick (`Feature.frame`). The frame codec carries it as
 * a tagged section (name, element type, length, elements) and readers look
 * it up by name, so a feature adds to the frame without a field here or a
 * change to the codec.
 */
export interface FrameSection {
  /** Unique in a run: 1 to 64 ASCII letters, digits, `.`, `_`, `-` or `:` (e.g. `inventory.binFill`). */
  readonly name: string;
  readonly array: FrameSectionArray;
}

/** What a frame section's name may be (ASCII, so the codec writes it byte by byte without an encoder). */
export const FRAME_SECTION_NAME = /^[A-Za-z0-9._:-]{1,64}$/;

/** The array of the section named `name` in a frame, or undefined when no feature of the run adds it. */
export function frameSection(f: Pick<Frame, 'sections'>, name: string): FrameSectionArray | undefined {
  for (const s of f.sections) if (s.name === name) return s.array;
  return undefined;
}

/** Checks the features' sections of a run: valid names, each once. Throws naming the first problem. */
export function checkFrameSections(sections: readonly FrameSection[]): void {
  const seen = new Set<string>();
  for (const s of sections) {
    if (!FRAME_SECTION_NAME.test(s.name)) throw new Error(`frame section name '${s.name}' must be 1 to 64 ASCII letters, digits, '.', '_', '-' or ':'`);
    if (seen.has(s.name)) throw new Error(`two features add a frame section named '${s.name}'`);
    seen.add(s.name);
  }
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

/**
 * The frame of a world: the robots' own arrays, refilled by the tick loop
 * and the features every tick, with the features' named `sections`.
 */
export function createFrame(w: World, sections: readonly FrameSection[] = []): Frame {
  checkFrameSections(sections);
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
    sections,
  };
}
