import { readFileSync } from 'node:fs';
import { escapeControls } from '../scenario/quote.js';
import { commandHelp, FlagError, globalHelp, isCommand, parseCommandArgs, str, UsageError, unknownCommand, wantsHelp } from './commands.js';

export { UsageError } from './commands.js';
export type { RunArgs, ServeArgs } from './run-args.js';

export function packageRoot(): URL {
  return new URL('../../', import.meta.url);
}

function version(): string {
  const pkg = JSON.parse(readFileSync(new URL('package.json', packageRoot()), 'utf8')) as { version: string };
  return pkg.version;
}

/** Runs the CLI; returns the exit code. Never lets a user's mistake surface as a stack trace. */
export async function main(argv: string[]): Promise<number> {
  quietOnClosedPipes();
  const [command, ...rest] = argv;
  try {
    if (isCommand(command) && wantsHelp(rest)) return printed(commandHelp(command));
    return await dispatch(command, rest);
  } catch (e) {
    return await reportError(e);
  }
}

function printed(text: string, code = 0): number {
  process.stdout.write(text + '\n');
  return code;
}

async function dispatch(command: string | undefined, rest: string[]): Promise<number> {
  switch (command) {
    case undefined:
      return printed(globalHelp(), 2);
    case '--help':
    case '-h':
    case 'help':
      // `wsim help run` is `wsim run --help`.
      return printed(isCommand(rest[0]) ? commandHelp(rest[0]) : globalHelp());
    case '--version':
    case '-v':
      return printed(`wsim ${version()}`);
    case 'run':
      return await (await import('./run.js')).runCommand((await import('./run-args.js')).parseRunArgs(rest));
    case 'serve':
      return await (await import('./serve.js')).serveCommand((await import('./run-args.js')).parseServeArgs(rest));
    case 'lorr':
      return (await import('./lorr.js')).lorrCommand(parseLorrArgs(rest));
    case 'view':
      return await (await import('./view.js')).viewCommand(parseViewArgs(rest));
    case 'experiment': {
      const ex = await import('./experiment.js');
      return await ex.experimentCommand(ex.parseExperimentArgs(rest));
    }
    case 'merge': {
      const mg = await import('./merge.js');
      return mg.mergeCommand(mg.parseMergeArgs(rest));
    }
    case 'validate': {
      const { values, positionals } = parseCommandArgs('validate', rest);
      if (positionals.length !== 1) throw new UsageError('validate takes exactly one FILE', 'validate');
      return (await import('./validate.js')).validateCommand(positionals[0], values['allow-outside'] === true);
    }
    case 'schema':
      parseCommandArgs('schema', rest);
      return (await import('./schema.js')).schemaCommand();
    default:
      throw new UsageError(unknownCommand(escapeControls(command)));
  }
}

async function reportError(e: unknown): Promise<number> {
  const { ScenarioError, ScenarioErrors } = await import('../scenario/errors.js');
  if (e instanceof FlagError) {
    process.stderr.write(`wsim: ${e.message}\n`);
    return 2;
  }
  if (e instanceof UsageError) {
    process.stderr.write(`wsim: ${e.message}\nRun 'wsim ${e.command ? `${e.command} ` : ''}--help' for usage.\n`);
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

let pipesGuarded = false;

/**
 * `wsim schema | head -1`: once the reader has gone, writing more is
 * pointless, and Node would otherwise die of the unhandled EPIPE with a stack
 * trace. The stream is silenced and the command finishes as it would have
 * (report files still written, same exit code), as other CLI tools end quietly.
 */
export function quietOnClosedPipes(): void {
  if (pipesGuarded) return;
  pipesGuarded = true;
  for (const stream of [process.stdout, process.stderr]) {
    stream.on('error', (e: NodeJS.ErrnoException) => {
      if (e.code !== 'EPIPE' && e.code !== 'ERR_STREAM_DESTROYED') throw e;
      stream.write = () => true;
    });
  }
}

export function parseLorrArgs(args: string[]) {
  const { values, positionals } = parseCommandArgs('lorr', args);
  if (positionals.length !== 1) throw new UsageError('lorr takes exactly one PROBLEM.json', 'lorr');
  const guidance = str(values, 'guidance') ?? 'auto';
  if (guidance !== 'auto' && guidance !== 'traffic' && guidance !== 'lanes' && guidance !== 'none') throw new UsageError(`--guidance must be auto, traffic, lanes or none, got '${guidance}'`, 'lorr');
  const planner = str(values, 'planner') ?? 'auto';
  if (planner !== 'auto' && planner !== 'pibt' && planner !== 'epibt' && planner !== 'pibt-t') throw new UsageError(`--planner must be auto, pibt, epibt or pibt-t, got '${planner}'`, 'lorr');
  const stepsText = str(values, 'steps');
  const steps = stepsText === undefined ? 5000 : Number(stepsText);
  return { problem: positionals[0], steps, output: str(values, 'output'), record: str(values, 'record'), guidance, planner, bound: values.bound === true, quiet: values.quiet === true, allowOutside: values['allow-outside'] === true } as const;
}

export function parseViewArgs(args: string[]) {
  const { values, positionals } = parseCommandArgs('view', args);
  if (positionals.length !== 1) throw new UsageError('view takes exactly one FILE', 'view');
  const portText = str(values, 'port');
  const port = portText === undefined ? 8080 : Number(portText);
  if (!Number.isInteger(port) || port < 0 || port > 65535) throw new FlagError(`--port must be a port number (0-65535), got '${portText}'`);
  return { file: positionals[0], problem: str(values, 'problem'), port, allowOutside: values['allow-outside'] === true };
}
