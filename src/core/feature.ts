import type { Frame } from './frame.js';
import type { World } from './world.js';

/**
 * The places in a tick where features run, in the order they run. This list
 * is the tick; after the last phase the clock advances and one frame goes out.
 */
export const PHASES = [
  /** Faults starting or ending this tick, so a fault that starts at tick t is in force for all of tick t. */
  'faults',
  /** At an hour boundary: the forecast is fed and robots and people are put on or off duty. */
  'duty',
  /** Order arrivals; their lines are matched to pods. */
  'demand',
  /** Robots low on battery to chargers, then pod requests to idle robots. */
  'assignment',
  /** Re-slotting moves, with the robots assignment left idle. */
  'rearrange',
  /** Detours, distance fields, then every robot's next cell. */
  'planning',
  /** Moves checked and applied, batteries drained. */
  'movement',
  /** Stations: robots lift, are picked from, put pods back, plug in. */
  'service',
  /** The outbound network, pack stations, picker zones and station staging. */
  'equipment',
  /** Per-tick figures, then the alert detector. */
  'metrics',
] as const;

/** One of the fixed places in a tick. */
export type Phase = (typeof PHASES)[number];

/** A step a feature runs at one phase of every tick. */
export type Stage = (w: World) => void;

/**
 * One part of a run plugged into the kernel: the fleet, the order flow,
 * faults, metrics and so on. A feature keeps its state in the world (its
 * folder's `state.ts` declares it) and in itself, runs stages at fixed
 * phases of the tick, and may write its part of the frame.
 */
export interface Feature {
  /** For messages and the feature list. */
  readonly name: string;
  /** What the feature does at each phase it takes part in. Within a phase, features run in the order they are registered. */
  readonly stages: Partial<Record<Phase, Stage>>;
  /** Writes the feature's part of the frame once the tick is done (features in registration order). */
  readonly frame?: (w: World, f: Frame) => void;
}

/**
 * Creates a feature for a run over a freshly built world, or returns null
 * when the scenario does not turn it on. Called once per run, in
 * registration order.
 */
export type FeatureFactory = (w: World) => Feature | null;

/**
 * A feature's part of the end-of-run report: one or more top-level keys,
 * built from the world once the run is over. Unlike a `Feature` it is not
 * created per run: a section is in every report, also when the scenario
 * leaves the feature off (then its builder finds the feature's part of the
 * world null and writes null, zeros, or leaves out a key documented as
 * optional), so the report keeps one key order whatever the scenario.
 */
export interface ReportSection<Section extends object = object> {
  /** The top-level keys `build` writes, in the order it writes them. */
  readonly keys: readonly string[];
  /** The section's value(s) at the end of the run. */
  readonly build: (w: World) => Section;
}

/**
 * Where a feature tells the books what it holds of the material flow at the
 * end of a run (orders, lines, items, totes, pods, by place), and what it
 * found wrong in its own records.
 */
export interface BooksTally {
  /** Adds `n` of `entity` counted one by one at `place` (e.g. totes in the outbound network). */
  hold(entity: string, place: string, n: number): void;
  /** Adds room for at most `n` of `entity` at `place`, where they are not counted one by one but found by difference (totes on carts). */
  room(entity: string, place: string, n: number): void;
  /** Notes an inconsistency about `entity`: its books then do not close. */
  problem(entity: string, message: string): void;
}

/**
 * A feature's part of the conservation books: what it holds at the end of a
 * run. Like a report section it is static and in every run; a feature the
 * scenario leaves off finds its part of the world null and holds nothing.
 */
export interface BooksPart {
  /** For messages. */
  readonly name: string;
  /** Tells the tally what the feature holds, recounted from its own state. */
  readonly count: (w: World, tally: BooksTally) => void;
}
