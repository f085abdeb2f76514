/** Most operations a step a budget may ask for (`wsim lorr --improve`, `fleet.improve`; some seconds a step on the largest problems). */
export const IMPROVE_LIMIT = 10_000_000;

/** Most operations a step the improvement step tries by default (about 40 ms a step on RANDOM-04's 700 robots). */
export const AUTO_IMPROVE_MAX = 1_000_000;

/**
 * The operation planner's improvement step's default budget for a fleet of
 * `robots` (see OperationPlannerOptions.improveBudget), the same for `wsim
 * lorr` and the warehouse engine's `epibt`: a million operations a step up to
 * 1,000 robots, then 10⁹ / robots. The planner spends at most 2,000 of them
 * per robot in conflict, so a floor with few conflicts gets a short step
 * whatever this says. On small packed fleets the step pays (RANDOM-04's
 * sixteen variants +12%, every one up); on large ones each operation costs
 * more (they land all over a large floor's tables), the passes already fill
 * most of the step, and a budget spread over thousands of robots changed
 * nothing measurable (WAREHOUSE's first 1,000 steps: 27,261 tasks with
 * 300,000 a step against 27,138, and about 40 ms a step more).
 */
export function autoImproveBudget(robots: number): number {
  return Math.min(AUTO_IMPROVE_MAX, Math.floor(1e9 / Math.max(1, robots)));
}

/** A budget as written (`auto`, or operations a step) for a fleet of `robots`. */
export function resolveImproveBudget(improve: number | 'auto' | undefined, robots: number): number {
  return improve === undefined || improve === 'auto' ? autoImproveBudget(robots) : improve;
}
