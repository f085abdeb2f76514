import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it, vi } from 'vitest';
import { sparkline } from '../../src/cli/lorr.js';
import { main } from '../../src/cli/main.js';
import { rngStream } from '../../src/core/rng.js';
import { generateWarehouse } from '../../src/layout/generate.js';
import { parseLorrOutput } from '../../src/lorr/output.js';
import { loadLorrProblem } from '../../src/lorr/problem.js';
import { replayLorr } from '../../src/lorr/replay.js';
import { AUTO_IMPROVE_MAX, autoImproveBudget } from '../../src/fleet/improve-budget.js';
import { congestionFreeBound, isDenseFloor, OPERATIONS_MAX_DENSITY, runLorr } from '../../src/lorr/run.js';

/** Writes a LoRR-format problem: a generated warehouse floor (pods become open floor, as in LoRR maps), seeded agents and tasks. */
function makeProblem(agents: number, tasks: number, seed = 5): string {
  const dir = mkdtempSync(join(tmpdir(), 'wsim-lorr-'));
  const rows = generateWarehouse({ width: 60, height: 30, stations: 4, chargers: 2 }).map((r) => r.replace(/[RPC]/g, (ch) => (ch === 'R' ? '@' : '.')));
  const width = rows[0].length;
  writeFileSync(join(dir, 'w.map'), `type octile\nheight ${rows.length}\nwidth ${width}\nmap\n${rows.join('\n')}\n`);
  const free: number[] = [];
  rows.forEach((row, r) => [...row].forEach((ch, c) => ch === '.' && free.push(r * width + c)));
  const rng = rngStream(seed, 'problem');
  const pool = free.slice();
  for (let k = pool.length - 1; k > 0; k--) {
    const j = Math.floor(rng.next() * (k + 1));
    [pool[k], pool[j]] = [pool[j], pool[k]];
  }
  writeFileSync(join(dir, 'a.agents'), `# test\n${agents}\n${pool.slice(0, agents).join('\n')}\n`);
  const lines: string[] = [];
  for (let t = 0; t < tasks; t++) lines.push(`${free[Math.floor(rng.next() * free.length)]},${free[Math.floor(rng.next() * free.length)]}`);
  writeFileSync(join(dir, 't.tasks'), `# test\n${tasks}\n${lines.join('\n')}\n`);
  const file = join(dir, 'problem.json');
  writeFileSync(file, JSON.stringify({ mapFile: 'w.map', agentFile: 'a.agents', taskFile: 't.tasks', teamSize: agents, numTasksReveal: 1.5, version: '2024 LoRR' }));
  return file;
}

describe('LoRR runs', () => {
  it('a run replays as valid from its own output, with the same tasks finished', () => {
    const problem = loadLorrProblem(makeProblem(120, 400));
    const { sim, output } = runLorr(problem, { steps: 300, guidance: 'lanes' });
    expect(sim.finished).toBeGreaterThan(100);
    const parsed = parseLorrOutput(JSON.parse(JSON.stringify(output)));
    const replay = replayLorr(problem, parsed);
    expect(replay.errors).toEqual([]);
    expect(replay.valid).toBe(true);
    expect(replay.steps).toBe(300);
    expect(replay.tasksFinished).toBe(sim.finished);
    expect(output.numTaskFinished).toBe(sim.finished);
  });

  it('every planner and guidance is conflict-free, and the congestion-free bound is above all of them', () => {
    const problem = loadLorrProblem(makeProblem(150, 300, 8));
    const bound = congestionFreeBound(problem, 200);
    for (const planner of ['pibt', 'pibt-t', 'epibt'] as const) {
      for (const guidance of ['lanes', 'traffic', 'none'] as const) {
        const { sim, output } = runLorr(problem, { steps: 200, planner, guidance });
        const replay = replayLorr(problem, parseLorrOutput(output));
        expect(replay.valid, `${planner}/${guidance}: ${replay.errors[0]}`).toBe(true);
        expect(replay.tasksFinished).toBe(sim.finished);
        expect(sim.finished).toBeLessThanOrEqual(bound);
      }
    }
    expect(bound).toBeGreaterThan(0);
  });

  it('the task pool stays at numTasksReveal x teamSize and tasks are revealed in file order', () => {
    const problem = loadLorrProblem(makeProblem(40, 50, 3));
    const { sim, output } = runLorr(problem, { steps: 200, guidance: 'none' });
    expect(problem.revealCount).toBe(60);
    const ids = output.tasks!.map((t) => t[0]);
    expect(ids).toEqual(ids.map((_, k) => k));
    // Revealed = finished + still open (assigned or waiting), and the open ones number revealCount.
    expect(ids.length).toBe(sim.finished + 60);
    // The file is cycled once its 50 tasks are used up.
    expect(ids.length).toBeGreaterThan(50);
  });

  it('same problem, same output (apart from planner times)', () => {
    const file = makeProblem(80, 200, 11);
    const strip = (o: object) => JSON.stringify({ ...o, plannerTimes: [] });
    const a = runLorr(loadLorrProblem(file), { steps: 150 });
    const b = runLorr(loadLorrProblem(file), { steps: 150 });
    expect(strip(a.output)).toBe(strip(b.output));
    expect(a.trial).toBeDefined();
    // Where lanes win the trial, the run adds learned traffic costs to them.
    expect(a.guidance).toBe(a.trial!.lanes > a.trial!.none ? 'traffic' : 'none');
    const c = runLorr(loadLorrProblem(file), { steps: 150, guidance: 'traffic' });
    const d = runLorr(loadLorrProblem(file), { steps: 150, guidance: 'traffic' });
    expect(strip(c.output)).toBe(strip(d.output));
  });

  it('wsim lorr writes the start-kit output file and prints the figures', async () => {
    const file = makeProblem(60, 200, 2);
    const out = join(mkdtempSync(join(tmpdir(), 'wsim-lorr-')), 'out.json');
    let stdout = '';
    const o = vi.spyOn(process.stdout, 'write').mockImplementation((s) => ((stdout += String(s)), true));
    const e = vi.spyOn(process.stderr, 'write').mockImplementation(() => true);
    let code: number;
    try {
      code = await main(['lorr', file, '--steps', '100', '--output', out, '--bound']);
    } finally {
      o.mockRestore();
      e.mockRestore();
    }
    expect(code).toBe(0);
    expect(stdout).toMatch(/tasks finished +\d+ \(\d+\.\d+ per step\)/);
    expect(stdout).toMatch(/congestion-free +\d+ tasks/);
    // Ten tenths of ten steps each, adding up to the tasks finished, drawn as ten bars.
    const tenths = /per tenth +([▁▂▃▄▅▆▇█]{10}) {2}((?:\d+ ){9}\d+) \(the last tenth is \d\.\d\d of the best\)/.exec(stdout);
    expect(tenths).not.toBeNull();
    const finished = Number(/tasks finished +(\d+)/.exec(stdout)![1]);
    expect(tenths![2].split(' ').map(Number).reduce((a, b) => a + b, 0)).toBe(finished);
    expect(sparkline([0, 4, 8])).toBe('▁▅█');
    // What the robots did, by tenth: moving, turning and waiting add up to every robot-step (100%, give or take rounding).
    const share = (k: string) => new RegExp(`${k} % +((?: *\\d+){10})  \\(share of robot-steps, by tenth\\)`).exec(stdout)![1].trim().split(/ +/).map(Number);
    const [moving, turning, waiting] = [share('moving'), share('turning'), share('waiting')];
    for (let t = 0; t < 10; t++) expect(Math.abs(moving[t] + turning[t] + waiting[t] - 100)).toBeLessThanOrEqual(1);
    // 60 agents on a floor of hundreds of cells: auto plans with operations, with the improvement step.
    expect(stdout).toMatch(/planner epibt \(improvement step: up to 1,000,000 operations a step\), guidance /);
    const json = JSON.parse(readFileSync(out, 'utf8'));
    expect(json.actionModel).toBe('MAPF_T');
    expect(json.version).toBe('2024 LoRR');
    expect(json.actualPaths).toHaveLength(60);
    expect(json.actualPaths[0].split(',')).toHaveLength(100);
    expect(json.plannerTimes).toHaveLength(100);
  });

  it('bad problems and arguments exit 2 with a message', async () => {
    let err = '';
    const e = vi.spyOn(process.stderr, 'write').mockImplementation((s) => ((err += String(s)), true));
    try {
      expect(await main(['lorr', '/nonexistent/p.json'])).toBe(2);
      expect(await main(['lorr', makeProblem(5, 5), '--steps', 'ten'])).toBe(2);
      expect(await main(['lorr', makeProblem(5, 5), '--guidance', 'magic'])).toBe(2);
      expect(await main(['lorr', makeProblem(5, 5), '--improve', 'lots'])).toBe(2);
      expect(await main(['lorr', makeProblem(5, 5), '--improve=-3'])).toBe(2);
    } finally {
      e.mockRestore();
    }
    expect(err).toMatch(/p\.json: /);
    expect(err).toMatch(/--steps must be a positive whole number/);
    expect(err).toMatch(/--guidance must be auto, traffic, lanes or none/);
    expect(err).toMatch(/--improve must be auto or a whole number of operations from 0 to 10000000, got 'lots'/);
    expect(err).toMatch(/--improve must be auto or a whole number of operations from 0 to 10000000, got '-3'/);
  });

  it("--improve runs the operation planner's improvement step: said in the summary, the same output twice, every step replayable", async () => {
    const file = makeProblem(60, 400, 5);
    const dir = mkdtempSync(join(tmpdir(), 'wsim-lorr-'));
    const outs = [join(dir, 'a.json'), join(dir, 'b.json'), join(dir, 'c.json')];
    let stdout = '';
    const o = vi.spyOn(process.stdout, 'write').mockImplementation((s) => ((stdout += String(s)), true));
    const e = vi.spyOn(process.stderr, 'write').mockImplementation(() => true);
    try {
      expect(await main(['lorr', file, '--steps', '60', '--planner', 'epibt', '--improve', '400', '--output', outs[0]])).toBe(0);
      expect(await main(['lorr', file, '--steps', '60', '--planner', 'epibt', '--improve', '400', '--output', outs[1], '--quiet'])).toBe(0);
      expect(await main(['lorr', file, '--steps', '60', '--planner', 'epibt', '--improve', '0', '--output', outs[2], '--quiet'])).toBe(0);
      // The default, auto: a million operations a step for a fleet this small.
      expect(await main(['lorr', file, '--steps', '2', '--planner', 'epibt'])).toBe(0);
      expect(await main(['lorr', file, '--steps', '2', '--planner', 'pibt'])).toBe(0);
    } finally {
      o.mockRestore();
      e.mockRestore();
    }
    expect(stdout).toMatch(/planner epibt \(improvement step: up to 400 operations a step\)/);
    expect(stdout).toMatch(/planner epibt \(improvement step: up to 1,000,000 operations a step\)/);
    // PIBT has no improvement step, and says none.
    expect(stdout).toMatch(/planner pibt, guidance/);
    const [a, b, c] = outs.map((f) => JSON.parse(readFileSync(f, 'utf8')));
    expect(b.actualPaths).toEqual(a.actualPaths);
    expect(b.numTaskFinished).toBe(a.numTaskFinished);
    // The step changes plans: the robots' paths differ from a run without it.
    expect(c.actualPaths).not.toEqual(a.actualPaths);
    const problem = loadLorrProblem(file);
    const replay = replayLorr(problem, parseLorrOutput(a));
    expect(replay.errors).toEqual([]);
    expect(replay.tasksFinished).toBe(a.numTaskFinished);
  });

  it("the improvement step's default budget: a million operations a step, fewer past 1,000 robots", () => {
    expect(autoImproveBudget(60)).toBe(AUTO_IMPROVE_MAX);
    expect(autoImproveBudget(1_000)).toBe(AUTO_IMPROVE_MAX);
    expect(autoImproveBudget(5_000)).toBe(200_000);
    expect(autoImproveBudget(10_000)).toBe(100_000);
  });

  it('auto plans with operations, and treats a floor more than half taken as packed', () => {
    const sparse = loadLorrProblem(makeProblem(40, 100, 3));
    expect(isDenseFloor(sparse)).toBe(false);
    const free = sparse.grid.free.length;
    const dense = loadLorrProblem(makeProblem(Math.floor(free * 0.6), 100, 3));
    expect(isDenseFloor(dense)).toBe(true);
    const edge = loadLorrProblem(makeProblem(Math.floor(free * OPERATIONS_MAX_DENSITY), 100, 3));
    expect(isDenseFloor(edge)).toBe(false);
    expect(runLorr(sparse, { steps: 5, guidance: 'lanes' })).toMatchObject({ planner: 'epibt', dense: false });
    // A packed floor: operations, with the packed floor's settings (see dense-floor.test.ts).
    expect(runLorr(dense, { steps: 5, guidance: 'lanes' })).toMatchObject({ planner: 'epibt', dense: true });
    // A planner named runs as named, without the packed floor's settings.
    expect(runLorr(dense, { steps: 5, guidance: 'lanes', planner: 'pibt' })).toMatchObject({ planner: 'pibt', dense: false });
  });

  it('keeps finishing tasks among scattered obstacles and dead ends (stuck agents yield)', () => {
    const dir = mkdtempSync(join(tmpdir(), 'wsim-lorr-'));
    const rng = rngStream(4, 'maze');
    const size = 24;
    const rows: string[] = [];
    for (let r = 0; r < size; r++) rows.push(Array.from({ length: size }, () => (rng.next() < 0.2 ? '@' : '.')).join(''));
    writeFileSync(join(dir, 'm.map'), `type octile\nheight ${size}\nwidth ${size}\nmap\n${rows.join('\n')}\n`);
    const problem0 = (() => {
      // Keep to the largest connected region so every task is reachable.
      const grid = rows;
      const seen = new Int32Array(size * size).fill(-1);
      let best: number[] = [];
      for (let c = 0; c < size * size; c++) {
        if (grid[Math.floor(c / size)][c % size] !== '.' || seen[c] >= 0) continue;
        const comp = [c];
        seen[c] = c;
        for (let k = 0; k < comp.length; k++) {
          const x = comp[k];
          const r = Math.floor(x / size);
          const col = x % size;
          for (const [dr, dc] of [[0, 1], [1, 0], [0, -1], [-1, 0]]) {
            const rr = r + dr;
            const cc = col + dc;
            if (rr < 0 || rr >= size || cc < 0 || cc >= size || grid[rr][cc] !== '.') continue;
            const y = rr * size + cc;
            if (seen[y] < 0) {
              seen[y] = c;
              comp.push(y);
            }
          }
        }
        if (comp.length > best.length) best = comp;
      }
      return best;
    })();
    const cells = problem0.slice().sort((a, b) => a - b);
    const pick = () => cells[Math.floor(rng.next() * cells.length)];
    const agents = cells.filter((_, k) => k % 8 === 0).slice(0, 50);
    writeFileSync(join(dir, 'a.agents'), `${agents.length}\n${agents.join('\n')}\n`);
    const tasks = Array.from({ length: 300 }, () => `${pick()},${pick()}`);
    writeFileSync(join(dir, 't.tasks'), `${tasks.length}\n${tasks.join('\n')}\n`);
    writeFileSync(join(dir, 'p.json'), JSON.stringify({ mapFile: 'm.map', agentFile: 'a.agents', taskFile: 't.tasks', teamSize: agents.length, numTasksReveal: 1.5 }));
    const problem = loadLorrProblem(join(dir, 'p.json'));
    for (const guidance of ['lanes', 'traffic', 'none'] as const) {
      const done: number[] = [];
      const { sim, output } = runLorr(problem, { steps: 600, guidance, onStep: (s) => s.step % 200 === 0 && done.push(s.finished) });
      expect(replayLorr(problem, parseLorrOutput(output)).valid).toBe(true);
      // Work goes on in every third of the run: no permanent jam.
      expect(done[0]).toBeGreaterThan(0);
      expect(done[1]).toBeGreaterThan(done[0]);
      expect(done[2]).toBeGreaterThan(done[1]);
      expect(sim.finished).toBe(done[2]);
    }
  });
});
