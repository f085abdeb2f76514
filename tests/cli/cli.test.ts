import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { beforeAll, describe, expect, it } from 'vitest';
import { scenarioPath } from '../helpers/scenarios.js';
import { cli } from '../helpers/cli.js';

const root = fileURLToPath(new URL('../../', import.meta.url));


describe('wsim CLI', () => {
  it('runs the default scenario, prints KPIs and writes a report', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'wsim-cli-'));
    const report = join(dir, 'r.json');
    const r = await cli('run', '--duration', '10m', '--report', report);
    expect(r.code).toBe(0);
    expect(r.out).toMatch(/default \(seed 1, planner pibt, assignment nearest\)/);
    expect(r.out).toMatch(/throughput +\d+\.\d orders\/h/);
    // Not a TTY here: one progress line per 10%.
    expect(r.err.match(/^\[ *\d+%\] simulated/gm)?.length).toBe(10);
    const json = JSON.parse(readFileSync(report, 'utf8'));
    for (const key of ['scenario', 'seed', 'simulatedSeconds', 'ticks', 'wallSeconds', 'orders', 'lines', 'throughput', 'cycleTimeSeconds', 'robots', 'stations']) {
      expect(json).toHaveProperty(key);
    }
    expect(json.simulatedSeconds).toBe(600);
    expect(json.orders.created).toBe(json.orders.completed + json.orders.open);
    expect(json.robots.conflicts).toBe(0);
    expect(json.cycleTimeSeconds.p95).toBeGreaterThanOrEqual(json.cycleTimeSeconds.p50);
    expect(readdirSync(dir)).toEqual(['r.json']); // nothing half-written left behind
  });

  it('--seed and --quiet', async () => {
    const r = await cli('run', '--duration', '5m', '--seed', '9', '--quiet');
    expect(r.code).toBe(0);
    expect(r.out).toBe('');
    expect(r.err).toBe('');
  });

  it('--trace writes one cell per tick per robot that an independent check accepts', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'wsim-cli-'));
    const file = join(dir, 't.json');
    const r = await cli('run', '--duration', '5m', '--trace', file, '--quiet');
    expect(r.code).toBe(0);
    const t = JSON.parse(readFileSync(file, 'utf8')) as { width: number; height: number; grid: string[]; robots: { id: number; cells: number[] }[] };
    expect(t.robots).toHaveLength(12);
    const ticks = t.robots[0].cells.length;
    expect(ticks).toBe(451); // 300 s / (2/3 s per tick) + the start
    let moves = 0;
    for (let k = 0; k < ticks; k++) {
      const here = new Set<number>();
      for (const rb of t.robots) {
        const c = rb.cells[k];
        expect(here.has(c)).toBe(false);
        here.add(c);
        expect(t.grid[Math.floor(c / t.width)][c % t.width]).not.toBe('@');
        if (k > 0) {
          const p = rb.cells[k - 1];
          const step = Math.abs(Math.floor(c / t.width) - Math.floor(p / t.width)) + Math.abs((c % t.width) - (p % t.width));
          expect(step).toBeLessThanOrEqual(1);
          if (step === 1) moves++;
          for (const other of t.robots) if (other !== rb && other.cells[k] === p && other.cells[k - 1] === c) throw new Error('swap');
        }
      }
    }
    expect(moves).toBeGreaterThan(500);
  });

  it('validate and schema', async () => {
    const ok = await cli('validate', scenarioPath('dense.json'));
    expect(ok.code).toBe(0);
    expect(ok.out).toMatch(/dense\.json: valid \(dense: 60x30 layout, 500 robots, 4 stations/);
    const schema = await cli('schema');
    expect(schema.code).toBe(0);
    expect(JSON.parse(schema.out).properties.robots).toBeDefined();
  });

  it('bad input: one clear message, exit 2, no stack trace', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'wsim-cli-'));
    const bad = join(dir, 'bad.json');
    writeFileSync(bad, JSON.stringify({ name: 'x', duration: '1h', layout: { grid: ['@@@', '@P@', '@@@'] }, robots: { count: -1 }, demand: { ordersPerHour: 1 } }));
    const cases: [string[], RegExp][] = [
      [['run', bad], /bad\.json: robots\.count: Too small/],
      [['validate', bad], /bad\.json: robots\.count: Too small/],
      [['run', join(dir, 'missing.json')], /missing\.json: file not found/],
      [['run', '--bogus'], /wsim: run: unknown option '--bogus'/],
      [['run', '--duration', 'later'], /^wsim: --duration: expected a duration like 8h, 90m or 3600 \(seconds\), got 'later'\n$/],
      [['frobnicate'], /wsim: unknown command 'frobnicate'/],
      [['validate'], /validate takes exactly one FILE/],
    ];
    for (const [args, msg] of cases) {
      const r = await cli(...args);
      expect(r.code, args.join(' ')).toBe(2);
      expect(r.err).toMatch(msg);
      expect(r.err).not.toMatch(/\n\s+at /);
    }
  });

  it('the report file is left untouched when the scenario is bad', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'wsim-cli-'));
    const report = join(dir, 'r.json');
    writeFileSync(report, 'previous');
    const r = await cli('run', join(dir, 'nope.json'), '--report', report);
    expect(r.code).toBe(2);
    expect(readFileSync(report, 'utf8')).toBe('previous');
  });
});

describe('installed bin', () => {
  beforeAll(() => {
    if (!existsSync(join(root, 'lib/cli/main.js'))) execFileSync('npx', ['tsc', '-p', 'tsconfig.build.json'], { cwd: root });
  });

  it('wsim --version starts in well under a second', () => {
    const t0 = performance.now();
    const r = spawnSync(process.execPath, [join(root, 'src/cli/bin.mjs'), '--version'], { encoding: 'utf8' });
    const ms = performance.now() - t0;
    expect(r.status).toBe(0);
    expect(r.stdout).toMatch(/^wsim \d+\.\d+\.\d+\n$/);
    expect(ms).toBeLessThan(1000);
  });

  it('a bad file exits 2 through the real process', () => {
    const r = spawnSync(process.execPath, [join(root, 'src/cli/bin.mjs'), 'validate', '/nonexistent/x.json'], { encoding: 'utf8' });
    expect(r.status).toBe(2);
    expect(r.stderr).toBe('/nonexistent/x.json: file not found\n');
  });
});
