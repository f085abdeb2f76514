import { buildLorrOutput, type LorrOutputJson } from './output.js';
import type { LorrProblem } from './problem.js';
import { LorrSim, type LorrOptions } from './sim.js';

export type Guidance = 'auto' | 'lanes' | 'traffic' | 'none';
export type Planner = 'auto' | NonNullable<LorrOptions['planner']>;

/**
 * Robots per free cell above which `auto` plans with PIBT's single moves
 * rather than three-action operations. Operations need room: a push must
 * clear within three actions, turns included, and on a floor more than half
 * full the chains rarely do (RANDOM-04, 85% full: 547 tasks with PIBT, a few
 * dozen with operations); up to a quarter full, operations win everywhere
 * they were measured (docs/lorr.md).
 */
export const OPERATIONS_MAX_DENSITY = 0.5;

/** The planner `auto` picks for a problem: see OPERATIONS_MAX_DENSITY. */
export function choosePlanner(problem: LorrProblem): 'pibt' | 'epibt' {
  return problem.teamSize <= OPERATIONS_MAX_DENSITY * problem.grid.free.length ? 'epibt' : 'pibt';
}

export interface LorrRunOptions {
  steps: number;
  planner?: Planner;
  guidance?: Guidance;
  /** Called after every step (progress lines at the edge). */
  onStep?: (sim: LorrSim) => void;
}

export interface LorrRunResult {
  sim: LorrSim;
  output: LorrOutputJson;
  guidance: 'lanes' | 'traffic' | 'none';
  planner: NonNullable<LorrOptions['planner']>;
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
export function calibrateGuidance(problem: LorrProblem, steps: number, planner?: LorrOptions['planner']) {
  const trialSteps = Math.max(20, Math.min(100, Math.floor(steps / 5)));
  const score = (guidance: 'lanes' | 'none') => {
    const sim = new LorrSim(lorrInput(problem), { guidance, planner });
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
  const planner = (options.planner ?? 'auto') === 'auto' ? choosePlanner(problem) : (options.planner as LorrRunResult['planner']);
  if ((options.guidance ?? 'auto') === 'auto') {
    // The trial runs PIBT whatever plans the run: it is cheap, and lanes pay off, or not, for the map rather than the planner.
    const c = calibrateGuidance(problem, options.steps, planner === 'pibt-t' ? planner : 'pibt');
    guidance = c.choice === 'lanes' ? 'traffic' : 'none';
    trial = { lanes: c.lanes, none: c.none, steps: c.steps };
  } else guidance = options.guidance as 'lanes' | 'traffic' | 'none';
  const sim = new LorrSim(lorrInput(problem), { guidance, planner });
  for (let s = 0; s < options.steps; s++) {
    sim.advance();
    options.onStep?.(sim);
  }
  return { sim, output: lorrOutput(problem, sim), guidance, planner, trial };
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
