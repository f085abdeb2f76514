import { parseArgs } from 'node:util';
import { aggregate } from '../experiment/aggregate.js';
import { mergeShards } from '../experiment/shard.js';
import { finishExperiment, REPORT_OPTIONS } from './experiment.js';
import { UsageError } from './main.js';

export interface MergeArgs {
  files: string[];
  out?: string;
  junit?: string;
  summary?: string;
  csv?: string;
  html?: string;
  quiet: boolean;
}

export function parseMergeArgs(args: string[]): MergeArgs {
  let parsed;
  try {
    parsed = parseArgs({ args, options: { out: { type: 'string' }, quiet: { type: 'boolean' }, ...REPORT_OPTIONS }, allowPositionals: true, strict: true });
  } catch (e) {
    throw new UsageError((e as Error).message);
  }
  const { values, positionals } = parsed;
  if (positionals.length === 0) throw new UsageError('merge takes one or more SHARD files');
  return { files: positionals, out: values.out, junit: values.junit, summary: values.summary, csv: values.csv, html: values.html, quiet: values.quiet ?? false };
}

/** Combines shard files into the aggregate (and reports) one machine running every run would give. */
export function mergeCommand(args: MergeArgs): number {
  const merged = mergeShards(args.files);
  return finishExperiment(aggregate(merged.plan, merged.hash, merged.runs), merged.runs, args);
}
