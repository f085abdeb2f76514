import { experimentSites } from '../ci/site.js';
import { aggregate } from '../experiment/aggregate.js';
import { mergeShards } from '../experiment/shard.js';
import { parseCommandArgs, UsageError } from './commands.js';
import { finishExperiment } from './experiment.js';

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
  const { values, positionals } = parseCommandArgs('merge', args);
  const v = values as Record<string, string | boolean | undefined>;
  if (positionals.length === 0) throw new UsageError('merge takes one or more SHARD files', 'merge');
  const text = (k: string) => v[k] as string | undefined;
  return { files: positionals, out: text('out'), junit: text('junit'), summary: text('summary'), csv: text('csv'), html: text('html'), quiet: v.quiet === true };
}

/** Combines shard files into the aggregate (and reports) one machine running every run would give. */
export function mergeCommand(args: MergeArgs): number {
  const merged = mergeShards(args.files);
  const sites = args.html ? experimentSites(args.files[0], merged.plan.variants) : undefined;
  return finishExperiment(aggregate(merged.plan, merged.hash, merged.runs), merged.runs, { ...args, sites });
}
