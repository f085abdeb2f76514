import { existsSync } from 'node:fs';
import { untilStopped } from './until-stopped.js';
import { basename, join } from 'node:path';
import { loadLorrOutput } from '../lorr/output.js';
import { loadLorrProblem } from '../lorr/problem.js';
import { writeLorrRecording } from '../lorr/record.js';
import { traceFromOutput } from '../lorr/trace.js';
import { decodeBundle, isBundle } from '../bundle/bundle.js';
import { openRecording } from '../record/open-recording.js';
import { isRecording } from '../record/recording.js';
import { MemorySink } from '../record/recording-writer.js';
import { ScenarioError } from '../scenario/errors.js';
import { readRegularBytes } from '../scenario/read-file.js';
import { startViewServer } from '../server/view-server.js';
import { UsageError } from './commands.js';
import { distDir } from './serve.js';

export interface ViewArgs {
  file: string;
  /** The LoRR problem a LoRR output belongs to. */
  problem?: string;
  port: number;
  allowOutside: boolean;
}

/** Largest recording or bundle served (the page opens up to 2 GiB). */
export const MAX_VIEW_BYTES = 2 * 1024 * 1024 * 1024 - 1;

/**
 * What the page is to open, checked here first so a bad file gets its one
 * line on the terminal rather than in the browser: a recording or a bundle
 * as it is, a LoRR output (with its problem) made into a recording in memory.
 */
export function viewable(args: Omit<ViewArgs, 'port'>): { name: string; bytes: Uint8Array; what: string } {
  const { file } = args;
  const bytes = readRegularBytes(file, MAX_VIEW_BYTES, (why) => new ScenarioError(file, '', why));
  if (isRecording(bytes)) {
    const r = openRecording(bytes, file);
    return { name: basename(file), bytes, what: `${r.layout.scenario}: ${r.layout.robots} robots, ticks ${r.firstTick}-${r.lastTick}` };
  }
  if (isBundle(bytes)) {
    const b = decodeBundle(bytes, file);
    const r = openRecording(b.recording, file);
    return { name: basename(file), bytes, what: `bundle of ${b.header.scenarioFile} (seed ${b.header.seed}, wsim ${b.header.wsim}): ${r.layout.robots} robots, ${r.lastTick} ticks` };
  }
  const head = bytes.subarray(0, 64 * 1024).toString();
  const lorrOutput = head.includes('"actionModel"');
  if (lorrOutput && !args.problem) {
    throw new UsageError(`${file} is a League of Robot Runners output: give its problem too (wsim view ${file} --problem PROBLEM.json)`, 'view');
  }
  if (args.problem) {
    const problem = loadLorrProblem(args.problem, { allowOutside: args.allowOutside });
    const trace = traceFromOutput(problem, loadLorrOutput(file), file);
    const sink = new MemorySink();
    writeLorrRecording(trace, sink);
    return { name: `${basename(file)}.wsrec`, bytes: sink.bytes(), what: `${basename(file)} on ${basename(args.problem)}: ${problem.teamSize} agents, ${trace.steps} steps` };
  }
  if (head.includes('"mapFile"') && head.includes('"agentFile"')) {
    throw new UsageError(`${file} is a League of Robot Runners problem: run it with \`wsim lorr ${file} --record RUN.wsrec\`, then \`wsim view RUN.wsrec\``, 'view');
  }
  throw new ScenarioError(file, '', 'not a wsim recording, a repro bundle or a League of Robot Runners output (with --problem)');
}

/** `wsim view FILE`: serves the viewer with FILE loaded and playing, until interrupted. */
export async function viewCommand(args: ViewArgs): Promise<number> {
  const file = viewable(args);
  const dist = distDir();
  if (!existsSync(join(dist, 'index.html'))) {
    process.stderr.write(`wsim: the browser viewer is not built (${join(dist, 'index.html')} is missing); run \`npm run build\` in the wsim folder first\n`);
    return 1;
  }
  const server = await startViewServer({ dist, file, port: args.port });
  process.stdout.write(`wsim: viewing ${file.what} at ${server.url}\nPress Ctrl-C to stop.\n`);
  await untilStopped();
  await server.close();
  return 0;
}
