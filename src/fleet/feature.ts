import type { Feature } from '../core/feature.js';
import { rngStream } from '../core/rng.js';
import { isFixed } from '../core/robots.js';
import type { World } from '../core/world.js';
import { DeadlockWatch } from './deadlock.js';
import { ALONG } from './guided-field.js';
import { GuidedSteering } from './guided-steering.js';
import { movementStage, MotionScratch } from './motion.js';
import type { Planner, PlanView } from './planner.js';
import { resolveImproveBudget } from './improve-budget.js';
import { PLANNERS } from './registry.js';
import { StuckWatch } from './stuck.js';

/**
 * Fleet control as a feature: plans every robot's next cell (planning) and
 * moves the robots (movement). The planner is picked by name
 * (`fleet.planner`). Which robot fetches which pod is decided at the
 * assignment phase by the order flow (src/storage/fetch-pods.ts).
 */
export class FleetControl implements Feature {
  readonly name = 'fleet';
  readonly planner: Planner;
  /** Hands the lead to another robot when one has made no progress for a while. */
  readonly stuck: StuckWatch;
  /** Finds robots that made no progress for a long time and sends them on a detour. */
  readonly deadlocks: DeadlockWatch;
  readonly stages = {
    planning: (w: World) => this.plan(w),
    movement: (w: World) => {
      movementStage(w, this.motion);
      this.guided?.observe(w.tick, w.robots.prevCell, w.robots.cell, w.robots.goal);
    },
  };
  private readonly view: PlanView & { tick: number };
  /** Guided fields (`fleet.guidance` other than `none`) and the view that reads them; null without guidance. */
  private readonly guided: GuidedSteering | null;
  private readonly guidedView: (PlanView & { tick: number }) | null;
  private readonly loaded: Uint8Array;
  private readonly fixed: Uint8Array;
  private readonly motion: MotionScratch;

  constructor(w: World) {
    const config = w.config;
    const planner = PLANNERS[config.fleet.planner];
    if (!planner) throw new Error(`unknown planner '${config.fleet.planner}'`);
    const n = w.robots.n;
    this.planner = planner(w.grid, n, {
      rng: rngStream(config.seed, 'planner'),
      window: config.fleet.window,
      replanEvery: config.fleet.replanEvery,
      turnTicks: config.robots.rotationTicks,
      improve: resolveImproveBudget(config.fleet.improve ?? 0, n),
    });
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
      wantDir: r.wantDir,
      turnProgress: r.turnProgress,
    };
    const guidance = config.fleet.guidance ?? 'none';
    this.guided = guidance === 'none' ? null : new GuidedSteering(w.grid, n, guidance, w.fields);
    const g = this.guided;
    this.guidedView =
      g === null ? null : { ...this.view, field: g.field, fieldIndex: g.slot, fieldUnit: ALONG, fieldCost: (i, cell) => g.exact(i, cell) };
    this.motion = new MotionScratch(w.grid.width * w.grid.height);
    this.stuck = new StuckWatch(n);
    this.deadlocks = new DeadlockWatch(w);
  }

  private plan(w: World): void {
    // Between stages the robots hold the only fields kept: evicted ones they let go of can be reused.
    w.fields.recycle(w.robots.lazy);
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
    if (this.guided !== null && this.guidedView !== null) {
      this.guided.update(r.goal, this.loaded, r.cell);
      this.guidedView.tick = w.tick;
      this.planner.plan(this.guidedView, r.next);
    } else this.planner.plan(this.view, r.next);
  }
}
