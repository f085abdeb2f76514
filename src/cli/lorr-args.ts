import { IMPROVE_LIMIT } from '../fleet/improve-budget.js';
import { parseCommandArgs, str, UsageError } from './commands.js';

/** The command line of `wsim lorr`: one problem file and how to run it. */
export function parseLorrArgs(args: string[]) {
  const { values, positionals } = parseCommandArgs('lorr', args);
  if (positionals.length !== 1) throw new UsageError('lorr takes exactly one PROBLEM.json', 'lorr');
  const guidance = str(values, 'guidance') ?? 'auto';
  if (guidance !== 'auto' && guidance !== 'traffic' && guidance !== 'lanes' && guidance !== 'none') throw new UsageError(`--guidance must be auto, traffic, lanes or none, got '${guidance}'`, 'lorr');
  const planner = str(values, 'planner') ?? 'auto';
  if (planner !== 'auto' && planner !== 'pibt' && planner !== 'epibt' && planner !== 'pibt-t') throw new UsageError(`--planner must be auto, pibt, epibt or pibt-t, got '${planner}'`, 'lorr');
  const improveText = str(values, 'improve') ?? 'auto';
  const improve = improveText === 'auto' ? ('auto' as const) : /^\d+$/.test(improveText) ? Number(improveText) : NaN;
  if (improve !== 'auto' && !(improve <= IMPROVE_LIMIT)) throw new UsageError(`--improve must be auto or a whole number of operations from 0 to ${IMPROVE_LIMIT}, got '${improveText}'`, 'lorr');
  // Whole numbers here; their ranges depend on the problem (see lorrVariant).
  const whole = (key: 'agents' | 'first-task') => {
    const text = str(values, key);
    if (text === undefined) return undefined;
    if (!/^\d+$/.test(text)) throw new UsageError(`--${key} must be a whole number, got '${text}'`, 'lorr');
    return Number(text);
  };
  const agents = whole('agents');
  const firstTask = whole('first-task');
  const stepsText = str(values, 'steps');
  const steps = stepsText === undefined ? 5000 : Number(stepsText);
  return { problem: positionals[0], steps, output: str(values, 'output'), record: str(values, 'record'), guidance, planner, improve, agents, firstTask, bound: values.bound === true, quiet: values.quiet === true, allowOutside: values['allow-outside'] === true } as const;
}
