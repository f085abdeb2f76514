import { Sim } from '../sim/sim.js';
import type { Report } from '../metrics/report.js';
import { buildReport } from '../sim/report.js';
import { scenarioFromJson } from '../scenario/load.js';

/** A report without its wall-clock field: equal runs, equal reports. */
export type RunReport = Omit<Report, 'wallSeconds'>;

/** One (variant, replication) run, self-contained so a worker thread can take it. */
export interface RunTask {
  /** Position in the experiment's run list (variant by variant, replication by replication). */
  index: number;
  variant: string;
  /** 1-based. */
  replication: number;
  seed: string;
  /** The file scenario paths resolve against. */
  file: string;
  scenario: Record<string, unknown>;
}

export interface RunResult {
  index: number;
  variant: string;
  replication: number;
  seed: string;
  /** Wall-clock seconds of the run (kept out of every aggregate). */
  wallSeconds: number;
  report: RunReport;
}

/** Runs one task to the end of its duration. Pure apart from the clock read for wallSeconds. */
export function runOne(task: RunTask): RunResult {
  const { config } = scenarioFromJson(task.file, task.scenario, { seed: task.seed });
  const sim = new Sim(config);
  const t0 = performance.now();
  sim.run();
  const wall = (performance.now() - t0) / 1000;
  const { wallSeconds, ...report } = buildReport(sim.world, config.fleet.planner, config.fleet.assignment, wall);
  return { index: task.index, variant: task.variant, replication: task.replication, seed: task.seed, wallSeconds, report };
}
