/**
 * LoRR benchmark (`npm run bench:lorr`): the fleet controller on League of
 * Robot Runners 2024 problems of increasing size on the 500x140 warehouse map,
 * 500 steps each (or --steps N). Prints tasks finished, tasks per step,
 * planning ms per step (mean, max after the first step, and the first step,
 * which includes building distance fields), and tasks as a fraction of the
 * congestion-free bound.
 *
 * Uses ../shared/lorr2024 (or --shared DIR) when present: its warehouse map,
 * agents and tasks; sizes above its 5,000 agents add seeded random free
 * cells. Without it, a generated warehouse map and seeded agents and tasks.
 */
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { rngStream } from '../core/rng.js';
import { generateWarehouse } from '../layout/generate.js';
import { gridFromRows, parseMovingAiMap, type Grid } from '../layout/grid.js';
import { loadLorrProblem, lorrRevealCount, type LorrProblem } from '../lorr/problem.js';
import { congestionFreeBound, runLorr } from '../lorr/run.js';

const { values } = parseArgs({
  options: { shared: { type: 'string' }, steps: { type: 'string' }, sizes: { type: 'string' }, 'no-bound': { type: 'boolean' } },
});
const root = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
const sharedDir = values.shared ?? join(root, '../shared/lorr2024');
const steps = Number(values.steps ?? 500);
const sizes = (values.sizes ?? '500,1000,2000,5000,10000').split(',').map(Number);

function base(): { grid: Grid; starts: number[]; tasks: Int32Array[]; source: string } {
  const file = join(sharedDir, 'warehouse.domain/warehouse_large_5000.json');
  if (existsSync(file)) {
    const p = loadLorrProblem(file);
    return { grid: p.grid, starts: Array.from(p.starts), tasks: p.tasks, source: file };
  }
  const rows = generateWarehouse({ width: 500, height: 140, stations: 20, chargers: 20 }).map((r) => r.replace(/R/g, '@').replace(/[PC]/g, '.'));
  const grid = gridFromRows(parseMovingAiMap(`type octile\nheight ${rows.length}\nwidth ${rows[0].length}\nmap\n${rows.join('\n')}\n`));
  const rng = rngStream(1, 'lorr-bench-tasks');
  const tasks: Int32Array[] = [];
  for (let t = 0; t < 100_000; t++) {
    tasks.push(Int32Array.from([grid.free[Math.floor(rng.next() * grid.free.length)], grid.free[Math.floor(rng.next() * grid.free.length)]]));
  }
  return { grid, starts: [], tasks, source: 'generated 500x140 warehouse (no ../shared/lorr2024 found)' };
}

/** The first n agents of the base, topped up with seeded random free cells. */
function problemOf(b: ReturnType<typeof base>, n: number): LorrProblem {
  const starts = b.starts.slice(0, n);
  const used = new Set(starts);
  const rng = rngStream(n, 'lorr-bench-agents');
  while (starts.length < n) {
    const c = b.grid.free[Math.floor(rng.next() * b.grid.free.length)];
    if (!used.has(c)) {
      used.add(c);
      starts.push(c);
    }
  }
  return {
    file: b.source,
    mapFile: '',
    agentFile: '',
    taskFile: '',
    grid: b.grid,
    teamSize: n,
    numTasksReveal: 1.5,
    revealCount: lorrRevealCount(1.5, n),
    starts: Int32Array.from(starts),
    tasks: b.tasks,
    taskLines: new Int32Array(b.tasks.length),
    version: '2024 LoRR',
  };
}

const b = base();
console.log(`wsim LoRR bench: ${b.source}, ${steps} steps, planner pibt, guidance auto, node ${process.version}`);
console.log('agents | guidance | tasks  | tasks/step | plan ms mean | max (after 1st) | 1st step | bound  | of bound | wall s');
for (const n of sizes) {
  const problem = problemOf(b, n);
  const t0 = performance.now();
  const { sim, guidance } = runLorr(problem, { steps });
  const wall = (performance.now() - t0) / 1000;
  const ms = sim.planMs;
  const mean = ms.reduce((a, x) => a + x, 0) / ms.length;
  const max = Math.max(...ms.slice(1));
  const bound = values['no-bound'] ? NaN : congestionFreeBound(problem, steps);
  console.log(
    [
      String(n).padStart(6),
      guidance.padStart(8),
      String(sim.finished).padStart(6),
      (sim.finished / steps).toFixed(2).padStart(10),
      mean.toFixed(1).padStart(12),
      max.toFixed(1).padStart(15),
      ms[0].toFixed(0).padStart(8),
      String(bound).padStart(6),
      (Number.isNaN(bound) ? '-' : `${((100 * sim.finished) / bound).toFixed(1)}%`).padStart(8),
      wall.toFixed(1).padStart(6),
    ].join(' | '),
  );
}
