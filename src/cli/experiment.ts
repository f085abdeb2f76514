import { join } from 'node:path';
import { printAssertions, writeCiReports, type CiReportOptions } from '../ci/outputs.js';
import { experimentSites } from '../ci/site.js';
import { aggregate, planTasks, type Aggregate } from '../experiment/aggregate.js';
import { loadExperiment } from '../experiment/load.js';
import { defaultWorkers, runTasks } from '../experiment/pool.js';
import type { RunResult } from '../experiment/run-one.js';
import { experimentJsonSchema } from '../experiment/schema.js';
import { makeShard, parseShard, shardFileName, shardTasks, type ShardSpec } from '../experiment/shard.js';
import { formatTables } from '../experiment/table.js';
import { parseCommandArgs, REPORT_OPTIONS, UsageError } from './commands.js';
import { checkOutput, ensureOutputFolder, writeTextAtomic } from '../output/output.js';

export interface ExperimentArgs extends CiReportOptions {
  file?: string;
  workers: number;
  shard?: ShardSpec;
  out?: string;
  quiet: boolean;
  schema: boolean;
}

export function parseWorkers(text: string | undefined): number {
  if (text === undefined) return defaultWorkers();
  const n = Number(text);
  if (!Number.isInteger(n) || n < 1 || n > 1024) throw new UsageError(`--workers must be a whole number from 1 to 1024, got '${text}'`);
  return n;
}

export function parseExperimentArgs(args: string[]): ExperimentArgs {
  const { values, positionals } = parseCommandArgs('experiment', args);
  const v = values as Record<string, string | boolean | undefined>;
  if (v.schema) return { workers: 1, quiet: true, schema: true };
  if (positionals.length !== 1) throw new UsageError(`experiment takes exactly one FILE, got ${positionals.length}`, 'experiment');
  let shard: ShardSpec | undefined;
  if (typeof v.shard === 'string') {
    const s = parseShard(v.shard);
    if (typeof s === 'string') throw new UsageError(s);
    shard = s;
    for (const k of Object.keys(REPORT_OPTIONS)) {
      if (v[k] !== undefined) throw new UsageError(`--${k} needs every run: give it to 'wsim merge', not to a --shard run`);
    }
  }
  return {
    file: positionals[0],
    workers: parseWorkers(v.workers as string | undefined),
    shard,
    out: v.out as string | undefined,
    junit: v.junit as string | undefined,
    summary: v.summary as string | undefined,
    csv: v.csv as string | undefined,
    html: v.html as string | undefined,
    quiet: Boolean(v.quiet),
    schema: false,
  };
}

/** Runs done / total on stderr: redrawn in place on a terminal, a line per 10% otherwise. */
export function runProgress(total: number, quiet: boolean, stream: NodeJS.WriteStream = process.stderr) {
  if (quiet) return { update: () => {}, finish: () => {} };
  const started = performance.now();
  const tty = Boolean(stream.isTTY);
  let lastDecile = 0;
  const line = (done: number, r: RunResult) =>
    `[${String(Math.floor((100 * done) / total)).padStart(3)}%] ${done} of ${total} runs done (last: ${r.variant} replication ${r.replication}), ${((performance.now() - started) / 1000).toFixed(1)}s wall`;
  return {
    update(done: number, _total: number, r: RunResult) {
      if (tty) stream.write(`\r\x1b[K${line(done, r)}`);
      else {
        const decile = Math.floor((10 * done) / total);
        if (decile > lastDecile || done === total) {
          lastDecile = decile;
          stream.write(`${line(done, r)}\n`);
        }
      }
    },
    finish() {
      if (tty) stream.write('\r\x1b[K');
    },
  };
}

/** Writes the aggregate and every report, prints the tables and assertion results; returns the exit code. */
export function finishExperiment(agg: Aggregate, runs: readonly RunResult[], o: CiReportOptions & { out?: string; quiet: boolean }): number {
  if (o.out) {
    ensureOutputFolder(o.out);
    writeTextAtomic(join(o.out, 'experiment.json'), JSON.stringify(agg, null, 2) + '\n');
  }
  writeCiReports(agg, runs, o);
  if (!o.quiet) process.stdout.write(formatTables(agg) + '\n');
  const passed = printAssertions(agg, o.quiet);
  if (agg.conflicts > 0) {
    process.stderr.write(`wsim: ${agg.conflicts} robot conflicts detected: this is a simulator defect\n`);
    return 1;
  }
  return passed ? 0 : 1;
}

export async function experimentCommand(args: ExperimentArgs): Promise<number> {
  if (args.schema) {
    process.stdout.write(JSON.stringify(experimentJsonSchema(), null, 2) + '\n');
    return 0;
  }
  const loaded = loadExperiment(args.file!);
  // Refuse a bad output now, not after every run.
  for (const out of [args.junit, args.summary, args.html]) if (out) checkOutput(out, [args.out, args.csv]);
  const all = planTasks(loaded.plan, loaded.scenarioFile);
  const tasks = args.shard ? shardTasks(all, args.shard) : all;
  const progress = runProgress(tasks.length, args.quiet);
  const runs = await runTasks(tasks, { workers: args.workers, onProgress: progress.update });
  progress.finish();
  if (args.shard) {
    const dir = args.out ?? '.';
    ensureOutputFolder(dir);
    const file = join(dir, shardFileName(args.shard));
    writeTextAtomic(file, JSON.stringify(makeShard(loaded.plan, loaded.hash, args.shard, runs)) + '\n');
    if (!args.quiet) {
      process.stdout.write(`${loaded.plan.name}: shard ${args.shard.index}/${args.shard.count}, ${runs.length} of ${all.length} runs, written to ${file}\n`);
    }
    const conflicts = runs.reduce((n, r) => n + r.report.robots.conflicts, 0);
    if (conflicts > 0) {
      process.stderr.write(`wsim: ${conflicts} robot conflicts detected: this is a simulator defect\n`);
      return 1;
    }
    return 0;
  }
  const sites = args.html ? experimentSites(loaded.scenarioFile, loaded.plan.variants) : undefined;
  return finishExperiment(aggregate(loaded.plan, loaded.hash, runs), runs, { ...args, sites });
}
