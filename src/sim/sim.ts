import type { SimConfig } from '../core/config.js';
import type { Feature, FeatureFactory } from '../core/feature.js';
import type { FrameSection } from '../core/frame.js';
import { TickLoop, type FrameObserver } from '../core/tick.js';
import type { World } from '../core/world.js';
import type { FaultEngine } from '../faults/engine.js';
import type { AssignmentStrategy } from '../fleet/assignment.js';
import type { DeadlockWatch } from '../fleet/deadlock.js';
import { FleetControl } from '../fleet/feature.js';
import type { Planner } from '../fleet/planner.js';
import type { StuckWatch } from '../fleet/stuck.js';
import type { AlertDetector } from '../alerts/detector.js';
import type { StallWatch } from '../stalls/watch.js';
import type { Operations } from '../operations/operations.js';
import { PodFetching } from '../storage/fetch-pods.js';
import type { Reslotter } from '../storage/reslot.js';
import { createWorld } from './create-world.js';
import { createFeatures } from './features.js';

export type { FrameObserver } from '../core/tick.js';

/**
 * The simulation of a scenario: its world, the features it turns on
 * (src/sim/features.ts) and the tick loop that runs them (src/core/tick.ts),
 * advanced one fixed tick at a time through the phases in a fixed order:
 * faults -> duty -> demand -> assignment -> rearrange -> planning ->
 * movement -> service -> equipment -> metrics -> frame.
 * Pure: no I/O, no clock, no global randomness.
 */
export class Sim {
  readonly world: World;
  readonly planner: Planner;
  readonly assignment: AssignmentStrategy;
  /** Hands the lead to another robot when one has made no progress for a while. */
  readonly stuck: StuckWatch;
  /** Finds robots that made no progress for a long time and sends them on a detour. */
  readonly deadlocks: DeadlockWatch;
  /** Re-slotting during the run, for a slotting strategy that does it (dynamic); null otherwise. */
  readonly reslot: Reslotter | null;
  /** Faults on the run's clock and the controller's response (null when the scenario has none). */
  readonly faults: FaultEngine | null;
  /** Forecast-driven operations: duty per hour, re-slotting ahead of peaks (null when the scenario has no `operations` section). */
  readonly operations: Operations | null;
  /** The live alert detector over the KPIs (null when the scenario has no `alerts` section). */
  readonly alerts: AlertDetector | null;
  /** What every waiting robot waits for, and the stall episodes of the run. */
  readonly stalls: StallWatch;
  /** The features of this run, in registration order. */
  readonly features: readonly Feature[];
  private readonly loop: TickLoop;

  /** `factories`: the features a run can have, in registration order (FEATURES; tests add their own). */
  constructor(
    readonly config: SimConfig,
    factories?: readonly FeatureFactory[],
  ) {
    const w = createWorld(config);
    this.world = w;
    this.features = createFeatures(w, factories);
    const fleet = only(this.features, FleetControl);
    this.planner = fleet.planner;
    this.stuck = fleet.stuck;
    this.deadlocks = fleet.deadlocks;
    this.assignment = only(this.features, PodFetching).assignment;
    this.reslot = w.reslot ?? null;
    this.faults = w.faults;
    this.operations = w.operations ?? null;
    this.alerts = w.alerts ?? null;
    this.stalls = w.stalls!;
    this.loop = new TickLoop(w, this.features);
  }

  /** The named sections the run's features add to every frame (Feature.frameSections), for encoders of the world's state. */
  get frameSections(): readonly FrameSection[] {
    return this.loop.frameSections;
  }

  /** Adds an observer of per-tick frames; returns a function that removes it. */
  observe(fn: FrameObserver): () => void {
    return this.loop.observe(fn);
  }

  get done(): boolean {
    return this.world.tick >= this.config.ticks;
  }

  /** Advances one tick. */
  step(): void {
    this.loop.step();
  }

  /** Runs to the end of the configured duration (or `maxTicks` more ticks). */
  run(maxTicks = Infinity): void {
    const end = Math.min(this.config.ticks, this.world.tick + maxTicks);
    while (this.world.tick < end) this.step();
  }
}

/** The one feature of a class among a run's features. */
function only<T extends Feature>(features: readonly Feature[], kind: new (...args: never[]) => T): T {
  const found = features.find((f): f is T => f instanceof kind);
  if (!found) throw new Error(`no ${kind.name} among the features`);
  return found;
}
