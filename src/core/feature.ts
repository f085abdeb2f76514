import type { Frame, FrameSection } from './frame.js';
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
  /**
   * Named sections the feature adds to every frame (see `FrameSection` in
   * core/frame.ts): declared once when the feature is created, sized for the
   * run and filled with the state the run starts from, then refilled by
   * `frame` after every tick. Recordings, the live stream and the viewer
   * carry them by name without knowing the feature.
   */
  readonly frameSections?: readonly FrameSection[];
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
  /**
   * The section's value(s) at the end of the run. `books` are the registered
   * features' parts of the conservation books, in their order (the books'
   * own section recounts with them; other sections ignore them).
   */
  readonly build: (w: World, books: readonly BooksPart[]) => Section;
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

/**
 * A static part with its place in one of the run's published orders (the
 * report's keys, the summary's lines, the books' parts), counted from 1.
 * These orders are contracts of their own, not the tick's (the report goes
 * orders, robots, stations, congestion, the orders' items again, ...), so
 * each part states its place where it is declared, and the assembly sorts
 * the parts of every module into it (src/sim/features.ts, which refuses two
 * parts at one place or a place left empty).
 */
export interface Placed<P> {
  /** 1 for the first; every place from 1 to the number of parts is taken exactly once. */
  readonly order: number;
  readonly part: P;
}

/**
 * A feature's lines in the summary `wsim run` prints, from the end-of-run
 * report. The kernel does not know the report's type (metrics/report.ts
 * declares it, with `SummaryPart` for these lines), so here the report is
 * `never`: any function of a report fits.
 */
export type SummaryLines = (report: never) => string[];

/**
 * Everything a feature folder contributes to a run, in one object (its
 * `module.ts`), registered with one line in src/sim/features.ts. All parts
 * are optional: a folder that only reports (books, outbound) has no
 * features; one whose state the report does not show has no sections.
 */
export interface FeatureModule {
  /** The folder's name, for messages. */
  readonly name: string;
  /**
   * What it runs in the tick, created in this order (after the features of
   * the modules before it in the list). Usually one; a folder with two
   * features that must sit at different places in the registration order
   * exports two modules.
   */
  readonly features?: readonly FeatureFactory[];
  /** Its sections of the report, each at its place in the report's key order. */
  readonly report?: readonly Placed<ReportSection>[];
  /** Its lines in the summary, each at its place in the summary. */
  readonly summary?: readonly Placed<SummaryLines>[];
  /** Its part of the conservation books, at its place among the parts (the order of the problems they note). */
  readonly books?: Placed<BooksPart>;
}
