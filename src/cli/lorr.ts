import { loadLorrProblem } from '../lorr/problem.js';
import { congestionFreeBound, runLorr, type Guidance, type Planner } from '../lorr/run.js';
import { actionShares, formatShares, splitShares } from '../lorr/action-shares.js';
import type { LorrSim } from '../lorr/sim.js';
import { writeLorrRecording } from '../lorr/record.js';
import { lorrVariant } from '../lorr/variant.js';
import { traceFromSim } from '../lorr/trace.js';
import { UsageError } from './commands.js';
import { checkOutput, writeTextAtomic } from '../output/output.js';

export interface LorrArgs {
  problem: string;
  steps: number;
  output?: string;
  /** Write a recording the viewer scrubs (`wsim view FILE`). */
  record?: string;
  guidance: Guidance;
  planner: Planner;
  /** Operations per step for the operation planner's improvement step (0: none; auto: by the fleet's size). */
  improve?: number | 'auto';
  /** Run the problem's first `agents` agents only (see lorrVariant). */
  agents?: number;
  /** Read the tasks file from this 0-based task on (see lorrVariant). */
  firstTask?: number;
  bound: boolean;
  quiet: boolean;
  /** Let the problem name files outside its own folder. */
  allowOutside?: boolean;
}

/** Most steps a run may ask for: memory for the paths grows with steps x agents. */
export const MAX_STEPS = 1_000_000;

/** `wsim lorr PROBLEM.json`: simulate a League of Robot Runners 2024 problem under its rules. */
export function lorrCommand(args: LorrArgs): number {
  if (!Number.isInteger(args.steps) || args.steps <= 0 || args.steps > MAX_STEPS) {
    throw new UsageError(`--steps must be a positive whole number up to ${MAX_STEPS}, got ${args.steps}`);
  }
  const whole = loadLorrProblem(args.problem, { allowOutside: args.allowOutside });
  let problem = whole;
  try {
    problem = lorrVariant(whole, { agents: args.agents, firstTask: args.firstTask });
  } catch (e) {
    if (e instanceof RangeError) throw new UsageError(`${args.problem}: ${e.message}`, 'lorr');
    throw e;
  }
  if (args.output) checkOutput(args.output);
  if (args.record) checkOutput(args.record);
  const t0 = performance.now();
  let nextDecile = 1;
  // Tasks finished in each tenth of the run: a fleet that clogs shows falling tenths.
  const tenths: number[] = [];
  let lastFinished = 0;
  const result = runLorr(problem, {
    steps: args.steps,
    guidance: args.guidance,
    planner: args.planner,
    improve: args.improve,
    onStep: (sim) => {
      if (sim.step === Math.floor(((tenths.length + 1) * args.steps) / 10)) {
        tenths.push(sim.finished - lastFinished);
        lastFinished = sim.finished;
      }
      if (args.quiet) return;
      while (sim.step * 10 >= nextDecile * args.steps) {
        nextDecile++;
        process.stderr.write(`[${String(Math.floor((100 * sim.step) / args.steps)).padStart(3)}%] step ${sim.step} of ${args.steps}, ${sim.finished} tasks finished\n`);
      }
    },
  });
  const wall = (performance.now() - t0) / 1000;
  if (args.output) writeTextAtomic(args.output, JSON.stringify(result.output) + '\n');
  if (args.record) writeLorrRecording(traceFromSim(problem, result.sim), args.record);
  const { sim } = result;
  const ms = sim.planMs;
  const mean = ms.reduce((a, b) => a + b, 0) / ms.length;
  const maxAfterFirst = ms.length > 1 ? Math.max(...ms.slice(1)) : ms[0];
  if (!args.quiet) {
    const shares = actionShares(sim.actions);
    const lines = [
      `${args.problem}: ${problem.teamSize}${problem.teamSize === whole.teamSize ? '' : ` of its ${whole.teamSize}`} agents${(args.firstTask ?? 0) > 0 ? ` (tasks from line ${problem.taskLines[0]} of the tasks file)` : ''} on ${problem.grid.width}x${problem.grid.height}, ${args.steps} steps, planner ${result.planner}${result.improve > 0 ? ` (improvement step: up to ${result.improve.toLocaleString('en-US')} operations a step)` : ''}${result.dense ? ` (packed floor: at most ${sim.activeLimit} robots on errands)` : ''}, guidance ${result.guidance}` +
        (result.trial ? ` (trial of ${result.trial.steps} steps: lanes ${result.trial.lanes} vs none ${result.trial.none} errands)` : ''),
      `  tasks finished   ${sim.finished} (${(sim.finished / args.steps).toFixed(2)} per step)`,
      ...(result.dense ? [`  packed floor     ${sim.activeLimit} of ${sim.n} robots on errands at most, the rest standing by; ${sim.handedBack} tasks handed back unopened by robots stuck on the way`, kinds(sim)] : []),
      `  per tenth        ${sparkline(tenths)}  ${tenths.join(' ')} (the last tenth is ${(tenths[tenths.length - 1] / Math.max(1, ...tenths)).toFixed(2)} of the best)`,
      // Where a fleet clogs, turning in place climbs before the tasks fall off.
      ...(['moving', 'turning', 'waiting'] as const).map((k) => `  ${(k + ' %').padEnd(16)} ${formatShares(shares, k)}  (share of robot-steps, by tenth)`),
      `  planning         mean ${mean.toFixed(1)} ms/step, max ${maxAfterFirst.toFixed(1)} ms after the first step (first step ${ms[0].toFixed(0)} ms)`,
      `  wall             ${wall.toFixed(1)} s`,
    ];
    if (args.bound) {
      const bound = congestionFreeBound(problem, args.steps);
      lines.push(`  congestion-free  ${bound} tasks if every robot drove as if alone: ours is ${((100 * sim.finished) / Math.max(1, bound)).toFixed(1)}% of it`);
    }
    process.stdout.write(lines.join('\n') + '\n');
  }
  return 0;
}

/**
 * On a packed floor, what robots on errands and standing-by robots did, apart:
 * the fleet's shares mix them (on RANDOM-04 robots on errands turn in place
 * in over half their steps, blocked in the pack).
 */
function kinds(sim: LorrSim): string {
  const e = splitShares(sim.onErrands);
  const b = splitShares(sim.standingBy);
  return `  by kind          robots on errands moved ${e.moving}% of their steps, turned ${e.turning}%, waited ${e.waiting}%; standing by ${b.moving}%, ${b.turning}%, ${b.waiting}%`;
}

const BARS = '▁▂▃▄▅▆▇█';

/** One block character per value, scaled to the largest: the run's throughput at a glance. */
export function sparkline(values: readonly number[]): string {
  const top = Math.max(1, ...values);
  return values.map((v) => BARS[Math.min(BARS.length - 1, Math.floor((v / top) * (BARS.length - 1) + 0.5))]).join('');
}
