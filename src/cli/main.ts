import { readFileSync } from 'node:fs';
import { parseArgs } from 'node:util';

/** Thrown for bad command lines: printed with the usage hint, exit 2. */
export class UsageError extends Error {}

const HELP = `wsim: warehouse robotics and AMR fleet simulator

Usage:
  wsim run [SCENARIO] [--seed N] [--duration D] [--report FILE] [--trace FILE] [--quiet]
  wsim lorr PROBLEM.json [--steps N] [--output OUT.json] [--guidance auto|lanes|none] [--bound]
  wsim validate FILE
  wsim schema
  wsim --version | --help

run        simulate a scenario (default: the built-in default scenario) and print KPIs
lorr       run a League of Robot Runners 2024 problem under its rules; --output writes
           the start-kit's output JSON (its evaluator and visualizer read it)
validate   check a scenario file; exit 0 if it is valid, 2 with the problems if not
schema     print the scenario JSON Schema (reference it with "$schema" for editor help)

Options for run:
  --seed N         override the scenario's seed
  --duration D     override the duration (seconds, or "8h", "90m")
  --report FILE    write the KPI report as JSON
  --trace FILE     write every robot's cell at every tick as JSON
  --quiet          no progress line and no summary

Exit codes: 0 ok, 1 run failed, 2 bad usage or bad scenario file.`;

export function packageRoot(): URL {
  return new URL('../../', import.meta.url);
}

function version(): string {
  const pkg = JSON.parse(readFileSync(new URL('package.json', packageRoot()), 'utf8')) as { version: string };
  return pkg.version;
}

/** Runs the CLI; returns the exit code. Never lets a user's mistake surface as a stack trace. */
export async function main(argv: string[]): Promise<number> {
  const [command, ...rest] = argv;
  try {
    switch (command) {
      case undefined:
      case '--help':
      case '-h':
      case 'help':
        process.stdout.write(HELP + '\n');
        return command === undefined ? 2 : 0;
      case '--version':
      case '-v':
        process.stdout.write(`wsim ${version()}\n`);
        return 0;
      case 'run':
        return (await import('./run.js')).runCommand(parseRunArgs(rest));
      case 'lorr':
        return (await import('./lorr.js')).lorrCommand(parseLorrArgs(rest));
      case 'validate': {
        const { values, positionals } = parse(rest, {});
        void values;
        if (positionals.length !== 1) throw new UsageError('validate takes exactly one FILE');
        return (await import('./validate.js')).validateCommand(positionals[0]);
      }
      case 'schema':
        parse(rest, {});
        return (await import('./schema.js')).schemaCommand();
      default:
        throw new UsageError(`unknown command '${command}'`);
    }
  } catch (e) {
    const { ScenarioError, ScenarioErrors } = await import('../scenario/errors.js');
    if (e instanceof UsageError) {
      process.stderr.write(`wsim: ${e.message}\nRun 'wsim --help' for usage.\n`);
      return 2;
    }
    if (e instanceof ScenarioError || e instanceof ScenarioErrors) {
      process.stderr.write(`${e.message}\n`);
      return 2;
    }
    process.stderr.write(`wsim: ${(e as Error).message ?? String(e)}\n`);
    if (process.env.WSIM_DEBUG) process.stderr.write(`${(e as Error).stack}\n`);
    return 1;
  }
}

type Opts = Record<string, { type: 'string' | 'boolean' }>;

function parse<T extends Opts>(args: string[], options: T) {
  try {
    return parseArgs({ args, options, allowPositionals: true, strict: true });
  } catch (e) {
    throw new UsageError((e as Error).message);
  }
}

export interface RunArgs {
  scenario?: string;
  seed?: number | string;
  duration?: string;
  report?: string;
  trace?: string;
  quiet: boolean;
}

export function parseRunArgs(args: string[]): RunArgs {
  const { values, positionals } = parse(args, {
    seed: { type: 'string' as const },
    duration: { type: 'string' as const },
    report: { type: 'string' as const },
    trace: { type: 'string' as const },
    quiet: { type: 'boolean' as const },
  });
  if (positionals.length > 1) throw new UsageError(`run takes at most one SCENARIO, got ${positionals.length}`);
  const seedText = values.seed;
  const seed = seedText !== undefined && /^-?\d+$/.test(seedText) ? Number(seedText) : seedText;
  return {
    scenario: positionals[0],
    seed,
    duration: values.duration,
    report: values.report,
    trace: values.trace,
    quiet: values.quiet ?? false,
  };
}

export function parseLorrArgs(args: string[]) {
  const { values, positionals } = parse(args, {
    steps: { type: 'string' as const },
    output: { type: 'string' as const },
    guidance: { type: 'string' as const },
    planner: { type: 'string' as const },
    bound: { type: 'boolean' as const },
    quiet: { type: 'boolean' as const },
  });
  if (positionals.length !== 1) throw new UsageError('lorr takes exactly one PROBLEM.json');
  const guidance = values.guidance ?? 'auto';
  if (guidance !== 'auto' && guidance !== 'lanes' && guidance !== 'none') throw new UsageError(`--guidance must be auto, lanes or none, got '${guidance}'`);
  const planner = values.planner ?? 'pibt';
  if (planner !== 'pibt' && planner !== 'pibt-t') throw new UsageError(`--planner must be pibt or pibt-t, got '${planner}'`);
  const steps = values.steps === undefined ? 5000 : Number(values.steps);
  return { problem: positionals[0], steps, output: values.output, guidance, planner, bound: values.bound ?? false, quiet: values.quiet ?? false } as const;
}
