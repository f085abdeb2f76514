import { fileURLToPath } from 'node:url';
import { Sim } from '../core/sim.js';
import { buildReport } from '../metrics/report.js';
import { loadScenario } from '../scenario/load.js';
import { simStreams } from '../stream/sim-streams.js';
import type { RunArgs } from './main.js';
import { packageRoot } from './main.js';
import { writeTextAtomic } from './output.js';
import { Progress } from './progress.js';
import { formatSummary } from './summary.js';
import { TraceRecorder } from './trace.js';

/** The scenario `wsim run` uses when none is given. */
export function defaultScenarioPath(): string {
  return fileURLToPath(new URL('scenarios/default.json', packageRoot()));
}

export function runCommand(args: RunArgs): number {
  const file = args.scenario ?? defaultScenarioPath();
  const { config } = loadScenario(file, { seed: args.seed, duration: args.duration });
  const sim = new Sim(config);
  const { frames$ } = simStreams(sim);
  const subs = [];
  let trace: TraceRecorder | undefined;
  if (args.trace) {
    trace = new TraceRecorder(sim.world.robots.cell);
    subs.push(frames$.subscribe(trace.onFrame));
  }
  const progress = args.quiet ? undefined : new Progress(config.ticks, config.tickSeconds);
  if (progress) subs.push(frames$.subscribe((f) => progress.update(f.tick, f.ordersCompleted)));

  const t0 = performance.now();
  sim.run();
  const wall = (performance.now() - t0) / 1000;
  progress?.finish();
  for (const s of subs) s.unsubscribe();

  const report = buildReport(sim.world, config.fleet.planner, config.fleet.assignment, wall);
  if (args.report) writeTextAtomic(args.report, JSON.stringify(report, null, 2) + '\n');
  if (trace && args.trace) trace.write(args.trace, config.grid);
  if (!args.quiet) process.stdout.write(formatSummary(report) + '\n');
  if (report.robots.conflicts > 0) {
    process.stderr.write(`wsim: ${report.robots.conflicts} robot conflicts detected: this is a simulator defect\n`);
    return 1;
  }
  return 0;
}
