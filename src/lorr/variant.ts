import { lorrRevealCount, type LorrProblem } from './problem.js';

/** Which part of a problem's agents and tasks a run takes (see lorrVariant). */
export interface LorrVariant {
  /** Run the first this many of the problem's agents (default: its teamSize). */
  agents?: number;
  /** Read the tasks file from this 0-based task line on, cycling back to its start (default 0). */
  firstTask?: number;
}

/**
 * A problem's variant: its first `agents` agents, with the tasks file read
 * from line `firstTask` on (cycled, as the start-kit cycles it), the pool of
 * revealed tasks sized for the new team. One instance is one draw of a
 * chaotic run (on RANDOM-04 one robot more or less on errands moves the
 * tasks finished by a third), so settings are judged over such variants of
 * it rather than on the instance alone (docs/lorr.md). Throws a RangeError
 * naming the limit when either value is out of range.
 */
export function lorrVariant(problem: LorrProblem, variant: LorrVariant): LorrProblem {
  const agents = variant.agents ?? problem.teamSize;
  const first = variant.firstTask ?? 0;
  if (!Number.isInteger(agents) || agents < 1 || agents > problem.teamSize) {
    throw new RangeError(`--agents must be a whole number from 1 to the problem's teamSize (${problem.teamSize}), got ${agents}`);
  }
  const lines = problem.tasks.length;
  if (!Number.isInteger(first) || first < 0 || first >= lines) {
    throw new RangeError(`--first-task must be a whole number from 0 to ${lines - 1} (the tasks file has ${lines} tasks), got ${first}`);
  }
  if (agents === problem.teamSize && first === 0) return problem;
  const taskLines = new Int32Array(lines);
  taskLines.set(problem.taskLines.subarray(first));
  taskLines.set(problem.taskLines.subarray(0, first), lines - first);
  return {
    ...problem,
    teamSize: agents,
    revealCount: lorrRevealCount(problem.numTasksReveal, agents),
    starts: problem.starts.slice(0, agents),
    tasks: problem.tasks.slice(first).concat(problem.tasks.slice(0, first)),
    taskLines,
  };
}
