import { execFile, execFileSync, spawn } from 'node:child_process';
import { closeSync, ftruncateSync, lstatSync, mkdirSync, mkdtempSync, openSync, readdirSync, readFileSync, statSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { beforeAll, describe, expect, it } from 'vitest';
import { cli } from '../helpers/cli.js';
import { scenarioPath } from '../helpers/scenarios.js';

/**
 * Hostile file inputs and outputs through the real CLI: FIFOs, folders,
 * devices, huge and sparse files, /proc files, symbolic links and an
 * interrupted run. Each must end in exit code 2 and one line naming the file
 * (or, for a FIFO or link output, be written through), with nothing else
 * written. Cases that would hang if a FIFO were opened for reading run in a
 * child process with a timeout, from the TypeScript sources (ts-hooks.mjs).
 */

const root = fileURLToPath(new URL('../..', import.meta.url));
const hooks = join(root, 'tests/cli/ts-hooks.mjs');
const entry = join(root, 'tests/cli/run-cli.mjs');
/** Longest a child may take: a refusal takes well under a second; a hang is killed here. */
const CHILD_MS = 15_000;

interface Outcome {
  code: number | null;
  signal: string | null;
  out: string;
  err: string;
}

/** Runs node with the TypeScript hooks; never waits longer than CHILD_MS. */
function node(args: string[], cwd = root): Promise<Outcome> {
  return new Promise((done) => {
    execFile(process.execPath, ['--import', hooks, ...args], { cwd, timeout: CHILD_MS, encoding: 'utf8' }, (e, out, err) => {
      const code = e ? (typeof e.code === 'number' ? e.code : null) : 0;
      done({ code, signal: (e?.signal as string | undefined) ?? null, out, err });
    });
  });
}


/**
 * A child's script running several CLI command lines (JSON in argv) one
 * after another, printing each one's exit code and output as JSON: one
 * child, one start-up, for cases that would hang if they went wrong. Also
 * reads back `lorrOutput` as a LoRR output (no CLI command reads one yet).
 */
function batchScript(lorrOutput: string): string {
  const src = (f: string) => JSON.stringify(join(root, f));
  return `
    const { main } = await import(${src('src/cli/main.ts')});
    const { loadLorrOutput } = await import(${src('src/lorr/output.ts')});
    const write = { out: process.stdout.write.bind(process.stdout), err: process.stderr.write.bind(process.stderr) };
    const results = {};
    const capture = async (name, act) => {
      const r = { code: 0, out: '', err: '' };
      process.stdout.write = (s) => ((r.out += String(s)), true);
      process.stderr.write = (s) => ((r.err += String(s)), true);
      try { r.code = await act(); } catch (e) { r.err += e.message + '\\n'; r.code = 2; }
      finally { process.stdout.write = write.out; process.stderr.write = write.err; }
      results[name] = r;
    };
    for (const [name, args] of Object.entries(JSON.parse(process.argv[1]))) await capture(name, () => main(args));
    await capture('LoRR output', () => loadLorrOutput(${JSON.stringify(lorrOutput)}));
    write.out(JSON.stringify(results));
  `;
}

const base = () => JSON.parse(readFileSync(scenarioPath('default.json'), 'utf8'));
const MAP = `type octile\nheight ${base().layout.grid.length}\nwidth ${base().layout.grid[0].length}\nmap\n${base().layout.grid.join('\n')}\n`;

const dir = mkdtempSync(join(tmpdir(), 'wsim-hostile-files-'));
const path = (...p: string[]) => join(dir, ...p);
function write(name: string, content: string | object): string {
  const f = path(name);
  writeFileSync(f, typeof content === 'string' ? content : JSON.stringify(content));
  return f;
}
function fifo(name: string): string {
  const f = path(name);
  execFileSync('mkfifo', [f]);
  return f;
}
/** A sparse file of `bytes`: huge on paper, no disk used. */
function sparse(name: string, bytes: number): string {
  const f = path(name);
  const fd = openSync(f, 'w');
  ftruncateSync(fd, bytes);
  closeSync(fd);
  return f;
}
const folder = (name: string) => (mkdirSync(path(name), { recursive: true }), path(name));

/** A LoRR problem folder: 4x3 open map, 2 agents, 2 tasks; `problem` overrides keys of the JSON. */
function lorrProblem(name: string, problem: Record<string, unknown> = {}, files: Record<string, string> = {}): string {
  const d = folder(name);
  writeFileSync(join(d, 'm.map'), files.map ?? 'type octile\nheight 3\nwidth 4\nmap\n....\n....\n....\n');
  writeFileSync(join(d, 'a.agents'), files.agents ?? '2\n0\n5\n');
  writeFileSync(join(d, 't.tasks'), files.tasks ?? '2\n3\n10\n');
  const file = join(d, 'p.json');
  writeFileSync(file, JSON.stringify({ mapFile: 'm.map', agentFile: 'a.agents', taskFile: 't.tasks', teamSize: 2, numTasksReveal: 1, ...problem }));
  return file;
}

/** One line, naming `file`, no stack trace. */
function oneLine(err: string, file: string | RegExp, what: RegExp): void {
  expect(err.endsWith('\n')).toBe(true);
  expect(err.trimEnd().split('\n')).toHaveLength(1);
  expect(err).not.toMatch(/\n\s+at /);
  if (typeof file === 'string') expect(err.startsWith(`${file}:`)).toBe(true);
  else expect(err).toMatch(file);
  expect(err).toMatch(what);
}

/** Runs `act` and checks it wrote nothing into the test folder. */
async function writesNothing<T>(act: () => Promise<T>): Promise<T> {
  const before = readdirSync(dir).sort();
  const r = await act();
  expect(readdirSync(dir).sort()).toEqual(before);
  return r;
}

describe('FIFOs given as input are refused, never opened for reading (item 4)', () => {
  /** A LoRR problem whose `key` names a FIFO. */
  const lorrFifoAt = (key: string) => {
    const file = lorrProblem(`lorr-fifo-${key}`, { [key]: 'f.fifo' });
    fifo(`lorr-fifo-${key}/f.fifo`);
    return file;
  };
  // Every case a child process, all at once: a regression hangs a child (killed at the timeout), not the suite.
  const cases: Record<string, { args: () => string[]; file: RegExp; what: RegExp }> = {
    'scenario file': { args: () => ['validate', fifo('scenario.fifo')], file: /scenario\.fifo: /, what: /file is a FIFO \(named pipe\), not a regular file/ },
    'map file': {
      args: () => ['validate', write('map-fifo.json', { ...base(), layout: { map: (fifo('map.fifo'), 'map.fifo') } })],
      file: /map-fifo\.json: layout\.map: /,
      what: /map file is a FIFO \(named pipe\), not a regular file: .*map\.fifo$/m,
    },
    'experiment file': { args: () => ['experiment', fifo('exp.fifo'), '--workers', '1', '--quiet'], file: /exp\.fifo: /, what: /is a FIFO/ },
    'experiment base': {
      args: () => ['experiment', write('exp.json', { name: 'x', base: (fifo('base.fifo'), 'base.fifo'), replications: 1, variants: [{ name: 'a', set: {} }] }), '--workers', '1'],
      file: /exp\.json: base: /,
      what: /file is a FIFO \(named pipe\), not a regular file: .*base\.fifo$/m,
    },
    'merge shard': { args: () => ['merge', fifo('shard.fifo')], file: /shard\.fifo: /, what: /is a FIFO/ },
    'LoRR problem': { args: () => ['lorr', fifo('problem.fifo')], file: /problem\.fifo: /, what: /problem file is a FIFO/ },
    'LoRR map': { args: () => ['lorr', lorrFifoAt('mapFile')], file: /p\.json: mapFile: /, what: /map file .*f\.fifo is a FIFO/ },
    'LoRR agents': { args: () => ['lorr', lorrFifoAt('agentFile')], file: /p\.json: agentFile: /, what: /agents file .*f\.fifo is a FIFO/ },
    'LoRR tasks': { args: () => ['lorr', lorrFifoAt('taskFile')], file: /p\.json: taskFile: /, what: /tasks file .*f\.fifo is a FIFO/ },
  };
  let results: Record<string, { code: number; err: string; out: string }> = {};
  let child: Outcome;
  beforeAll(async () => {
    const argv: Record<string, string[]> = Object.fromEntries(Object.entries(cases).map(([name, c]) => [name, c.args()]));
    // An output FIFO nobody reads: opening it for writing would wait for a reader.
    argv['output FIFO'] = ['run', write('lonely.json', { ...base(), duration: '2m' }), '--quiet', '--report', fifo('lonely.fifo')];
    child = await node(['--input-type=module', '-e', batchScript(fifo('output.fifo')), JSON.stringify(argv)]);
    if (child.code === 0) results = JSON.parse(child.out);
  }, CHILD_MS + 5_000);

  it('the child running them all finished, none waited on a FIFO', () => {
    expect(child.signal).toBeNull();
    expect(child.err).toBe('');
    expect(child.code).toBe(0);
  });

  for (const [name, c] of Object.entries(cases)) {
    it(`${name}: exit 2 at once, one line`, () => {
      const r = results[name];
      expect(r.code).toBe(2);
      oneLine(r.err, c.file, c.what);
      expect(r.out).toBe('');
    });
  }

  it('an output FIFO with no reader: refused (item 1), one line, the FIFO left as it was', () => {
    const r = results['output FIFO'];
    expect(r.code).toBe(2);
    oneLine(r.err, path('lonely.fifo'), /is a FIFO \(named pipe\) with no reader/);
    expect(statSync(path('lonely.fifo')).isFIFO()).toBe(true);
    expect(readdirSync(dir).filter((n) => n.endsWith('.tmp'))).toEqual([]);
  });

  it('LoRR output read back: refused, one line', () => {
    const r = results['LoRR output'];
    expect(r.code).toBe(2);
    oneLine(r.err, /output\.fifo: /, /output file is a FIFO/);
  });
});

describe('a folder where a file is expected: exit 2, one line (item 7)', () => {
  /** A LoRR problem whose `key` names a folder. */
  const lorrFolderAt = (key: string) => {
    const file = lorrProblem(`d-lorr-${key}`, { [key]: 'sub' });
    mkdirSync(path(`d-lorr-${key}`, 'sub'));
    return file;
  };
  const cases: [string, () => string[], RegExp, RegExp][] = [
    ['scenario (validate)', () => ['validate', folder('d-scn')], /d-scn: /, /file is a folder, not a regular file/],
    ['scenario (run)', () => ['run', folder('d-run'), '--quiet'], /d-run: /, /file is a folder/],
    ['scenario (serve)', () => ['serve', folder('d-serve'), '--port', '0'], /d-serve: /, /file is a folder/],
    ['map', () => ['validate', write('d-map.json', { ...base(), layout: { map: (folder('d-map'), 'd-map') } })], /d-map\.json: layout\.map: /, /map file is a folder/],
    ['experiment', () => ['experiment', folder('d-exp')], /d-exp: /, /file is a folder/],
    ['experiment base', () => ['experiment', write('d-base.json', { name: 'x', base: (folder('d-base'), 'd-base'), replications: 1, variants: [{ name: 'a', set: {} }] })], /d-base\.json: base: /, /file is a folder/],
    ['merge shard', () => ['merge', folder('d-shard')], /d-shard: /, /file is a folder/],
    ['LoRR problem', () => ['lorr', folder('d-lorr')], /d-lorr: /, /problem file is a folder/],
    ['LoRR map', () => ['lorr', lorrFolderAt('mapFile')], /p\.json: mapFile: /, /map file .*sub is a folder/],
    ['LoRR agents', () => ['lorr', lorrFolderAt('agentFile')], /p\.json: agentFile: /, /agents file .*sub is a folder/],
    ['LoRR tasks', () => ['lorr', lorrFolderAt('taskFile')], /p\.json: taskFile: /, /tasks file .*sub is a folder/],
  ];
  for (const [name, args, file, what] of cases) {
    it(name, async () => {
      const a = args();
      const r = await writesNothing(() => cli(...a));
      expect(r.code).toBe(2);
      oneLine(r.err, file, what);
    });
  }
});

describe('sizes are capped before reading; quoted text is short (items 5 and 12)', () => {
  it('a 300 MB map is refused by its size, not read', async () => {
    sparse('huge.map', 300 * 1024 * 1024);
    const file = write('huge-map.json', { ...base(), layout: { map: 'huge.map' } });
    const t0 = performance.now();
    const r = await writesNothing(() => cli('validate', file));
    expect(performance.now() - t0).toBeLessThan(2000);
    expect(r.code).toBe(2);
    oneLine(r.err, file, /layout\.map: map file is 314572800 bytes; the limit is 16777216: .*huge\.map$/m);
  });

  it('a 300 MB scenario, experiment and LoRR problem are refused by their size', async () => {
    const huge = sparse('huge.json', 300 * 1024 * 1024);
    for (const args of [['validate', huge], ['experiment', huge], ['merge', huge], ['lorr', huge]]) {
      const r = await writesNothing(() => cli(...args));
      expect(r.code).toBe(2);
      oneLine(r.err, huge, /is 314572800 bytes; the limit is 67108864$/m);
    }
  });

  it('a 15 MB map of one line is refused without quoting it', async () => {
    write('line.map', `${'SECRET '.repeat(2_200_000)}`);
    const file = write('line-map.json', { ...base(), layout: { map: 'line.map' } });
    const r = await writesNothing(() => cli('validate', file));
    expect(r.code).toBe(2);
    oneLine(r.err, file, /layout\.map: map file is not a MovingAI map: line 1 is 15400000 characters long before the "map" line/);
    expect(r.err).not.toContain('SECRET');
  });

  it('a bad header line is quoted in at most 40 characters', async () => {
    write('header.map', `type octile\n${'SECRET'.repeat(30)}\nheight 1\nwidth 1\nmap\n.\n`);
    const file = write('header-map.json', { ...base(), layout: { map: 'header.map' } });
    const r = await writesNothing(() => cli('validate', file));
    expect(r.code).toBe(2);
    oneLine(r.err, /header\.map: /, /unexpected header line 2: 'SECRETSECRET[A-Z]{28}\.\.\.'; expected type\/height\/width\/map/);
    expect(r.err.length).toBeLessThan(200);
  });

  it('/dev/zero as a map (--allow-outside) is refused as a device, not read', async () => {
    const file = write('zero.json', { ...base(), layout: { map: '/dev/zero' } });
    const r = await writesNothing(() => cli('validate', file, '--allow-outside'));
    expect(r.code).toBe(2);
    oneLine(r.err, file, /layout\.map: map file is a character device, not a regular file: \/dev\/zero$/m);
  });

  it('/dev/zero as a scenario or LoRR problem is refused as a device', async () => {
    for (const args of [['validate', '/dev/zero'], ['lorr', '/dev/zero']]) {
      const r = await writesNothing(() => cli(...args));
      expect(r.code).toBe(2);
      oneLine(r.err, '/dev/zero', /is a character device, not a regular file$/m);
    }
  });

  it('/proc/self/environ as a map (--allow-outside) prints none of the environment', async () => {
    const env = readFileSync('/proc/self/environ', 'utf8');
    const file = write('environ.json', { ...base(), layout: { map: '/proc/self/environ' } });
    const r = await writesNothing(() => cli('validate', file, '--allow-outside'));
    expect(r.code).toBe(2);
    oneLine(r.err, file, /layout\.map: map file is not a text file: control character 0x00 at line 1, column \d+: \/proc\/self\/environ$/m);
    expect(r.err.length).toBeLessThan(200);
    const values = env.split('\0').map((kv) => kv.slice(kv.indexOf('=') + 1));
    for (const v of values.filter((v) => v.length >= 16)) expect(r.err).not.toContain(v);
    expect(r.err).not.toContain('=');
  });

  it('/proc/self/environ as a LoRR map (--allow-outside) prints none of it either', async () => {
    const file = lorrProblem('lorr-environ', { mapFile: '/proc/self/environ' });
    const r = await writesNothing(() => cli('lorr', file, '--allow-outside', '--quiet'));
    expect(r.code).toBe(2);
    oneLine(r.err, file, /mapFile: map file \/proc\/self\/environ is not a text file: control character 0x00/);
    expect(r.err.length).toBeLessThan(200);
  });

  it('control characters in an agents file: refused as not text, without quoting it', async () => {
    const file = lorrProblem('lorr-escape', {}, { agents: `2\n0\n\x1b[31m${'x'.repeat(100)}\n` });
    const r = await writesNothing(() => cli('lorr', file, '--quiet'));
    expect(r.code).toBe(2);
    oneLine(r.err, file, /agentFile: agents file .*a\.agents is not a text file: control character 0x1b at line 3, column 1$/m);
    expect(r.err).not.toContain('xxx');
  });

  it('control characters in a value quoted back are escaped, so the message stays one line', async () => {
    const file = write('escape.json', { ...base(), layout: { map: '../\x1b[31m\n/evil.map' } });
    const r = await writesNothing(() => cli('validate', file));
    expect(r.code).toBe(2);
    oneLine(r.err, file, /layout\.map: '\.\.\/\\u001b\[31m\\n\/evil\.map' is outside the scenario's folder/);
    expect(r.err).not.toContain('\x1b');
  });
});

describe('LoRR problems bounded by the map and the machine (item 9)', () => {
  const refused = (name: string, args: () => string[], file: string | RegExp, what: RegExp) =>
    it(name, async () => {
      const a = args();
      const t0 = performance.now();
      const r = await writesNothing(() => cli(...a));
      expect(performance.now() - t0).toBeLessThan(2000);
      expect(r.code).toBe(2);
      oneLine(r.err, file, what);
    });
  refused('teamSize 5e9', () => ['lorr', lorrProblem('team', { teamSize: 5e9 })], /p\.json: teamSize: /, /5000000000 agents do not fit on the map's 12 free cells/);
  refused('numTasksReveal 1e6', () => ['lorr', lorrProblem('reveal', { numTasksReveal: 1e6 })], /p\.json: numTasksReveal: /, /expected a positive number up to 100, got 1000000$/m);
  it('--steps 1e8', async () => {
    const file = lorrProblem('steps');
    const r = await writesNothing(() => cli('lorr', file, '--steps', '1e8'));
    expect(r.code).toBe(2);
    // A usage error: its line, then the usual hint.
    expect(r.err).toBe("wsim: --steps must be a positive whole number up to 1000000, got 100000000\nRun 'wsim --help' for usage.\n");
  });
  refused('a task count no file could hold', () => ['lorr', lorrProblem('count', {}, { tasks: '999999999999999\n3\n' })], /t\.tasks: /, /the file says 999999999999999 tasks but only 1 task lines follow/);
  refused('mapFile /etc/passwd', () => ['lorr', lorrProblem('passwd', { mapFile: '/etc/passwd' })], /p\.json: mapFile: /, /'\/etc\/passwd' is outside the problem's folder .*--allow-outside/);
  refused('agentFile escaping with ../', () => ['lorr', lorrProblem('escape', { agentFile: '../team/a.agents' })], /p\.json: agentFile: /, /is outside the problem's folder/);

  it('--allow-outside lets a problem name files outside its folder', async () => {
    lorrProblem('shared');
    const file = write('outside.json', { mapFile: 'shared/m.map', agentFile: 'shared/a.agents', taskFile: 'shared/t.tasks', teamSize: 2 });
    const inside = folder('inner');
    const moved = join(inside, 'p.json');
    writeFileSync(moved, JSON.stringify({ mapFile: '../shared/m.map', agentFile: '../shared/a.agents', taskFile: '../shared/t.tasks', teamSize: 2 }));
    expect((await cli('lorr', file, '--steps', '5', '--quiet')).code).toBe(0);
    const refusedRun = await cli('lorr', moved, '--steps', '5', '--quiet');
    expect(refusedRun.code).toBe(2);
    const allowed = await cli('lorr', moved, '--steps', '5', '--quiet', '--allow-outside');
    expect(allowed.err).toBe('');
    expect(allowed.code).toBe(0);
  });
});

describe('one problem, one message (item 13)', () => {
  for (const duration of ['366d', 'NaN', -1, '400d']) {
    it(`duration ${JSON.stringify(duration)}`, async () => {
      const file = write(`dur-${String(duration)}.json`, { ...base(), duration });
      const r = await writesNothing(() => cli('validate', file));
      expect(r.code).toBe(2);
      oneLine(r.err, file, /: duration: /);
    });
  }
});

describe('outputs: never replaced unless a regular file, failures name the user path (item 1)', () => {
  const run = (...args: string[]) => cli('run', write('small.json', { ...base(), duration: '2m' }), '--quiet', ...args);
  /** Reads a FIFO in a child process (timed out) until the writer closes it. */
  const reader = (f: string) =>
    new Promise<string>((done) => {
      const p = spawn('cat', [f], { timeout: CHILD_MS });
      let text = '';
      p.stdout.on('data', (b) => (text += String(b)));
      p.on('close', () => done(text));
    });
  const tmps = () => readdirSync(dir).filter((n) => n.endsWith('.tmp'));

  it('a FIFO with a reader is written through and stays a FIFO', async () => {
    const f = fifo('report.fifo');
    const got = reader(f);
    // Let cat open its end first: the write side refuses a FIFO with no reader.
    await new Promise((r) => setTimeout(r, 200));
    const r = await run('--report', f);
    expect(r.code).toBe(0);
    expect(JSON.parse(await got).scenario).toBe('default');
    expect(statSync(f).isFIFO()).toBe(true);
    expect(tmps()).toEqual([]);
  });

  it('a symbolic link to a regular file: the file is replaced, the link stays', async () => {
    const target = write('real-report.json', 'old');
    const link = path('link-report.json');
    symlinkSync('real-report.json', link);
    const r = await run('--report', link, '--record', link.replace('.json', '.wsrec'));
    expect(r.code).toBe(0);
    expect(lstatSync(link).isSymbolicLink()).toBe(true);
    expect(JSON.parse(readFileSync(target, 'utf8')).scenario).toBe('default');
    expect(tmps()).toEqual([]);
  });

  it('a symbolic link to a FIFO is written through', async () => {
    const f = fifo('linked.fifo');
    const link = path('link.fifo');
    symlinkSync('linked.fifo', link);
    const got = reader(f);
    await new Promise((r) => setTimeout(r, 200));
    const r = await run('--record', link);
    expect(r.code).toBe(0);
    expect((await got).length).toBeGreaterThan(100);
    expect(lstatSync(link).isSymbolicLink()).toBe(true);
    expect(statSync(f).isFIFO()).toBe(true);
  });

  it('a dangling link, a folder and a descriptor wsim uses itself are refused before the run', async () => {
    const dangling = path('dangling.json');
    symlinkSync('nowhere.json', dangling);
    const out = folder('out-folder');
    const cases: [string, RegExp][] = [
      [dangling, /is a symbolic link to nothing/],
      [out, /is a folder; an output must be a file name/],
      ['/dev/fd/0', /is standard input/],
      ['/proc/sys/kernel/hostname', /is a kernel setting or view under \/proc or \/sys, not a place for output/],
    ];
    for (const [target, what] of cases) {
      for (const option of ['--report', '--trace', '--record', '--junit']) {
        const r = await writesNothing(() => run(option, target));
        expect(r.code).toBe(2);
        oneLine(r.err, target, what);
      }
    }
  });

  it('a missing folder: exit 2 naming the given path, not the temporary one', async () => {
    for (const option of ['--report', '--trace', '--record', '--summary', '--html']) {
      const target = path('no-such-folder', 'r.out');
      const r = await writesNothing(() => run(option, target));
      expect(r.code).toBe(2);
      oneLine(r.err, target, /cannot be written: the folder .*no-such-folder does not exist$/m);
      expect(r.err).not.toMatch(/\.tmp/);
    }
  });

  it('an unwritable folder: exit 2 naming the given path', async () => {
    const target = '/proc/r.json';
    const r = await writesNothing(() => run('--report', target));
    expect(r.code).toBe(2);
    oneLine(r.err, target, /cannot be written|permission denied|read-only/);
  });

  it('--csv, --out and lorr --output naming the wrong kind of file: exit 2, one line', async () => {
    const file = write('not-a-folder', 'x');
    const csv = await run('--csv', file);
    expect(csv.code).toBe(2);
    oneLine(csv.err, file, /is not a folder; this option takes a folder/);
    expect(readFileSync(file, 'utf8')).toBe('x');
    const exp = write('tiny-exp.json', { name: 'tiny', base: { ...base(), duration: '1m' }, replications: 1, variants: [{ name: 'a', set: {} }] });
    const out = await cli('experiment', exp, '--workers', '1', '--quiet', '--out', file);
    expect(out.code).toBe(2);
    oneLine(out.err, file, /is not a folder; this option takes a folder/);
    expect(readFileSync(file, 'utf8')).toBe('x');
    const lorr = await cli('lorr', lorrProblem('lorr-out'), '--steps', '5', '--quiet', '--output', folder('lorr-out-folder'));
    expect(lorr.code).toBe(2);
    oneLine(lorr.err, path('lorr-out-folder'), /is a folder; an output must be a file name/);
  });

  it('an interrupted run leaves no temporary file behind', async () => {
    const out = folder('interrupted');
    const scenario = write('long.json', { ...base(), duration: '8h' });
    const child = spawn(process.execPath, ['--import', hooks, entry, 'run', scenario, '--quiet', '--record', join(out, 'r.wsrec'), '--report', join(out, 'r.json')], { timeout: CHILD_MS });
    const exited = new Promise<string | null>((done) => child.on('exit', (_code, signal) => done(signal)));
    // Wait for the recording's temporary file: the run is under way.
    for (let i = 0; i < 200 && !readdirSync(out).some((n) => n.endsWith('.tmp')); i++) await new Promise((r) => setTimeout(r, 25));
    expect(readdirSync(out).some((n) => n.endsWith('.tmp'))).toBe(true);
    child.kill('SIGTERM');
    expect(await exited).toBe('SIGTERM');
    expect(readdirSync(out)).toEqual([]);
  }, CHILD_MS + 5_000);
});
