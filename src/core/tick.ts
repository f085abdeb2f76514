import { PHASES, type Feature, type Stage } from './feature.js';
import { createFrame, type Frame, type FrameSection } from './frame.js';
import type { World } from './world.js';

/** Receives one frame per tick. */
export type FrameObserver = (frame: Frame) => void;

/**
 * The tick loop: runs the features' stages phase by phase (PHASES), advances
 * the clock and hands one frame to every observer. Pure: no I/O, no clock, no
 * global randomness; a run is a function of the world it starts from and the
 * features it is given.
 */
export class TickLoop {
  /** Stages per phase, in PHASES order, each in registration order. */
  private readonly stages: Stage[];
  private readonly framers: ((w: World, f: Frame) => void)[];
  private readonly observers: FrameObserver[] = [];
  /** The one frame, refilled every tick. */
  private readonly frame: Frame;

  constructor(
    readonly world: World,
    readonly features: readonly Feature[],
  ) {
    this.frame = createFrame(world, features.flatMap((f) => f.frameSections ?? []));
    this.stages = [];
    for (const phase of PHASES) {
      for (const f of features) {
        const stage = f.stages[phase];
        if (stage) this.stages.push(stage);
      }
    }
    this.framers = features.flatMap((f) => (f.frame ? [f.frame] : []));
  }

  /** Adds an observer of per-tick frames; returns a function that removes it. */
  observe(fn: FrameObserver): () => void {
    this.observers.push(fn);
    return () => {
      const k = this.observers.indexOf(fn);
      if (k >= 0) this.observers.splice(k, 1);
    };
  }

  /** The sections the features add to every frame, in registration order (refilled each tick; see Feature.frameSections). */
  get frameSections(): readonly FrameSection[] {
    return this.frame.sections;
  }

  /** Advances one tick. */
  step(): void {
    const w = this.world;
    w.events.clear();
    const stages = this.stages;
    for (let k = 0; k < stages.length; k++) stages[k](w);
    w.tick++;
    const f = this.frame;
    f.tick = w.tick;
    f.time = w.tick * w.config.tickSeconds;
    for (let k = 0; k < this.framers.length; k++) this.framers[k](w, f);
    for (let k = 0; k < this.observers.length; k++) this.observers[k](f);
  }
}
