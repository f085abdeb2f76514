import { spawn } from 'node:child_process';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

/**
 * `wsim ... | head -1`: the reader goes away after one line, and the CLI
 * must end quietly, exit 0 and no EPIPE trace. Run as a child process from
 * the TypeScript sources (as bin.mjs runs the built one), its output piped
 * into head, which closes the pipe after the first line.
 */

const root = fileURLToPath(new URL('../..', import.meta.url));
const hooks = join(root, 'tests/cli/ts-hooks.mjs');
const entry = join(root, 'tests/cli/run-cli.mjs');

interface Outcome {
  code: number | null;
  signal: string | null;
  first: string;
  err: string;
}

/**
 * Runs the CLI as `CLI | head -1` in a shell: a real pipe (the pipes Node
 * makes for a child are socket pairs, whose larger buffers can take the whole
 * output before the reader goes). The shell hands the CLI's exit code back
 * on descriptor 3.
 */
function firstLine(args: string[]): Promise<Outcome> {
  const script = '{ "$@"; echo "$?" >&3; } | head -1';
  const sh = spawn('sh', ['-c', script, 'sh', process.execPath, '--import', hooks, entry, ...args], { cwd: root, stdio: ['ignore', 'pipe', 'pipe', 'pipe'], timeout: 20_000 });
  const text = (i: 1 | 2 | 3) => {
    let s = '';
    (sh.stdio[i] as NodeJS.ReadableStream).on('data', (chunk: Buffer) => (s += chunk.toString('utf8')));
    return () => s;
  };
  const [out, err, code] = [text(1), text(2), text(3)];
  return new Promise((done) => {
    sh.on('close', (_code, signal) => done({ code: code() === '' ? null : Number(code()), signal, first: out().split('\n')[0], err: err() }));
  });
}

describe('a closed pipe ends the CLI quietly', () => {
  const cases: [string, string[], RegExp][] = [
    // The schema is larger than a pipe's buffer: the pipe is sure to close while it is still being written.
    ['wsim schema | head -1', ['schema'], /^\{$/],
    ['wsim --help | head -1', ['--help'], /^wsim: warehouse robotics/],
    ['wsim run | head -1', ['run', '--duration', '10m'], /^default \(seed 1/],
  ];
  it.concurrent.each(cases)('%s', async (_name, args, first) => {
    const r = await firstLine(args);
    expect(r.first).toMatch(first);
    expect(r.err).not.toMatch(/EPIPE|Error|\n\s+at /);
    expect(r.signal).toBeNull();
    expect(r.code).toBe(0);
  });
});
