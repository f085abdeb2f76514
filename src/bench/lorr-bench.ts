/**
 * LoRR benchmark (`npm run bench:lorr`): the fleet controller on the League of
 * Robot Runners 2024 instances in ../shared/lorr2024 (or --shared DIR), each
 * run for its own number of steps, as the competition runs them. Per
 * instance: tasks finished, as a fraction of the best known and against the
 * start-kit's default entry, tasks per 500-step window (a fleet that clogs
 * shows falling windows), mean and worst planning ms per step, and peak
 * memory. Each instance runs in a child process of its own so that its peak
 * memory is its own.
 *
 * Options: --only NAME[,NAME] (instance names below), --steps N (override,
 * for quick looks; the fractions are then not comparable), --planner NAME,
 * --guidance NAME, --improve N|auto (operations a step for epibt's improvement
 * step; default auto), --shared DIR.
 *
 * --variants runs RANDOM-04's sixteen variants instead (VARIANTS: fewer of
 * its agents, its tasks file read from other lines), two at a time, and
 * prints each one's tasks and the sums of the two sets of eight: on a floor
 * that packed one run is one draw of a chaotic system, and docs/lorr.md
 * judges the packed floor's settings by these sums.
 */
import { execFile, execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { loadLorrProblem } from '../lorr/problem.js';
import { runLorr, type Guidance, type Planner } from '../lorr/run.js';
import { lorrVariant } from '../lorr/variant.js';

interface Instance {
  name: string;
  file: string;
  steps: number;
  best: number;
  startKit: number;
}

/** The shared instances with their reference figures (see ../shared/lorr2024 and its main-round README). */
const INSTANCES: Instance[] = [
  { name: 'random_32_32_20_100', file: 'random.domain/random_32_32_20_100.json', steps: 500, best: 1186, startKit: 894 },
  { name: 'RANDOM-02', file: 'main-round/random.domain/RANDOM-02.json', steps: 600, best: 1260, startKit: 794 },
  { name: 'RANDOM-04', file: 'main-round/random.domain/RANDOM-04.json', steps: 1000, best: 2585, startKit: 727 },
  { name: 'CITY-01', file: 'main-round/city.domain/CITY-01.json', steps: 3000, best: 8445, startKit: 6144 },
  { name: 'warehouse_large_5000', file: 'warehouse.domain/warehouse_large_5000.json', steps: 5000, best: 94232, startKit: 67177 },
  { name: 'WAREHOUSE', file: 'main-round/warehouse.domain/WAREHOUSE.json', steps: 5000, best: 154834, startKit: 63924 },
];

/**
 * RANDOM-04's variants (agents, first task line): the settings of packed
 * floors were chosen on the first eight; the second eight were held back as
 * a check (docs/lorr.md).
 */
const VARIANTS: readonly (readonly [number, number])[] = [
  [700, 0], [700, 5000], [700, 20000], [700, 40000], [650, 3000], [600, 0], [600, 7000], [500, 0],
  [700, 1000], [700, 9000], [700, 30000], [700, 60000], [680, 12000], [620, 15000], [550, 2000], [450, 0],
];

const WINDOW = 500;

const { values } = parseArgs({
  options: {
    shared: { type: 'string' },
    steps: { type: 'string' },
    only: { type: 'string' },
    planner: { type: 'string' },
    guidance: { type: 'string' },
    improve: { type: 'string' },
    variants: { type: 'boolean' },
    // For the child processes: the instance to run, and which variant of it (see childArgs).
    child: { type: 'string' },
    agents: { type: 'string' },
    'first-task': { type: 'string' },
  },
});
const root = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
const sharedDir = resolve(values.shared ?? join(root, '../shared/lorr2024'));

interface ChildResult {
  tasks: number;
  steps: number;
  windows: number[];
  meanMs: number;
  worstMs: number;
  firstMs: number;
  peakMb: number;
  wallS: number;
  guidance: string;
  planner: string;
}

/** Runs one instance in this process and prints its result as one JSON line. */
function runChild(inst: Instance): void {
  const steps = values.steps ? Number(values.steps) : inst.steps;
  const problem = lorrVariant(loadLorrProblem(join(sharedDir, inst.file)), {
    agents: values.agents ? Number(values.agents) : undefined,
    firstTask: values['first-task'] ? Number(values['first-task']) : undefined,
  });
  const windows: number[] = [];
  let lastFinished = 0;
  const t0 = performance.now();
  const result = runLorr(problem, {
    steps,
    planner: (values.planner ?? 'auto') as Planner,
    guidance: (values.guidance ?? 'auto') as Guidance,
    improve: values.improve === undefined || values.improve === 'auto' ? 'auto' : Number(values.improve),
    onStep: (sim) => {
      if (sim.step % WINDOW === 0 || sim.step === steps) {
        windows.push(sim.finished - lastFinished);
        lastFinished = sim.finished;
        const s = ((performance.now() - t0) / 1000).toFixed(0);
        if (values.variants) return;
        process.stderr.write(`  ${inst.name}: step ${sim.step} of ${steps}, ${sim.finished} tasks, ${s} s\n`);
      }
    },
  });
  const ms = result.sim.planMs;
  const out: ChildResult = {
    tasks: result.sim.finished,
    steps,
    windows,
    meanMs: ms.reduce((a, x) => a + x, 0) / ms.length,
    worstMs: Math.max(...ms),
    firstMs: ms[0],
    peakMb: process.resourceUsage().maxRSS / 1024,
    wallS: (performance.now() - t0) / 1000,
    guidance: result.guidance,
    planner: result.dense ? `${result.planner}+dense` : result.planner,
  };
  process.stdout.write(JSON.stringify(out) + '\n');
}

function main(): void {
  if (values.child) {
    const inst = INSTANCES.find((i) => i.name === values.child);
    if (!inst) throw new Error(`unknown instance ${values.child}`);
    runChild(inst);
    return;
  }
  if (values.improve !== undefined && values.improve !== 'auto' && !/^\d+$/.test(values.improve)) {
    console.error(`wsim LoRR bench: --improve must be auto or a whole number of operations, got '${values.improve}'`);
    process.exit(2);
  }
  if (values.variants) {
    runVariants();
    return;
  }
  const only = values.only?.split(',');
  const chosen = INSTANCES.filter((i) => !only || only.includes(i.name));
  const missing = chosen.filter((i) => !existsSync(join(sharedDir, i.file)));
  if (missing.length > 0) {
    console.error(`wsim LoRR bench: ${missing.map((i) => i.name).join(', ')} not found under ${sharedDir} (give --shared DIR)`);
    process.exit(2);
  }
  console.log(`wsim LoRR bench: ${sharedDir}, planner ${values.planner ?? 'auto'}, guidance ${values.guidance ?? 'auto'}, improvement step ${values.improve ?? 'auto'}, node ${process.version}`);
  const rows: string[] = [];
  for (const inst of chosen) {
    const text = execFileSync(process.execPath, ['--max-old-space-size=8192', ...childArgs(inst.name)], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'inherit'], maxBuffer: 1 << 24 });
    const r = JSON.parse(text.trim().split('\n').pop() as string) as ChildResult;
    // Collapse check: tasks in the last 1,000 steps against the best 1,000-step window (sliding by 500).
    const thousands = r.windows.slice(1).map((w, k) => w + r.windows[k]);
    const collapse = r.steps % WINDOW === 0 && thousands.length > 0 ? thousands[thousands.length - 1] / Math.max(...thousands) : NaN;
    const row = [
      inst.name.padEnd(20),
      `${r.steps}`.padStart(5),
      `${r.tasks}`.padStart(7),
      `${((100 * r.tasks) / inst.best).toFixed(1)}%`.padStart(7),
      `${(r.tasks / inst.startKit).toFixed(2)}x`.padStart(6),
      r.meanMs.toFixed(1).padStart(7),
      r.worstMs.toFixed(0).padStart(6),
      r.peakMb.toFixed(0).padStart(6),
      r.wallS.toFixed(0).padStart(5),
      `${r.planner}/${r.guidance}`.padStart(13),
      (Number.isNaN(collapse) ? '-' : collapse.toFixed(2)).padStart(5),
      r.windows.join(' '),
    ].join(' | ');
    rows.push(row);
    console.log(row);
  }
  console.log('\ninstance             | steps |   tasks | of best | ×kit | mean ms | worst | MB pk | wall | planner/guid  | last 1k / best 1k | tasks per 500-step window');
  for (const row of rows) console.log(row);
}

/** The child process's arguments for one instance (and variant), with the options passed on. */
function childArgs(name: string, variant?: readonly [number, number]): string[] {
  const args = [fileURLToPath(import.meta.url), '--child', name, '--shared', sharedDir];
  for (const k of ['steps', 'planner', 'guidance', 'improve'] as const) if (values[k]) args.push(`--${k}`, values[k] as string);
  if (variant) args.push('--variants', '--agents', String(variant[0]), '--first-task', String(variant[1]));
  return args;
}

/** --variants: RANDOM-04's sixteen variants, two child processes at a time (task counts are deterministic). */
function runVariants(): void {
  const inst = INSTANCES.find((i) => i.name === 'RANDOM-04')!;
  if (!existsSync(join(sharedDir, inst.file))) {
    console.error(`wsim LoRR bench: RANDOM-04 not found under ${sharedDir} (give --shared DIR)`);
    process.exit(2);
  }
  console.log(`wsim LoRR bench: RANDOM-04's ${VARIANTS.length} variants, ${sharedDir}, planner ${values.planner ?? 'auto'}, guidance ${values.guidance ?? 'auto'}, improvement step ${values.improve ?? 'auto'}, node ${process.version}`);
  const tasks: number[] = new Array(VARIANTS.length).fill(-1);
  const label = (k: number) => `${VARIANTS[k][0]} : ${VARIANTS[k][1]}`;
  let next = 0;
  let running = 0;
  const start = (): void => {
    if (next === VARIANTS.length) {
      if (running === 0) report();
      return;
    }
    const k = next++;
    running++;
    execFile(process.execPath, childArgs(inst.name, VARIANTS[k]), { encoding: 'utf8', maxBuffer: 1 << 24 }, (err, stdout) => {
      running--;
      if (err) {
        console.error(`wsim LoRR bench: variant ${VARIANTS[k].join(' : ')} failed: ${err.message.split('\n')[0]}`);
        process.exit(1);
      }
      tasks[k] = (JSON.parse(stdout.trim().split('\n').pop() as string) as ChildResult).tasks;
      process.stderr.write(`  ${label(k)}: ${tasks[k]} tasks\n`);
      start();
    });
  };
  const report = (): void => {
    const sum = (from: number) => tasks.slice(from, from + 8).reduce((a, b) => a + b, 0);
    console.log('\nagents : first task line | tasks');
    VARIANTS.forEach((_, k) => {
      if (k === 8) console.log(`${'sum of the first eight'.padEnd(24)} | ${String(sum(0)).padStart(6)}`);
      console.log(`${label(k).padEnd(24)} | ${String(tasks[k]).padStart(6)}`);
    });
    console.log(`${'sum of the second eight'.padEnd(24)} | ${String(sum(8)).padStart(6)}`);
  };
  start();
  start();
}

main();
