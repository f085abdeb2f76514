import type { SimConfig } from '../core/config.js';
import type { Frame } from '../core/frame.js';
import { isFixed } from '../core/robots.js';
import { rngStream } from '../core/rng.js';
import type { World } from '../core/world.js';
import { createWorld } from './create-world.js';
import { ASSIGNMENTS, type AssignmentStrategy } from '../fleet/assignment.js';
import { DispatchScratch } from '../fleet/dispatch.js';
import { movementStage, MotionScratch } from '../fleet/motion.js';
import type { Planner, PlanView } from '../fleet/planner.js';
import { PLANNERS } from '../fleet/registry.js';
import { StuckWatch } from '../fleet/stuck.js';
import { DeadlockWatch } from '../fleet/deadlock.js';
import { DemandScratch, demandStage } from '../orders/demand.js';
import { assignmentStage } from '../storage/fetch-pods.js';
import { equipmentStage } from '../site/equipment.js';
import { createFlowFrame, fillFlowFrame } from '../site/flow-frame.js';
import { lineJoinedPick, serviceStage } from '../stations/service.js';
import { Reslotter } from '../storage/reslot.js';
import { SLOTTING } from '../storage/slotting.js';
import { metricsStage } from '../metrics/stage.js';
import { FaultEngine } from '../faults/engine.js';
import { Operations } from '../operations/operations.js';
import { AlertDetector } from '../metrics/alerts.js';
import { StallWatch } from '../metrics/stalls.js';

/** Receives one frame per tick. */
export type FrameObserver = (frame: Frame) => void;

/**
 * The simulation: a world plus the strategies picked by name, advanced one
 * fixed tick at a time through the stages in a fixed order:
 * faults -> demand -> assignment -> planning -> movement -> service -> equipment -> metrics -> frame.
 * Pure: no I/O, no clock, no global randomness.
 */
export class Sim {
  readonly world: World;
  readonly planner: Planner;
  readonly assignment: AssignmentStrategy;
  private readonly view: PlanView & { tick: number };
  private readonly loaded: Uint8Array;
  private readonly fixed: Uint8Array;
  private readonly dispatch: DispatchScratch;
  private readonly motion: MotionScratch;
  private readonly demand: DemandScratch;
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
  private readonly frame: Frame;
  private readonly observers: FrameObserver[] = [];

  constructor(readonly config: SimConfig) {
    const w = createWorld(config);
    this.world = w;
    const planner = PLANNERS[config.fleet.planner];
    const assignment = ASSIGNMENTS[config.fleet.assignment];
    if (!planner) throw new Error(`unknown planner '${config.fleet.planner}'`);
    if (!assignment) throw new Error(`unknown assignment '${config.fleet.assignment}'`);
    const n = w.robots.n;
    this.planner = planner(w.grid, n, {
      rng: rngStream(config.seed, 'planner'),
      window: config.fleet.window,
      replanEvery: config.fleet.replanEvery,
    });
    this.assignment = assignment();
    this.loaded = new Uint8Array(n);
    this.fixed = new Uint8Array(n);
    const r = w.robots;
    this.view = {
      grid: w.grid,
      n,
      tick: 0,
      cell: r.cell,
      goal: r.goal,
      goalSince: r.goalSince,
      field: r.field,
      loaded: this.loaded,
      fixed: this.fixed,
      heading: r.heading,
      turnBias: config.robots.rotationTicks > 0 ? 0.2 : 0,
      laneBias: 0,
      fields: w.fields,
    };
    this.dispatch = new DispatchScratch(w.pods.n, n, w.stations.n);
    this.motion = new MotionScratch(w.grid.width * w.grid.height);
    this.stuck = new StuckWatch(n);
    this.deadlocks = new DeadlockWatch(w);
    this.reslot = SLOTTING[config.demand.slotting]?.reslots
      ? new Reslotter(w, config.demand.reslotEveryTicks ?? Math.round(3600 / config.tickSeconds))
      : null;
    this.demand = new DemandScratch(config.demand.linesMax, config.zones.length);
    this.faults = config.faults ? new FaultEngine(w, config.faults) : null;
    w.faults = this.faults;
    this.operations = config.operations ? new Operations(w, config.operations, this.reslot) : null;
    w.operations = this.operations;
    this.alerts = config.alerts ? new AlertDetector(w, config.alerts) : null;
    w.alerts = this.alerts;
    this.stalls = new StallWatch(w, config.fleet.stallTicks ?? Math.max(1, Math.round(30 / config.tickSeconds)));
    w.stalls = this.stalls;
    this.frame = {
      tick: 0,
      time: 0,
      robotCount: n,
      cell: r.cell,
      heading: r.heading,
      state: r.state,
      pod: r.pod,
      batteryWh: r.batteryWh,
      events: w.events,
      ordersOpen: 0,
      ordersCompleted: 0,
      flow: createFlowFrame(w),
    };
  }

  /** Adds an observer of per-tick frames; returns a function that removes it. */
  observe(fn: FrameObserver): () => void {
    this.observers.push(fn);
    return () => {
      const k = this.observers.indexOf(fn);
      if (k >= 0) this.observers.splice(k, 1);
    };
  }

  get done(): boolean {
    return this.world.tick >= this.config.ticks;
  }

  /** Advances one tick. */
  step(): void {
    const w = this.world;
    w.events.clear();
    this.faults?.step(w);
    this.operations?.startTick(w);
    demandStage(w, lineJoinedPick, this.demand);
    assignmentStage(w, this.assignment, this.dispatch);
    this.reslot?.step(w);
    this.operations?.afterAssignment(w);
    this.planStage();
    this.stalls.beforeMove(w);
    movementStage(w, this.motion);
    this.stalls.afterMove(w);
    serviceStage(w);
    equipmentStage(w);
    metricsStage(w);
    this.alerts?.step(w);
    w.tick++;
    this.emitFrame();
  }

  /** Runs to the end of the configured duration (or `maxTicks` more ticks). */
  run(maxTicks = Infinity): void {
    const end = Math.min(this.config.ticks, this.world.tick + maxTicks);
    while (this.world.tick < end) this.step();
  }

  private planStage(): void {
    const w = this.world;
    // Detours change goals: decide them before the fields are grown for this tick's plan.
    this.deadlocks.update(w);
    const r = w.robots;
    const margin = this.planner.lookahead ?? 1;
    for (let i = 0; i < r.n; i++) {
      this.loaded[i] = r.pod[i] >= 0 ? 1 : 0;
      this.fixed[i] = isFixed(r.state[i]) ? 1 : 0;
      // Grow each robot's distance search just far enough for the planner to read around it.
      const lazy = r.lazy[i];
      if (lazy !== null) lazy.ensure(r.cell[i], margin);
    }
    this.stuck.update(w);
    this.view.tick = w.tick;
    this.planner.plan(this.view, r.next);
  }

  private emitFrame(): void {
    const f = this.frame;
    const w = this.world;
    f.tick = w.tick;
    f.time = w.tick * this.config.tickSeconds;
    f.ordersOpen = w.books.openOrders;
    f.ordersCompleted = w.books.ordersCompleted;
    fillFlowFrame(w, f.flow);
    for (let k = 0; k < this.observers.length; k++) this.observers[k](f);
  }
}
