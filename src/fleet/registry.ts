import { PibtPlanner } from './pibt.js';
import type { PlannerFactory } from './planner.js';

export const PLANNERS: Record<string, PlannerFactory> = {
  pibt: (grid, n, options) => new PibtPlanner(grid, n, options),
};
