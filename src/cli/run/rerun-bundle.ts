import { Sim } from '../../sim/sim.js';
import { buildReport } from '../../sim/report.js';
import { RunRecorder } from '../../record/recording-file.js';
import { MemorySink } from '../../record/recording-writer.js';
import { scenarioFromJson } from '../../scenario/load.js';
import { bundleDifference, readBundle, wsimVersion } from './bundle.js';

/**
 * `wsim run --from-bundle FILE`: runs the bundle's scenario with its seed
 * and checks that the report (wall-clock time aside) and every recorded
 * frame come out as the bundle has them. Exit 0 when identical, 1 saying
 * where the runs part.
 */
export async function rerunBundle(file: string, quiet: boolean): Promise<number> {
  const b = readBundle(file);
  const h = b.header;
  const { config } = scenarioFromJson(`${file} (scenario ${h.scenarioFile})`, h.scenario, { seed: h.seed });
  const sim = new Sim(config);
  const sink = new MemorySink();
  const recorder = new RunRecorder(sim, sink);
  const t0 = performance.now();
  while (!sim.done) {
    sim.run(4096);
    await new Promise((resolve) => setImmediate(resolve));
  }
  const report = buildReport(sim.world, config.fleet.planner, config.fleet.assignment, (performance.now() - t0) / 1000);
  recorder.finish();
  const where = await bundleDifference(b, report, sink.bytes());
  const version = wsimVersion();
  const made = h.wsim === version ? '' : ` (made by wsim ${h.wsim}, re-run by ${version})`;
  if (where) {
    process.stderr.write(`wsim: ${file}: the re-run differs${made}: ${where}\n`);
    return 1;
  }
  if (!quiet) process.stdout.write(`wsim: ${file}: re-ran ${h.scenarioFile} with seed ${h.seed}${made}: identical (the report and all ${sim.world.tick + 1} recorded ticks)\n`);
  return 0;
}
