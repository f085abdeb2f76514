import { readFileSync } from 'node:fs';
import { escapeControls } from '../scenario/quote.js';
import { commandHelp, FlagError, globalHelp, isCommand, UsageError, unknownCommand, wantsHelp } from './commands.js';
import { packageRoot } from './package-root.js';
import { COMMAND_RUNNERS } from './registry.js';

export { UsageError } from './commands.js';
export type { RunArgs, ServeArgs } from './run-args.js';

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
    default:
      if (isCommand(command)) return await COMMAND_RUNNERS[command](rest);
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
