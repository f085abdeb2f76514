import { buildLorrOutput, type LorrOutputJson } from './output.js';
import type { LorrProblem } from './problem.js';
import { LorrSim, type LorrOptions } from './sim.js';
import { resolveImproveBudget } from '../fleet/improve-budget.js';

export type Guidance = 'auto' | 'lanes' | 'traffic' | 'none';
export type Planner = 'auto' | NonNullable<LorrOptions['planner']>;

/**
 * Robots per free cell above which `auto` treats a floor as packed and runs
 * it with DENSE_FLOOR. With every robot on an errand, operations need room a
 * packed floor does not have: a push must clear within three actions, turns
 * included, and the chains rarely do (RANDOM-04, 85% full: a few dozen tasks
 * in 500 steps with operations, 317 with PIBT's single moves).
 */
export const OPERATIONS_MAX_DENSITY = 0.5;

/**
 * What `auto` adds on a packed floor: at most 30% of the free cells' worth of
 * robots on errands (the rest stand by, keeping clear of the robots on
 * errands), tasks into crowds weighed down, and the operation planner led by
 * the agents nearest to finishing, gains weighed by the square of priority
 * rank, pushing aside robots that turn in place for nothing, and keeping a
 * chain whenever the robot that starts it gains (the robot ahead goes
 * first), with room for long chains (10,000 operations an attempt against
 * 1,000: a push in a pack travels far to a gap). Measured on RANDOM-04 (700
 * robots, 819 free cells, 1,000 steps): 654 tasks with PIBT and every robot
 * on an errand, 1,366 with these before the chains grew; over eight variants
 * of it, 4,685 against 11,643 (docs/lorr.md).
 */
export const DENSE_FLOOR = {
  activeShare: 0.3,
  crowdWeight: 2,
  idleClear: 2,
  epibt: { priority: 'remaining', power: 'rank2', pushIdleTurns: true, leaderFirst: true, chain: 10_000 },
} as const satisfies Pick<LorrOptions, 'activeShare' | 'crowdWeight' | 'idleClear' | 'epibt'>;

/** Whether `auto` runs a problem with DENSE_FLOOR. */
export function isDenseFloor(problem: LorrProblem): boolean {
  return problem.teamSize > OPERATIONS_MAX_DENSITY * problem.grid.free.length;
}

export interface LorrRunOptions {
  steps: number;
  planner?: Planner;
  guidance?: Guidance;
  /**
   * Operations the operation planner may try per step in its anytime
   * improvement step (see OperationPlannerOptions.improveBudget): a number
   * (0: none), or `auto` (the default, autoImproveBudget). Work, not time:
   * the run stays deterministic.
   */
  improve?: number | 'auto';
  /** Called after every step (progress lines at the edge). */
  onStep?: (sim: LorrSim) => void;
}

export interface LorrRunResult {
  sim: LorrSim;
  output: LorrOutputJson;
  guidance: 'lanes' | 'traffic' | 'none';
  planner: NonNullable<LorrOptions['planner']>;
  /** Whether the run used DENSE_FLOOR's settings (auto on a packed floor). */
  dense: boolean;
  /** Operations a step the operation planner's improvement step tried at most (0: none). */
  improve: number;
  /** Errands reached per guidance in the calibration trial (auto only). */
  trial?: { lanes: number; none: number; steps: number };
}

export function lorrInput(problem: LorrProblem) {
  return { grid: problem.grid, starts: problem.starts, tasks: problem.tasks, revealCount: problem.revealCount };
}

/**
 * Picks the guidance for a map by trying lanes and plain distances on the
 * problem's own start for a short while (errands reached decides). One rule
 * for every map: one-way lanes pay off in warehouse and sortation grids of
 * narrow aisles and cost detours on maps of scattered obstacles, and a short
 * trial tells which this one is. Where lanes win, the run uses them with
 * learned traffic costs (`traffic`), which a short trial cannot show: they
 * matter once jams have had time to form.
 */
export function calibrateGuidance(problem: LorrProblem, steps: number, settings: Omit<LorrOptions, 'guidance'> = {}) {
  const trialSteps = Math.max(20, Math.min(100, Math.floor(steps / 5)));
  const score = (guidance: 'lanes' | 'none') => {
    const sim = new LorrSim(lorrInput(problem), { ...settings, guidance });
    for (let s = 0; s < trialSteps; s++) sim.advance();
    return sim.errandsReached;
  };
  const lanes = score('lanes');
  const none = score('none');
  return { choice: lanes > none ? ('lanes' as const) : ('none' as const), lanes, none, steps: trialSteps };
}

/** Runs a LoRR problem for `steps` steps and builds the start-kit's output JSON. */
export function runLorr(problem: LorrProblem, options: LorrRunOptions): LorrRunResult {
  let guidance: 'lanes' | 'traffic' | 'none';
  let trial: LorrRunResult['trial'];
  // auto: operations, and on a packed floor with DENSE_FLOOR's settings.
  const planner = (options.planner ?? 'auto') === 'auto' ? 'epibt' : (options.planner as LorrRunResult['planner']);
  const dense = (options.planner ?? 'auto') === 'auto' && isDenseFloor(problem);
  if ((options.guidance ?? 'auto') === 'auto' && dense) {
    // A packed floor needs the learned jam costs whatever its map (RANDOM-04 with DENSE_FLOOR: 1,115 tasks with
    // traffic, 394 with plain distances), and a short trial there measures the start's scramble, not the map.
    guidance = 'traffic';
  } else if ((options.guidance ?? 'auto') === 'auto') {
    // The trial runs PIBT whatever plans the run: it is cheap, and lanes pay off, or not, for the map rather than the planner.
    const c = calibrateGuidance(problem, options.steps, { planner: planner === 'pibt-t' ? planner : 'pibt' });
    guidance = c.choice === 'lanes' ? 'traffic' : 'none';
    trial = { lanes: c.lanes, none: c.none, steps: c.steps };
  } else guidance = options.guidance as 'lanes' | 'traffic' | 'none';
  const settings: LorrOptions = dense ? { guidance, planner, ...DENSE_FLOOR } : { guidance, planner };
  const improve = resolveImproveBudget(options.improve, problem.teamSize);
  if (improve > 0) settings.epibt = { ...settings.epibt, improveBudget: improve };
  const sim = new LorrSim(lorrInput(problem), settings);
  for (let s = 0; s < options.steps; s++) {
    sim.advance();
    options.onStep?.(sim);
  }
  return { sim, output: lorrOutput(problem, sim), guidance, planner, dense, trial, improve: planner === 'epibt' ? improve : 0 };
}

/** The start-kit's output JSON for a finished run. */
export function lorrOutput(problem: LorrProblem, sim: LorrSim): LorrOutputJson {
  const n = sim.n;
  const actions: Uint8Array[] = [];
  for (let i = 0; i < n; i++) {
    const a = new Uint8Array(sim.actions.length);
    for (let s = 0; s < sim.actions.length; s++) a[s] = sim.actions[s][i];
    actions.push(a);
  }
  return buildLorrOutput({
    teamSize: n,
    width: problem.grid.width,
    starts: problem.starts,
    actions,
    plannerTimesMs: sim.planMs,
    assignments: sim.records.assignments,
    events: sim.records.events,
    tasks: sim.records.revealed.map((r) => ({ id: r.id, revealedAt: r.revealedAt, errands: sim.errands(r.id) })),
    numTaskFinished: sim.finished,
  });
}

/** Tasks finished when every robot moves as if alone (same scheduler): the congestion-free bound. */
export function congestionFreeBound(problem: LorrProblem, steps: number): number {
  const sim = new LorrSim(lorrInput(problem), { ghost: true, guidance: 'none' });
  for (let s = 0; s < steps; s++) sim.advance();
  return sim.finished;
}
