/**
 * Byte-for-byte check that two git revisions simulate alike:
 *
 *   npm run check:outputs -- OLD_REV [NEW_REV] [--duration 2h] [--only NAME,...] [--keep]
 *
 * Each revision is checked out into a temporary git worktree (sharing this
 * checkout's node_modules through a symlink) and built there; then every
 * shipped scenario in `scenarios/` is run with `wsim run` on both, and the
 * report, trace and recording are compared byte for byte. The report's
 * `wallSeconds` is the only field read from the clock, so it is masked
 * before the comparison. Experiment files (`scenarios/experiments/`) are not
 * scenarios `wsim run` takes, so they are left out.
 *
 * `--duration` caps each run (the scenario's own duration when shorter), for
 * the long scenarios; by default each runs its full length. NEW_REV defaults
 * to HEAD. Exits 0 when every output matches, 1 otherwise.
 */
import { execFileSync, spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, symlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseDuration } from '../core/duration.js';

interface Options {
  oldRev: string;
  newRev: string;
  /** Cap on each run's simulated duration, as `wsim run --duration` takes it; undefined runs full length. */
  duration?: string;
  only?: string[];
  keep: boolean;
}

/** The outputs of one run, by kind. */
const OUTPUTS = [
  { kind: 'report', flag: '--report', file: 'report.json' },
  { kind: 'trace', flag: '--trace', file: 'trace.jsonl' },
  { kind: 'recording', flag: '--record', file: 'recording.wsim' },
] as const;

function parseOptions(argv: string[]): Options {
  const revs: string[] = [];
  let duration: string | undefined;
  let only: string[] | undefined;
  let keep = false;
  for (let k = 0; k < argv.length; k++) {
    const a = argv[k];
    if (a === '--duration') duration = argv[++k];
    else if (a === '--only') only = (argv[++k] ?? '').split(',').filter(Boolean);
    else if (a === '--keep') keep = true;
    else if (a.startsWith('-')) throw new Error(`unknown flag ${a}`);
    else revs.push(a);
  }
  if (revs.length < 1 || revs.length > 2) throw new Error('usage: compare-outputs OLD_REV [NEW_REV] [--duration 2h] [--only NAME,...] [--keep]');
  if (duration !== undefined && parseDuration(duration) === null) throw new Error(`--duration: not a duration: ${duration}`);
  return { oldRev: revs[0], newRev: revs[1] ?? 'HEAD', duration, only, keep };
}

function git(repo: string, args: string[]): string {
  return execFileSync('git', args, { cwd: repo, encoding: 'utf8' }).trim();
}

/** Runs a command to its end; rejects with its stderr when it fails. */
function run(cmd: string, args: string[], cwd: string): Promise<void> {
  return new Promise((done, fail) => {
    const child = spawn(cmd, args, { cwd, stdio: ['ignore', 'ignore', 'pipe'] });
    let err = '';
    child.stderr.on('data', (d: Buffer) => (err += d.toString()));
    child.on('close', (code) => (code === 0 ? done() : fail(new Error(`${cmd} ${args.join(' ')} exited ${code}\n${err}`))));
  });
}

/** Checks `rev` out into a fresh worktree and compiles its CLI there. */
async function prepare(repo: string, rev: string, made: string[]): Promise<string> {
  const dir = mkdtempSync(join(tmpdir(), 'wsim-rev-'));
  git(repo, ['worktree', 'add', '--detach', '--quiet', dir, rev]);
  made.push(dir);
  symlinkSync(join(repo, 'node_modules'), join(dir, 'node_modules'), 'dir');
  await run(process.execPath, [join(repo, 'node_modules/typescript/bin/tsc'), '-p', 'tsconfig.build.json'], dir);
  return dir;
}

/** A report with its clock-read field masked; other outputs are compared as they are. */
function masked(kind: string, bytes: Buffer): Buffer {
  if (kind !== 'report') return bytes;
  return Buffer.from(bytes.toString('utf8').replace(/"wallSeconds": *-?[0-9.eE+-]+/g, '"wallSeconds": 0'));
}

async function main(): Promise<number> {
  const opts = parseOptions(process.argv.slice(2));
  const repo = git(process.cwd(), ['rev-parse', '--show-toplevel']);
  const revs = [opts.oldRev, opts.newRev].map((r) => git(repo, ['rev-parse', '--verify', `${r}^{commit}`]));
  console.log(`old ${opts.oldRev} = ${revs[0]}\nnew ${opts.newRev} = ${revs[1]}`);
  console.log(opts.duration ? `each run capped at ${opts.duration} simulated` : 'each run at the scenario\'s full duration');
  const out = mkdtempSync(join(tmpdir(), 'wsim-compare-'));
  const made: string[] = [];
  let dirs: string[] = [];
  let failures = 0;
  try {
    const t0 = performance.now();
    dirs = await Promise.all(revs.map((r) => prepare(repo, r, made)));
    console.log(`built both revisions in ${((performance.now() - t0) / 1000).toFixed(1)} s`);
    const scenarioDir = join(dirs[1], 'scenarios');
    const names = readdirSync(scenarioDir)
      .filter((f) => f.endsWith('.json') && !f.endsWith('.schema.json'))
      .map((f) => f.slice(0, -'.json'.length))
      .filter((n) => !opts.only || opts.only.includes(n))
      .sort();
    for (const name of names) {
      const t = performance.now();
      const file = `scenarios/${name}.json`;
      const missing = dirs.find((d) => !existsSync(join(d, file)));
      if (missing) {
        console.log(`${name}: MISSING in ${missing === dirs[0] ? 'old' : 'new'} revision`);
        failures++;
        continue;
      }
      const sameInput = readFileSync(join(dirs[0], file)).equals(readFileSync(join(dirs[1], file)));
      // Both revisions at once: one per core.
      await Promise.all(
        dirs.map((d, side) => {
          const args = [join(d, 'src/cli/bin.mjs'), 'run', file, '--quiet'];
          if (opts.duration) args.push('--duration', opts.duration);
          for (const o of OUTPUTS) args.push(o.flag, join(out, `${name}.${side}.${o.file}`));
          return run(process.execPath, args, d);
        }),
      );
      const verdicts = OUTPUTS.map((o) => {
        const a = masked(o.kind, readFileSync(join(out, `${name}.0.${o.file}`)));
        const b = masked(o.kind, readFileSync(join(out, `${name}.1.${o.file}`)));
        const same = a.equals(b);
        if (!same) failures++;
        return `${o.kind} ${same ? 'identical' : 'DIFFERENT'} (${b.length} bytes)`;
      });
      const note = sameInput ? '' : ' [scenario file differs between revisions]';
      console.log(`${name}: ${verdicts.join(', ')} in ${((performance.now() - t) / 1000).toFixed(1)} s${note}`);
    }
    console.log(failures === 0 ? `all outputs identical over ${names.length} scenarios` : `${failures} output(s) differ`);
  } finally {
    for (const d of made) git(repo, ['worktree', 'remove', '--force', d]);
    if (opts.keep) console.log(`outputs kept in ${out}`);
    else rmSync(out, { recursive: true, force: true });
  }
  return failures === 0 ? 0 : 1;
}

main().then(
  (code) => (process.exitCode = code),
  (err: unknown) => {
    console.error(err instanceof Error ? err.message : err);
    process.exitCode = 2;
  },
);
