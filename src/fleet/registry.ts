import { EpibtPlanner } from './epibt-planner.js';
import { PibtPlanner } from './pibt.js';
import type { PlannerFactory } from './planner.js';
import { WhcaPlanner } from './whca.js';

/** Path planners by the name a scenario gives in `fleet.planner`. */
export const PLANNERS: Record<string, PlannerFactory> = {
  pibt: (grid, n, options) => new PibtPlanner(grid, n, options),
  whca: (grid, n, options) => new WhcaPlanner(grid, n, options),
  epibt: (grid, n, options) => new EpibtPlanner(grid, n, true, options.turnTicks ?? 1, options.improve ?? 0, options.rng),
};
