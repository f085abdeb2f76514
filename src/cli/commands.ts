import { parseArgs } from 'node:util';
import { closest } from '../scenario/errors.js';

/**
 * Every sub-command's options, each with its help line, in one place: the
 * parsers read their options from here and the help texts are printed from
 * here, so an option cannot be accepted without being described.
 */

/** Thrown for bad command lines: printed with the usage hint, exit 2. */
export class UsageError extends Error {
  constructor(
    message: string,
    /** The command whose help the hint points to; the global help when absent. */
    readonly command?: string,
  ) {
    super(message);
  }
}

/**
 * A bad value given to a flag: one line naming the flag, exit 2. The flag is
 * the whole story, so no usage hint follows.
 */
export class FlagError extends UsageError {}

export interface OptionSpec {
  type: 'string' | 'boolean';
  multiple?: true;
  /** What the value is, as shown in help ("N", "FILE"). */
  arg?: string;
  /** The description; a second line is indented under the first. */
  help: string;
}

export interface CommandSpec {
  /** The command line, as in the global help's usage list. */
  usage: string;
  /** What the command does, one or two lines. */
  summary: string;
  options: Record<string, OptionSpec>;
  /** Said after the options. */
  notes?: string;
}

const opt = (arg: string, help: string): OptionSpec => ({ type: 'string', arg, help });
const flag = (help: string): OptionSpec => ({ type: 'boolean', help });

/** The CI reports run, experiment and merge all write. */
export const REPORT_OPTIONS = {
  junit: opt('FILE', 'JUnit XML, one test case per assertion (per variant)'),
  summary: opt('FILE', 'Markdown for a CI job summary'),
  csv: opt('DIR', 'one CSV per KPI table, runs.csv and assertions.csv'),
  html: opt('FILE', 'one self-contained HTML report with charts'),
} satisfies Record<string, OptionSpec>;

const SEED = opt('N', "override the scenario's seed (a whole number or a word)");
const DURATION = opt('D', 'override the duration: seconds, or "8h", "90m", "1h30m"');
const QUIET = flag('no progress lines and no summary');
const ALLOW_OUTSIDE = flag('let the file reference files outside its own folder');
const REPORTS_NOTE = 'REPORTS are --junit, --summary, --csv and --html.';

export const COMMANDS = {
  run: {
    usage: 'wsim run [SCENARIO] [--seed N] [--duration D] [--report FILE] [--trace FILE] [--record FILE] [--bundle FILE | --from-bundle FILE] [REPORTS] [--allow-outside] [--quiet]',
    summary: 'simulate a scenario (default: the built-in default scenario) and print KPIs',
    options: {
      seed: SEED,
      duration: DURATION,
      report: opt('FILE', 'write the KPI report as JSON'),
      trace: opt('FILE', "write every robot's cell at every tick as JSON"),
      record: opt('FILE', 'write a compact recording the browser viewer opens and scrubs'),
      bundle: opt('FILE', 'write a repro bundle: the scenario (map inlined), seed, wsim version,\nreport and recording in one file (wsim view FILE shows it)'),
      'from-bundle': opt('FILE', 're-run a bundle and check the report and recording are identical\n(exit 0 if so, 1 saying where they differ)'),
      ...REPORT_OPTIONS,
      quiet: QUIET,
      'allow-outside': ALLOW_OUTSIDE,
    },
    notes: `${REPORTS_NOTE} The scenario's "assertions" are checked; exit 1 if one fails.`,
  },
  serve: {
    usage: 'wsim serve [SCENARIO] [--port 8080] [--host 127.0.0.1] [--allow-host NAME]... [--max-viewers 32] [--seed N] [--duration D] [--speed X]',
    summary: 'run a scenario live and serve the browser viewer, streaming the run over ws',
    options: {
      port: opt('N', 'HTTP and ws port (default 8080; 0 picks a free one)'),
      host: opt('H', 'address to listen on (default 127.0.0.1: this machine only)'),
      'allow-host': {
        type: 'string',
        multiple: true,
        arg: 'NAME',
        help:
          'also answer requests addressed to NAME (repeatable); by default only\n' +
          'localhost, 127.x.x.x, [::1] and the --host address (for 0.0.0.0: this\n' +
          "machine's addresses) are answered, so other web sites cannot steer the run",
      },
      'max-viewers': opt('N', 'viewers connected at once (default 32); more are closed with "server busy"'),
      seed: SEED,
      duration: DURATION,
      speed: opt('X', 'simulated seconds per wall-clock second at start (default 10), or max'),
    },
  },
  experiment: {
    usage: 'wsim experiment FILE [--workers N] [--shard i/n] [--out DIR] [REPORTS] [--quiet]',
    summary: "run a scenario's variants over replications (common random numbers, in\nparallel) and tabulate KPIs with 95% confidence intervals",
    options: {
      workers: opt('N', 'worker threads (default: available CPU cores; 1 = in this thread)'),
      shard: opt('i/n', 'run the i-th of n round-robin slices and write DIR/shard-i-of-n.json'),
      out: opt('DIR', 'write DIR/experiment.json (the aggregate; with --shard, the shard file)'),
      ...REPORT_OPTIONS,
      quiet: QUIET,
      schema: flag("print the experiment file's JSON Schema"),
    },
    notes: `${REPORTS_NOTE} With --shard they wait for 'wsim merge'. Exit 1 if an assertion fails.`,
  },
  merge: {
    usage: 'wsim merge SHARD_FILE... [--out DIR] [REPORTS] [--quiet]',
    summary: 'combine the shard files of an experiment run with --shard',
    options: {
      out: opt('DIR', 'write DIR/experiment.json, the aggregate of every shard'),
      ...REPORT_OPTIONS,
      quiet: QUIET,
    },
    notes: REPORTS_NOTE,
  },
  lorr: {
    usage: 'wsim lorr PROBLEM.json [--steps N] [--output OUT.json] [--record FILE] [--guidance auto|traffic|lanes|none] [--planner auto|epibt|pibt|pibt-t] [--improve N|auto] [--agents K] [--first-task L] [--bound] [--allow-outside] [--quiet]',
    summary: "run a League of Robot Runners 2024 problem under its rules; --output writes\nthe start-kit's output JSON (its evaluator and visualizer read it)",
    options: {
      steps: opt('N', 'steps to simulate (default 5000)'),
      output: opt('FILE', "write the start-kit's output JSON"),
      record: opt('FILE', 'write a recording the browser viewer plays and scrubs (wsim view FILE)'),
      guidance: opt('G', 'auto (default), traffic, lanes or none: how robots are steered round jams'),
      planner: opt('P', 'auto (default: epibt; past half the free cells taken, surplus robots stand\nby and keep clear of the rest); epibt: three-action operations, turns planned ahead; pibt: single moves; pibt-t: experimental'),
      improve: opt('N', "operations epibt may try per step improving its plan after its passes\n(default auto: a million, fewer past 1,000 robots, at most 2,000 per robot in conflict; 0: none; counted in work, not time, so runs stay deterministic)"),
      agents: opt('K', "run only the problem's first K agents (a variant of it; the pool of revealed\ntasks is sized for K)"),
      'first-task': opt('L', 'read the tasks file from its task L on (0-based), cycling back to its start'),
      bound: flag('also print the tasks robots would finish if each drove as if alone'),
      quiet: flag('no progress lines and no summary'),
      'allow-outside': ALLOW_OUTSIDE,
    },
  },
  view: {
    usage: 'wsim view FILE [--problem PROBLEM.json] [--port 8080] [--allow-outside]',
    summary: 'serve the browser viewer with FILE loaded and playing: a recording, a repro\nbundle, or a League of Robot Runners output with its problem',
    options: {
      problem: opt('FILE', 'the LoRR problem FILE (a start-kit output) belongs to'),
      port: opt('N', 'HTTP port (default 8080; 0 picks a free one); the page is served on 127.0.0.1'),
      'allow-outside': ALLOW_OUTSIDE,
    },
  },
  validate: {
    usage: 'wsim validate FILE [--allow-outside]',
    summary: 'check a scenario file; exit 0 if it is valid, 2 with the problems if not',
    options: { 'allow-outside': ALLOW_OUTSIDE },
  },
  schema: {
    usage: 'wsim schema',
    summary: 'print the scenario JSON Schema (reference it with "$schema" for editor help)',
    options: {},
  },
} satisfies Record<string, CommandSpec>;

export type CommandName = keyof typeof COMMANDS;

/** Every command accepts these besides its own. */
const COMMON_OPTIONS: Record<string, OptionSpec & { short?: string }> = { help: { ...flag('print this help'), short: 'h' } };

export function isCommand(name: string | undefined): name is CommandName {
  return name !== undefined && Object.hasOwn(COMMANDS, name);
}

/** The options a command's parser accepts, by long name (without dashes). */
export function optionsOf(command: CommandName): Record<string, OptionSpec & { short?: string }> {
  return { ...COMMANDS[command].options, ...COMMON_OPTIONS };
}

const COLUMN = 19;

function optionLine(name: string, o: OptionSpec & { short?: string }): string {
  const head = `  ${o.short ? `-${o.short}, ` : ''}--${name}${o.arg ? ` ${o.arg}` : ''}`;
  const [first, ...more] = o.help.split('\n');
  const lines = head.length < COLUMN ? [head.padEnd(COLUMN) + first] : [head, ' '.repeat(COLUMN) + first];
  return [...lines, ...more.map((l) => ' '.repeat(COLUMN) + l)].join('\n');
}

/** Option lines, as a command's help and the global help print them. */
function optionLines(options: Record<string, OptionSpec & { short?: string }>): string {
  return Object.entries(options)
    .map(([name, o]) => optionLine(name, o))
    .join('\n');
}

/** `wsim COMMAND --help`. */
export function commandHelp(command: CommandName): string {
  const c: CommandSpec = COMMANDS[command];
  const parts = [`Usage: ${c.usage}`, c.summary.replace(/\n/g, ' '), `Options:\n${optionLines(optionsOf(command))}`];
  if (c.notes) parts.push(c.notes);
  return parts.join('\n\n');
}

/** `wsim --help`: every command's usage and summary, from the same table as each command's help. */
export function globalHelp(): string {
  const names = Object.keys(COMMANDS) as CommandName[];
  const usage = names.map((n) => `  ${COMMANDS[n].usage}`).join('\n');
  const summaries = names.map((n) => `${n.padEnd(11)}${COMMANDS[n].summary.replace(/\n/g, `\n${' '.repeat(11)}`)}`).join('\n');
  const options = names.filter((n) => Object.keys(COMMANDS[n].options).length > 0).map((n) => `Options for ${n}:\n${optionLines(COMMANDS[n].options)}`);
  return [
    `wsim: warehouse robotics and AMR fleet simulator\n\nUsage:\n${usage}\n  wsim --version | --help\n  wsim COMMAND --help`,
    summaries,
    ...options,
    'Exit codes: 0 ok, 1 run failed or an assertion failed (after every report is written),\n2 bad usage or bad scenario / experiment file.',
  ].join('\n\n');
}

/** Whether the arguments ask for help: `--help` or `-h` anywhere before a `--`. */
export function wantsHelp(args: readonly string[]): boolean {
  const end = args.indexOf('--');
  return (end < 0 ? args : args.slice(0, end)).some((a) => a === '--help' || a === '-h');
}

/** A command's arguments, parsed strictly against its option table. */
export function parseCommandArgs(command: CommandName, args: string[]) {
  const options = optionsOf(command);
  try {
    return parseArgs({ args, options, allowPositionals: true, strict: true });
  } catch (e) {
    if ((e as { code?: string }).code === 'ERR_PARSE_ARGS_UNKNOWN_OPTION') throw new UsageError(unknownOption(command, args), command);
    // Node words some of these over three lines; the CLI's messages are one.
    throw new UsageError((e as Error).message.replace(/\n/g, ' '), command);
  }
}

/** "run: unknown option '--sed'; did you mean --seed?" */
function unknownOption(command: CommandName, args: string[]): string {
  const options = optionsOf(command);
  const { tokens } = parseArgs({ args, options, allowPositionals: true, strict: false, tokens: true });
  const bad = tokens.find((t) => t.kind === 'option' && !Object.hasOwn(options, t.name));
  if (!bad || bad.kind !== 'option') return `${command}: unknown option`;
  const meant = closest(bad.name, Object.keys(options));
  return `${command}: unknown option '${bad.rawName}'${meant ? `; did you mean --${meant}?` : ''}`;
}

/** "unknown command 'rnu'; did you mean run?" */
export function unknownCommand(name: string): string {
  const meant = closest(name, Object.keys(COMMANDS));
  return `unknown command '${name}'${meant ? `; did you mean ${meant}?` : ''}`;
}

/** A string option's value: parseArgs types values loosely for an option table built at run time. */
export function str(values: Record<string, unknown>, name: string): string | undefined {
  return values[name] as string | undefined;
}
