import { fileURLToPath } from 'node:url';
import { Sim } from '../../sim/sim.js';
import { prepareRunCi } from '../../ci/run-ci.js';
import { buildReport } from '../../sim/report.js';
import { RunRecorder } from '../../record/recording-file.js';
import { MemorySink } from '../../record/recording-writer.js';
import { loadScenario, readJsonFile } from '../../scenario/load.js';
import { selfContainedScenario, writeBundle } from './bundle.js';
import { simStreams } from '../../stream/sim-streams.js';
import { packageRoot } from '../package-root.js';
import type { RunArgs } from '../run-args.js';
import { checkOutput, writeTextAtomic } from '../../output/output.js';
import { Progress } from './progress.js';
import { alertLog } from './alert-log.js';
import { formatSummary } from './summary.js';
import { TraceRecorder } from './trace.js';

/** The scenario `wsim run` uses when none is given. */
export function defaultScenarioPath(): string {
  return fileURLToPath(new URL('scenarios/default.json', packageRoot()));
}

/** Ticks between looks at the clock while running. */
const SLICE_TICKS = 64;
/** Wall time run between turns of the event loop, where signals (Ctrl-C) are handled. */
const SLICE_MS = 50;

/**
 * Runs the simulation to the end in slices, letting the event loop turn
 * between them: a signal handler (which removes the temporary output files)
 * only runs then, so an interrupted run leaves nothing half-written behind.
 */
async function runInSlices(sim: Sim): Promise<void> {
  while (!sim.done) {
    const until = performance.now() + SLICE_MS;
    while (!sim.done && performance.now() < until) sim.run(SLICE_TICKS);
    await new Promise((resolve) => setImmediate(resolve));
  }
}

export async function runCommand(args: RunArgs): Promise<number> {
  if (args.fromBundle) return await (await import('./rerun-bundle.js')).rerunBundle(args.fromBundle, args.quiet);
  const file = args.scenario ?? defaultScenarioPath();
  const { config, scenario } = loadScenario(file, { seed: args.seed, duration: args.duration, allowOutside: args.allowOutside });
  // Refuse a bad output now, not after the run.
  for (const out of [args.report, args.trace, args.record, args.bundle, args.junit, args.summary, args.html]) if (out) checkOutput(out, [args.csv]);
  const ci = prepareRunCi(file, scenario, config);
  const sim = new Sim(config);
  const { frames$ } = simStreams(sim);
  const subs = [];
  let trace: TraceRecorder | undefined;
  if (args.trace) {
    trace = new TraceRecorder(sim.world.robots.cell);
    subs.push(frames$.subscribe(trace.onFrame));
  }
  let recorder: RunRecorder | undefined;
  if (args.record) recorder = new RunRecorder(sim, args.record);
  const bundle = args.bundle ? new MemorySink() : undefined;
  const bundleRecorder = bundle ? new RunRecorder(sim, bundle) : undefined;
  const progress = args.quiet ? undefined : new Progress(config.ticks, config.tickSeconds);
  if (progress) subs.push(frames$.subscribe((f) => progress.update(f.tick, f.ordersCompleted)));
  const alerts = args.quiet ? null : alertLog(sim);
  if (alerts) subs.push(frames$.subscribe(alerts));

  const t0 = performance.now();
  try {
    await runInSlices(sim);
  } catch (e) {
    recorder?.abort();
    throw e;
  }
  const wall = (performance.now() - t0) / 1000;
  progress?.finish();
  for (const s of subs) s.unsubscribe();

  const report = buildReport(sim.world, config.fleet.planner, config.fleet.assignment, wall);
  try {
    if (args.report) writeTextAtomic(args.report, JSON.stringify(report, null, 2) + '\n');
    if (trace && args.trace) trace.write(args.trace, config.grid);
    recorder?.finish();
    if (bundle && bundleRecorder && args.bundle) {
      bundleRecorder.finish();
      const bytes = writeBundle(args.bundle, file, selfContainedScenario(readJsonFile(file), config, args.duration), config.seed, report, bundle.bytes());
      if (!args.quiet) process.stderr.write(`wsim: wrote the repro bundle ${args.bundle} (${(bytes / 1024).toFixed(0)} KB); wsim view ${args.bundle} shows it, wsim run --from-bundle ${args.bundle} re-runs it\n`);
    }
  } catch (e) {
    recorder?.abort();
    throw e;
  }
  if (!args.quiet) process.stdout.write(formatSummary(report) + '\n');
  const ciCode = ci.finish(report, args);
  if (report.robots.conflicts > 0) {
    process.stderr.write(`wsim: ${report.robots.conflicts} robot conflicts detected: this is a simulator defect\n`);
    return 1;
  }
  if (!report.conservation.balanced) {
    // The books do not close: something was created or lost off the books. The report says where.
    const problems = report.conservation.problems.map((p) => `\n  ${p}`).join('');
    process.stderr.write(`wsim: conservation check failed (see "conservation" in the report): this is a simulator defect${problems}\n`);
    return 1;
  }
  return ciCode;
}
