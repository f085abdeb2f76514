import { ScenarioError } from '../scenario/errors.js';
import { ACTION_W, outputTaskErrands, type LorrOutput } from './output.js';
import type { LorrProblem } from './problem.js';
import type { LorrRunTrace } from './record.js';
import type { LorrSim } from './sim.js';

/** The name a run is shown under: the problem file's base name. */
function baseName(file: string): string {
  return file.split(/[\\/]/).pop() ?? file;
}

/** A finished `wsim lorr` run as a recording's input (reads the run's own records; copies nothing big). */
export function traceFromSim(problem: LorrProblem, sim: LorrSim): LorrRunTrace {
  const actions = sim.actions;
  return {
    name: baseName(problem.file),
    grid: problem.grid,
    starts: problem.starts,
    steps: actions.length,
    action: (s, a) => actions[s][a],
    assignments: sim.records.assignments,
    events: sim.records.events,
    tasks: sim.records.revealed.map((r) => ({ id: r.id, revealedAt: r.revealedAt, errands: sim.errands(r.id).length })),
  };
}

/**
 * A start-kit output file and its problem as a recording's input. The
 * output must be of this problem (same team size) and carry its paths;
 * otherwise one line naming the output file and the key.
 */
export function traceFromOutput(problem: LorrProblem, output: LorrOutput, outputFile: string): LorrRunTrace {
  const fail = (key: string, detail: string) => new ScenarioError(outputFile, key, detail);
  if (output.teamSize !== problem.teamSize) throw fail('teamSize', `is ${output.teamSize}, but ${baseName(problem.file)} has ${problem.teamSize} agents: is this the output of another problem?`);
  const paths = output.actualPaths;
  if (!paths) throw fail('actualPaths', 'missing: the viewer needs the paths (an output written with --outputScreen 1 or 2)');
  const w = problem.grid.width;
  const cells = problem.grid.width * problem.grid.height;
  const starts = Int32Array.from(problem.starts);
  const headings = new Uint8Array(problem.teamSize);
  output.start?.forEach((s, a) => {
    const cell = s.row * w + s.col;
    if (s.row < 0 || s.col < 0 || s.col >= w || cell >= cells) throw fail(`start[${a}]`, `(${s.row},${s.col}) is outside the ${w}x${problem.grid.height} map`);
    starts[a] = cell;
    headings[a] = s.heading;
  });
  let steps = 0;
  for (const p of paths) steps = Math.max(steps, p.length);
  return {
    name: baseName(outputFile),
    grid: problem.grid,
    starts,
    startHeadings: headings,
    steps,
    // A path shorter than the longest waits out the rest; T and unknown letters are waits too.
    action: (s, a) => paths[a][s] ?? ACTION_W,
    assignments: output.actualSchedule ?? [],
    events: output.events ?? [],
    tasks: (output.tasks ?? []).map((t) => ({ id: t.id, revealedAt: t.revealedAt, errands: outputTaskErrands(t, w).length })),
  };
}
