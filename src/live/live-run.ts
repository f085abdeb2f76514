import type { SimConfig } from '../core/config.js';
import { Sim } from '../sim/sim.js';
import { EventLog } from '../record/event-log.js';
import { encodeHeat, HeatMap } from '../record/heat.js';
import { Inspector, type RobotInfo } from '../record/inspect.js';
import { layoutInfo, type LayoutInfo } from '../record/layout-info.js';
import type { Control, StatusMessage } from './protocol.js';
import { Snapshotter } from '../record/snapshot.js';

/** Time and timers, injected so the same pacing runs in a Web Worker, in Node and under test. */
export interface Clock {
  /** Milliseconds, monotonic. */
  now(): number;
  setTimer(fn: () => void, ms: number): unknown;
  clearTimer(handle: unknown): void;
}

export const systemClock: Clock = {
  now: () => performance.now(),
  setTimer: (fn, ms) => setTimeout(fn, ms),
  clearTimer: (h) => clearTimeout(h as ReturnType<typeof setTimeout>),
};

export interface LiveRunOptions {
  /** Builds the run's config, with another seed when given (restart). */
  configFor: (seed?: number | string) => SimConfig;
  /** Simulated seconds per wall second, or 'max'. */
  speed?: number | 'max';
  /** Start playing at once (default true). */
  playing?: boolean;
  /** Longest stretch of ticks run without yielding, in ms (default 12): keeps controls and sends responsive. */
  sliceMs?: number;
  /** Events kept per reader before they are only counted (default 8192). */
  eventLimit?: number;
  clock?: Clock;
  /** Called after a batch of ticks ran: readers are behind and can take a frame. */
  onTicks?: () => void;
  /** Called when a new run replaced the old one (restart): readers need the layout again. */
  onReset?: () => void;
  /** Called when playing, speed or done changed. */
  onStatus?: () => void;
}

/** One consumer of a run's frames (a worker's page, a ws client): its own event backlog and position. */
export class Reader {
  /** Tick of the last frame this reader took. */
  lastTick = -1;
  constructor(readonly events: EventLog) {}
}

/**
 * A simulation run paced against the wall clock: real time times a speed
 * factor, or as fast as possible, with play, pause, step, speed, restart and
 * inspection. Runs ticks in short slices between timer callbacks so the host
 * (a Web Worker, or the server's event loop) stays responsive. Every tick's
 * events go to each reader's log; frames are taken by readers when they can
 * use one, so a reader that falls behind simply skips states.
 */
export class LiveRun {
  sim!: Sim;
  heat!: HeatMap;
  layout!: LayoutInfo;
  playing: boolean;
  speed: number | 'max';
  private snap!: Snapshotter;
  private inspector!: Inspector;
  private readonly readers = new Set<Reader>();
  private readonly clock: Clock;
  private readonly sliceMs: number;
  private timer: unknown = null;
  private baseTime = 0;
  private baseTick = 0;
  private disposed = false;
  private seed: number | string | undefined;

  constructor(private readonly opts: LiveRunOptions) {
    this.clock = opts.clock ?? systemClock;
    this.sliceMs = opts.sliceMs ?? 12;
    this.speed = opts.speed ?? 10;
    this.playing = opts.playing ?? true;
    this.load(opts.configFor());
  }

  private load(config: SimConfig): void {
    this.sim = new Sim(config);
    this.seed = config.seed;
    const w = this.sim.world;
    this.heat = new HeatMap(w.grid.width * w.grid.height, w.robots.n);
    this.heat.update(w.robots.cell, w.robots.state, w.robots.n);
    this.snap = new Snapshotter(w, { sections: this.sim.frameSections });
    this.inspector = new Inspector(w);
    this.layout = layoutInfo(config);
    this.sim.observe((f) => {
      this.heat.update(f.cell, f.state, f.robotCount);
      // Events were recorded during the tick that just ended.
      for (const r of this.readers) r.events.add(f.tick - 1, f.events);
    });
    for (const r of this.readers) {
      r.events.clear();
      r.lastTick = -1;
    }
    this.rebase();
  }

  get tick(): number {
    return this.sim.world.tick;
  }

  get done(): boolean {
    return this.sim.done;
  }

  openReader(): Reader {
    const r = new Reader(new EventLog(this.opts.eventLimit));
    this.readers.add(r);
    return r;
  }

  closeReader(r: Reader): void {
    this.readers.delete(r);
  }

  /** True when the run has ticks `r` has not seen. */
  behind(r: Reader): boolean {
    return r.lastTick !== this.tick;
  }

  /** The current state as a frame for `r`, carrying its pending events (which are then cleared). */
  takeFrame(r: Reader): Uint8Array {
    const t = this.tick;
    const covered = r.lastTick < 0 ? 0 : t - r.lastTick;
    const bytes = this.snap.encode(r.events, covered);
    r.events.clear();
    r.lastTick = t;
    return bytes;
  }

  /** The congestion map so far, as a heat message. */
  heatBytes(): Uint8Array {
    return encodeHeat(this.tick, this.heat.wait);
  }

  status(): StatusMessage {
    return { type: 'status', playing: this.playing, speed: this.speed, tick: this.tick, ticks: this.sim.config.ticks, done: this.done, seed: this.seed ?? 1 };
  }

  inspect(robot: number): RobotInfo | null {
    return this.inspector.inspect(robot);
  }

  /** Applies a control message. Returns the robot's details for 'inspect' (null when there is no such robot). */
  apply(c: Control): RobotInfo | null | undefined {
    switch (c.type) {
      case 'play':
        if (!this.playing && !this.done) {
          this.playing = true;
          this.rebase();
          this.schedule(0);
          this.opts.onStatus?.();
        }
        return undefined;
      case 'pause':
        if (this.playing) {
          this.playing = false;
          this.cancel();
          this.opts.onStatus?.();
        }
        return undefined;
      case 'step': {
        const was = this.playing;
        this.playing = false;
        this.cancel();
        for (let k = 0; k < c.count && !this.done; k++) this.sim.step();
        this.opts.onTicks?.();
        if (was) this.opts.onStatus?.();
        return undefined;
      }
      case 'speed':
        this.speed = c.speed;
        this.rebase();
        if (this.playing) this.schedule(0);
        this.opts.onStatus?.();
        return undefined;
      case 'restart': {
        this.cancel();
        this.load(this.opts.configFor(c.seed ?? this.seed));
        this.playing = true;
        this.opts.onReset?.();
        this.opts.onTicks?.();
        this.opts.onStatus?.();
        this.schedule(0);
        return undefined;
      }
      case 'inspect':
        return this.inspect(c.robot);
    }
  }

  /** Starts pacing (when playing). */
  start(): void {
    this.rebase();
    if (this.playing) this.schedule(0);
  }

  dispose(): void {
    this.disposed = true;
    this.cancel();
    this.readers.clear();
  }

  private rebase(): void {
    this.baseTime = this.clock.now();
    this.baseTick = this.tick;
  }

  private cancel(): void {
    if (this.timer !== null) this.clock.clearTimer(this.timer);
    this.timer = null;
  }

  private schedule(ms: number): void {
    if (this.disposed) return;
    this.cancel();
    this.timer = this.clock.setTimer(this.loop, Math.max(0, ms));
  }

  private ticksPerMs(): number {
    return typeof this.speed === 'number' ? this.speed / (this.sim.config.tickSeconds * 1000) : Infinity;
  }

  private readonly loop = (): void => {
    this.timer = null;
    if (!this.playing || this.disposed) return;
    const sim = this.sim;
    const clock = this.clock;
    const t0 = clock.now();
    const rate = this.ticksPerMs();
    // Ticks due by now at this speed ('max': no limit, only the slice's time).
    // (The epsilon keeps a tick due exactly now from rounding down to the one before.)
    const target = rate === Infinity ? Infinity : this.baseTick + Math.floor((t0 - this.baseTime) * rate + 1e-6);
    let ran = 0;
    while (!sim.done && sim.world.tick < target) {
      sim.step();
      ran++;
      if (clock.now() - t0 >= this.sliceMs) break;
    }
    if (rate !== Infinity && target - sim.world.tick > Math.max(1, rate * 1000)) {
      // More than a second behind: the machine cannot keep this speed. Drop the debt instead of bursting later.
      this.rebase();
    }
    if (ran > 0) this.opts.onTicks?.();
    if (sim.done) {
      this.playing = false;
      this.opts.onStatus?.();
      return;
    }
    if (rate === Infinity || sim.world.tick < target) this.schedule(0);
    else this.schedule(this.baseTime + (sim.world.tick + 1 - this.baseTick) / rate - clock.now());
  };
}
