import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it, vi } from 'vitest';
import { main } from '../../src/cli/main.js';
import { parseLorrOutput } from '../../src/lorr/output.js';
import { loadLorrProblem, lorrRevealCount } from '../../src/lorr/problem.js';
import { replayLorr } from '../../src/lorr/replay.js';
import { runLorr } from '../../src/lorr/run.js';
import { lorrVariant } from '../../src/lorr/variant.js';

/** An open 10 x 10 floor, six agents along the top row, twelve tasks of two errands each. */
function writeProblem(): string {
  const dir = mkdtempSync(join(tmpdir(), 'wsim-variant-'));
  const rows = Array.from({ length: 10 }, () => '.'.repeat(10));
  writeFileSync(join(dir, 'm.map'), `type octile\nheight 10\nwidth 10\nmap\n${rows.join('\n')}\n`);
  writeFileSync(join(dir, 'a.agents'), `6\n${[0, 1, 2, 3, 4, 5].join('\n')}\n`);
  const tasks = Array.from({ length: 12 }, (_, t) => `${(t * 7 + 11) % 100},${(t * 13 + 57) % 100}`);
  writeFileSync(join(dir, 't.tasks'), `12\n${tasks.join('\n')}\n`);
  const file = join(dir, 'problem.json');
  writeFileSync(file, JSON.stringify({ mapFile: 'm.map', agentFile: 'a.agents', taskFile: 't.tasks', teamSize: 6, numTasksReveal: 1.5 }));
  return file;
}

describe('problem variants (--agents, --first-task)', () => {
  it('takes the first agents and reads the tasks file from a later line on, cycling back to its start', () => {
    const problem = loadLorrProblem(writeProblem());
    expect(lorrVariant(problem, {})).toBe(problem);
    const v = lorrVariant(problem, { agents: 3, firstTask: 4 });
    expect(v.teamSize).toBe(3);
    expect([...v.starts]).toEqual([0, 1, 2]);
    expect(v.revealCount).toBe(lorrRevealCount(1.5, 3));
    expect(v.tasks).toHaveLength(12);
    expect([...v.tasks[0]]).toEqual([...problem.tasks[4]]);
    expect([...v.tasks[7]]).toEqual([...problem.tasks[11]]);
    expect([...v.tasks[8]]).toEqual([...problem.tasks[0]]);
    expect(v.taskLines[0]).toBe(problem.taskLines[4]);
    expect(v.taskLines[8]).toBe(problem.taskLines[0]);
    // The problem itself is left as it was.
    expect(problem.teamSize).toBe(6);
    expect([...problem.tasks[0]]).toEqual([11, 57]);
  });

  it('refuses agents or a first task outside the problem, naming the limit', () => {
    const problem = loadLorrProblem(writeProblem());
    expect(() => lorrVariant(problem, { agents: 0 })).toThrow(/--agents must be a whole number from 1 to the problem's teamSize \(6\), got 0/);
    expect(() => lorrVariant(problem, { agents: 7 })).toThrow(/teamSize \(6\), got 7/);
    expect(() => lorrVariant(problem, { agents: 2.5 })).toThrow(RangeError);
    expect(() => lorrVariant(problem, { firstTask: 12 })).toThrow(/--first-task must be a whole number from 0 to 11 \(the tasks file has 12 tasks\), got 12/);
    expect(() => lorrVariant(problem, { firstTask: -1 })).toThrow(RangeError);
  });

  it('a variant runs and replays as valid against itself, its tasks those of the later lines', () => {
    const v = lorrVariant(loadLorrProblem(writeProblem()), { agents: 4, firstTask: 5 });
    const { sim, output } = runLorr(v, { steps: 80, guidance: 'none' });
    expect(sim.n).toBe(4);
    expect(sim.finished).toBeGreaterThan(0);
    expect(output.teamSize).toBe(4);
    const replay = replayLorr(v, parseLorrOutput(JSON.parse(JSON.stringify(output))));
    expect(replay.errors).toEqual([]);
    expect(replay.tasksFinished).toBe(sim.finished);
    // Task 0 is the tasks file's sixth task: [(5*7+11) % 100, (5*13+57) % 100] = cells 46 and 22.
    const first = (output.tasks ?? [])[0];
    expect(first[0]).toBe(0);
    expect(first[2]).toEqual([4, 6, 2, 2]);
  });

  it('wsim lorr --agents K --first-task L: said in the summary, written to the output; out-of-range values exit 2', async () => {
    const file = writeProblem();
    const out = join(mkdtempSync(join(tmpdir(), 'wsim-variant-')), 'out.json');
    let stdout = '';
    let stderr = '';
    const o = vi.spyOn(process.stdout, 'write').mockImplementation((s) => ((stdout += String(s)), true));
    const e = vi.spyOn(process.stderr, 'write').mockImplementation((s) => ((stderr += String(s)), true));
    try {
      expect(await main(['lorr', file, '--steps', '40', '--agents', '3', '--first-task', '2', '--output', out])).toBe(0);
      expect(await main(['lorr', file, '--steps', '40', '--first-task', '2'])).toBe(0);
      stderr = '';
      expect(await main(['lorr', file, '--steps', '40', '--agents', '7'])).toBe(2);
      expect(await main(['lorr', file, '--steps', '40', '--first-task', '12'])).toBe(2);
      expect(await main(['lorr', file, '--steps', '40', '--first-task', 'two'])).toBe(2);
    } finally {
      o.mockRestore();
      e.mockRestore();
    }
    // The task on the file's fourth line (after the count line) is task 2: lines are 1-based.
    expect(stdout).toMatch(/: 3 of its 6 agents \(tasks from line 4 of the tasks file\) on 10x10, 40 steps/);
    // Every agent, tasks from a later line: no "of its" for a team as large as the problem's.
    expect(stdout).toMatch(/: 6 agents \(tasks from line 4 of the tasks file\) on 10x10, 40 steps/);
    const json = JSON.parse(readFileSync(out, 'utf8'));
    expect(json.teamSize).toBe(3);
    expect(json.actualPaths).toHaveLength(3);
    expect(stderr).toMatch(/problem\.json: --agents must be a whole number from 1 to the problem's teamSize \(6\), got 7/);
    expect(stderr).toMatch(/problem\.json: --first-task must be a whole number from 0 to 11 \(the tasks file has 12 tasks\), got 12/);
    expect(stderr).toMatch(/--first-task must be a whole number, got 'two'/);
    expect(stderr).not.toMatch(/\n\s+at /);
  });
});
