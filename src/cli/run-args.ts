import { parseDuration } from '../core/duration.js';
import { MAX_SECONDS } from '../scenario/primitives.js';
import { escapeControls } from '../scenario/quote.js';
import { FlagError, parseCommandArgs, str, UsageError } from './commands.js';

/**
 * The command lines of run and serve, which simulate a scenario: kept apart
 * from main.ts because checking a --duration as the scenario would needs the
 * schema's limits (and zod), which --help and --version need not load.
 */

export interface RunArgs {
  scenario?: string;
  seed?: number | string;
  duration?: string;
  report?: string;
  trace?: string;
  record?: string;
  /** Write a repro bundle: scenario, seed, version, report and recording in one file. */
  bundle?: string;
  /** Re-run a bundle and check the result is identical. */
  fromBundle?: string;
  junit?: string;
  summary?: string;
  csv?: string;
  html?: string;
  quiet: boolean;
  /** Let the scenario reference files outside its own folder. */
  allowOutside?: boolean;
}

export function parseRunArgs(args: string[]): RunArgs {
  const { values, positionals } = parseCommandArgs('run', args);
  if (positionals.length > 1) throw new UsageError(`run takes at most one SCENARIO, got ${positionals.length}`, 'run');
  if (values['from-bundle'] !== undefined && positionals.length > 0) throw new UsageError('--from-bundle takes the scenario from the bundle; give no SCENARIO', 'run');
  return {
    scenario: positionals[0],
    seed: seedFlag(str(values, 'seed')),
    duration: durationFlag(str(values, 'duration')),
    report: str(values, 'report'),
    trace: str(values, 'trace'),
    record: str(values, 'record'),
    bundle: str(values, 'bundle'),
    fromBundle: str(values, 'from-bundle'),
    junit: str(values, 'junit'),
    summary: str(values, 'summary'),
    csv: str(values, 'csv'),
    html: str(values, 'html'),
    quiet: values.quiet === true,
    allowOutside: values['allow-outside'] === true,
  };
}

/** A flag's value as a message quotes it: one line, control characters escaped, bounded. */
function shown(text: string): string {
  return `'${escapeControls(text.length > 40 ? `${text.slice(0, 40)}...` : text)}'`;
}

/**
 * A --seed value: an integer when it looks like one, else the string (the
 * scenario accepts both). Checked here so that a bad one is blamed on the
 * flag, not on the scenario file it would have been written into.
 */
function seedFlag(text: string | undefined): number | string | undefined {
  if (text === undefined) return undefined;
  if (!/^-?\d+$/.test(text)) {
    if (text.length === 0) throw new FlagError(`--seed: expected a whole number or a word, got ''`);
    return text;
  }
  const n = Number(text);
  if (!Number.isSafeInteger(n)) throw new FlagError(`--seed: expected a whole number of at most 15 digits (or a word), got ${shown(text)}`);
  return n;
}

/** A --duration value, checked as the scenario would check it but blamed on the flag. */
function durationFlag(text: string | undefined): string | undefined {
  if (text === undefined) return undefined;
  const seconds = parseDuration(text);
  if (seconds === null) throw new FlagError(`--duration: expected a duration like 8h, 90m or 3600 (seconds), got ${shown(text)}`);
  if (seconds <= 0) throw new FlagError(`--duration: expected a duration above zero, got ${shown(text)}`);
  if (seconds > MAX_SECONDS) throw new FlagError(`--duration: expected at most 366 days, got ${shown(text)}`);
  return text;
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
  const { values, positionals } = parseCommandArgs('serve', args);
  if (positionals.length > 1) throw new UsageError(`serve takes at most one SCENARIO, got ${positionals.length}`, 'serve');
  const portText = str(values, 'port');
  const port = portText === undefined ? 8080 : Number(portText);
  if (!Number.isInteger(port) || port < 0 || port > 65535) throw new UsageError(`--port must be a port number (0-65535), got '${portText}'`, 'serve');
  const speedText = str(values, 'speed') ?? '10';
  const speed = speedText === 'max' ? 'max' : Number(speedText);
  if (speed !== 'max' && !(speed > 0 && speed <= 100_000)) throw new UsageError(`--speed must be a number above 0 (up to 100000) or max, got '${speedText}'`, 'serve');
  const viewersText = str(values, 'max-viewers');
  const maxViewers = viewersText === undefined ? 32 : Number(viewersText);
  if (!Number.isInteger(maxViewers) || maxViewers < 1 || maxViewers > 10_000) throw new UsageError(`--max-viewers must be a whole number from 1 to 10000, got '${viewersText}'`, 'serve');
  const host = str(values, 'host') ?? '127.0.0.1';
  const allowHosts = (values['allow-host'] as string[] | undefined) ?? [];
  return { scenario: positionals[0], seed: seedFlag(str(values, 'seed')), duration: durationFlag(str(values, 'duration')), port, host, allowHosts, maxViewers, speed };
}

