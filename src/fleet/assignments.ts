import { HungarianAssignment, NearestAssignment, type AssignmentStrategy } from './assignment.js';
import { ErrandAssignment, type ErrandAssignmentOptions } from './errand-assignment.js';

/**
 * Task assignment strategies by name (`fleet.assignment`). The options reach
 * `errands` only: put-away matches its tasks without take-overs.
 */
export const ASSIGNMENTS: Record<string, (options?: ErrandAssignmentOptions) => AssignmentStrategy> = {
  nearest: () => new NearestAssignment(),
  hungarian: () => new HungarianAssignment(),
  errands: (options) => new ErrandAssignment(options),
};
