import { readFileSync } from 'node:fs';
import { parseArgs } from 'node:util';

/** Thrown for bad command lines: printed with the usage hint, exit 2. */
export class UsageError extends Error {}

const HELP = `wsim: warehouse robotics and AMR fleet simulator

Usage:
  wsim run [SCENARIO] [--seed N] [--duration D] [--report FILE] [--trace FILE] [--record FILE] [REPORTS] [--allow-outside] [--quiet]
  wsim serve [SCENARIO] [--port 8080] [--host 127.0.0.1] [--allow-host NAME]... [--max-viewers 32] [--seed N] [--duration D] [--speed X]
  wsim experiment FILE [--workers N] [--shard i/n] [--out DIR] [REPORTS] [--quiet]
  wsim merge SHARD_FILE... [--out DIR] [REPORTS] [--quiet]
  wsim lorr PROBLEM.json [--steps N] [--output OUT.json] [--guidance auto|traffic|lanes|none] [--bound] [--allow-outside]
  wsim validate FILE [--allow-outside]
  wsim schema
  wsim --version | --help

run        simulate a scenario (default: the built-in default scenario) and print KPIs
serve      run a scenario live and serve the browser viewer, streaming the run over ws
experiment run a scenario's variants over replications (common random numbers, in
           parallel) and tabulate KPIs with 95% confidence intervals
merge      combine the shard files of an experiment run with --shard
lorr       run a League of Robot Runners 2024 problem under its rules; --output writes
           the start-kit's output JSON (its evaluator and visualizer read it)
validate   check a scenario file; exit 0 if it is valid, 2 with the problems if not
schema     print the scenario JSON Schema (reference it with "$schema" for editor help)

Options for run:
  --seed N         override the scenario's seed
  --duration D     override the duration (seconds, or "8h", "90m")
  --report FILE    write the KPI report as JSON
  --trace FILE     write every robot's cell at every tick as JSON
  --record FILE    write a compact recording the browser viewer opens and scrubs
  --quiet          no progress line and no summary
  --allow-outside  let the scenario reference a map file outside its own folder
  REPORTS          as below; the scenario's "assertions" are checked, exit 1 if one fails

Options for experiment (merge takes --out, REPORTS and --quiet):
  --workers N      worker threads (default: available CPU cores; 1 = in this thread)
  --shard i/n      run the i-th of n round-robin slices and write DIR/shard-i-of-n.json
  --out DIR        write DIR/experiment.json (the aggregate; with --shard, the shard file)
  --schema         print the experiment file's JSON Schema

REPORTS (run, experiment, merge):
  --junit FILE     JUnit XML, one test case per assertion (per variant)
  --summary FILE   Markdown for a CI job summary
  --csv DIR        one CSV per KPI table, runs.csv and assertions.csv
  --html FILE      one self-contained HTML report with charts

Options for serve:
  --port N         HTTP and ws port (default 8080; 0 picks a free one)
  --host H         address to listen on (default 127.0.0.1: this machine only)
  --allow-host NAME
                   also answer requests addressed to NAME (repeatable); by default only
                   localhost, 127.x.x.x, [::1] and the --host address (for 0.0.0.0: this
                   machine's addresses) are answered, so other web sites cannot steer the run
  --max-viewers N  viewers connected at once (default 32); more are closed with "server busy"
  --seed N, --duration D   as for run
  --speed X        simulated seconds per wall-clock second at start (default 10), or max

Exit codes: 0 ok, 1 run failed or an assertion failed (after every report is written),
2 bad usage or bad scenario / experiment file.`;

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
        return await (await import('./run.js')).runCommand(parseRunArgs(rest));
      case 'serve':
        return await (await import('./serve.js')).serveCommand(parseServeArgs(rest));
      case 'lorr':
        return (await import('./lorr.js')).lorrCommand(parseLorrArgs(rest));
      case 'experiment': {
        const ex = await import('./experiment.js');
        return await ex.experimentCommand(ex.parseExperimentArgs(rest));
      }
      case 'merge': {
        const mg = await import('./merge.js');
        return mg.mergeCommand(mg.parseMergeArgs(rest));
      }
      case 'validate': {
        const { values, positionals } = parse(rest, { 'allow-outside': { type: 'boolean' as const } });
        if (positionals.length !== 1) throw new UsageError('validate takes exactly one FILE');
        return (await import('./validate.js')).validateCommand(positionals[0], values['allow-outside'] ?? false);
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
  record?: string;
  junit?: string;
  summary?: string;
  csv?: string;
  html?: string;
  quiet: boolean;
  /** Let the scenario reference files outside its own folder. */
  allowOutside?: boolean;
}

export function parseRunArgs(args: string[]): RunArgs {
  const { values, positionals } = parse(args, {
    seed: { type: 'string' as const },
    duration: { type: 'string' as const },
    report: { type: 'string' as const },
    trace: { type: 'string' as const },
    record: { type: 'string' as const },
    junit: { type: 'string' as const },
    summary: { type: 'string' as const },
    csv: { type: 'string' as const },
    html: { type: 'string' as const },
    quiet: { type: 'boolean' as const },
    'allow-outside': { type: 'boolean' as const },
  });
  if (positionals.length > 1) throw new UsageError(`run takes at most one SCENARIO, got ${positionals.length}`);
  const seed = seedOf(values.seed);
  return {
    scenario: positionals[0],
    seed,
    duration: values.duration,
    report: values.report,
    trace: values.trace,
    record: values.record,
    junit: values.junit,
    summary: values.summary,
    csv: values.csv,
    html: values.html,
    quiet: values.quiet ?? false,
    allowOutside: values['allow-outside'] ?? false,
  };
}

/** A --seed value: an integer when it looks like one, else the string. */
function seedOf(text: string | undefined): number | string | undefined {
  return text !== undefined && /^-?\d+$/.test(text) ? Number(text) : text;
}

export interface ServeArgs {
  scenario?: string;
  seed?: number | string;
  duration?: string;
  port: number;
  host: string;
  /** Names besides loopback ones and `host` that the server answers to. */
  allowHosts: string[];
  maxViewers: number;
  speed: number | 'max';
}

export function parseServeArgs(args: string[]): ServeArgs {
  const { values, positionals } = parse(args, {
    seed: { type: 'string' as const },
    duration: { type: 'string' as const },
    port: { type: 'string' as const },
    host: { type: 'string' as const },
    'allow-host': { type: 'string' as const, multiple: true as const },
    'max-viewers': { type: 'string' as const },
    speed: { type: 'string' as const },
  });
  if (positionals.length > 1) throw new UsageError(`serve takes at most one SCENARIO, got ${positionals.length}`);
  const port = values.port === undefined ? 8080 : Number(values.port);
  if (!Number.isInteger(port) || port < 0 || port > 65535) throw new UsageError(`--port must be a port number (0-65535), got '${values.port}'`);
  const speedText = values.speed ?? '10';
  const speed = speedText === 'max' ? 'max' : Number(speedText);
  if (speed !== 'max' && !(speed > 0 && speed <= 100_000)) throw new UsageError(`--speed must be a number above 0 (up to 100000) or max, got '${speedText}'`);
  const maxViewers = values['max-viewers'] === undefined ? 32 : Number(values['max-viewers']);
  if (!Number.isInteger(maxViewers) || maxViewers < 1 || maxViewers > 10_000) throw new UsageError(`--max-viewers must be a whole number from 1 to 10000, got '${values['max-viewers']}'`);
  const host = values.host ?? '127.0.0.1';
  return { scenario: positionals[0], seed: seedOf(values.seed), duration: values.duration, port, host, allowHosts: values['allow-host'] ?? [], maxViewers, speed };
}

export function parseLorrArgs(args: string[]) {
  const { values, positionals } = parse(args, {
    steps: { type: 'string' as const },
    output: { type: 'string' as const },
    guidance: { type: 'string' as const },
    planner: { type: 'string' as const },
    bound: { type: 'boolean' as const },
    quiet: { type: 'boolean' as const },
    'allow-outside': { type: 'boolean' as const },
  });
  if (positionals.length !== 1) throw new UsageError('lorr takes exactly one PROBLEM.json');
  const guidance = values.guidance ?? 'auto';
  if (guidance !== 'auto' && guidance !== 'traffic' && guidance !== 'lanes' && guidance !== 'none') throw new UsageError(`--guidance must be auto, traffic, lanes or none, got '${guidance}'`);
  const planner = values.planner ?? 'pibt';
  if (planner !== 'pibt' && planner !== 'pibt-t') throw new UsageError(`--planner must be pibt or pibt-t, got '${planner}'`);
  const steps = values.steps === undefined ? 5000 : Number(values.steps);
  return { problem: positionals[0], steps, output: values.output, guidance, planner, bound: values.bound ?? false, quiet: values.quiet ?? false, allowOutside: values['allow-outside'] ?? false } as const;
}
