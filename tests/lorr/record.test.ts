import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { ACTION_C, ACTION_F, ACTION_R, loadLorrOutput } from '../../src/lorr/output.js';
import { loadLorrProblem } from '../../src/lorr/problem.js';
import { writeLorrRecording } from '../../src/lorr/record.js';
import { traceFromOutput } from '../../src/lorr/trace.js';
import { decodeFrame } from '../../src/record/frame-codec.js';
import { readKeyframe, ViewState } from '../../src/record/keyframe.js';
import { LorrSection, LorrTimelines } from '../../src/record/lorr-info.js';
import { openRecording } from '../../src/record/open-recording.js';
import { MemorySink } from '../../src/record/recording-writer.js';
import { viewable } from '../../src/cli/view.js';
import { cli } from '../helpers/cli.js';

// An 8x12 floor with two shelf rows; 6 agents; tasks of one or two errands.
const ROWS = ['............', '.@@@@..@@@@.', '............', '............', '.@@@@..@@@@.', '............', '............', '............'];
const W = 12;
const dirs: string[] = [];
afterAll(() => {
  for (const d of dirs) rmSync(d, { recursive: true, force: true });
});

function writeProblem(): string {
  const dir = mkdtempSync(join(tmpdir(), 'wsim-lorr-rec-'));
  dirs.push(dir);
  for (const sub of ['maps', 'agents', 'tasks']) mkdirSync(join(dir, sub));
  writeFileSync(join(dir, 'maps', 'm.map'), `type octile\nheight ${ROWS.length}\nwidth ${W}\nmap\n${ROWS.join('\n')}\n`);
  writeFileSync(join(dir, 'agents', 'a.agents'), `6\n0\n11\n24\n35\n72\n83\n`);
  writeFileSync(join(dir, 'tasks', 't.tasks'), `8\n5,90\n30\n60,3\n94\n40,70\n8\n66,29\n84\n`);
  const file = join(dir, 'p.json');
  writeFileSync(file, JSON.stringify({ mapFile: 'maps/m.map', agentFile: 'agents/a.agents', taskFile: 'tasks/t.tasks', teamSize: 6, numTasksReveal: 1, version: '2024 LoRR' }));
  return file;
}

/** Every agent's cell after each step, replayed from the output's paths by hand (no wsim code). */
function cellsByHand(paths: Uint8Array[], starts: number[], steps: number): number[][] {
  const dr = [0, 1, 0, -1];
  const dc = [1, 0, -1, 0];
  const cell = starts.slice();
  const head = starts.map(() => 0);
  const out = [cell.slice()];
  for (let s = 0; s < steps; s++) {
    for (let a = 0; a < cell.length; a++) {
      const act = paths[a][s];
      if (act === ACTION_F) cell[a] += dr[head[a]] * W + dc[head[a]];
      else if (act === ACTION_R) head[a] = (head[a] + 1) & 3;
      else if (act === ACTION_C) head[a] = (head[a] + 3) & 3;
    }
    out.push(cell.slice());
  }
  return out;
}

describe('LoRR runs as recordings', () => {
  const problem = writeProblem();
  const dir = dirs[0];
  const rec = join(dir, 'run.wsrec');
  const out = join(dir, 'out.json');

  it('wsim lorr --record writes a recording of every step: cells as the paths say, tasks finished as the output says', async () => {
    const r = await cli('lorr', problem, '--steps', '40', '--guidance', 'none', '--record', rec, '--output', out, '--quiet');
    expect(r.code).toBe(0);
    const output = loadLorrOutput(out);
    const reader = openRecording(readFileSync(rec));
    expect(reader.firstTick).toBe(0);
    expect(reader.lastTick).toBe(40);
    expect(reader.layout.robots).toBe(6);
    expect(reader.layout.rows).toEqual(ROWS);
    const want = cellsByHand(output.actualPaths!, [0, 11, 24, 35, 72, 83], 40);
    for (let t = 0; t <= 40; t++) {
      const f = decodeFrame(await reader.frameAt(t));
      expect(Array.from(f.cell), `tick ${t}`).toEqual(want[t]);
    }
    const last = decodeFrame(await reader.frameAt(40));
    expect(last.ordersCompleted).toBe(output.numTaskFinished);
    expect(output.numTaskFinished).toBeGreaterThan(0);
    // The next cell of an agent that moves at step t is where it is at t + 1.
    for (let t = 0; t < 40; t++) {
      const f = decodeFrame(await reader.frameAt(t));
      const next = f.sections.get(LorrSection.NextCell)!;
      for (let a = 0; a < 6; a++) if (want[t + 1][a] !== want[t][a]) expect(next[a]).toBe(want[t + 1][a]);
    }
    // Timelines: each agent's first task and when it got it, as the output's schedule says.
    const tl = new LorrTimelines(reader.layout.lorr!, 6);
    for (const a of output.actualSchedule!.filter((x) => x.task >= 0).slice(0, 6)) {
      expect(tl.of(a.agent).tasks.some((t) => t.tick === a.timestep && t.task === a.task)).toBe(true);
    }
  });

  it('every chunk starts with a keyframe holding the heat map and KPI series of all the frames before', async () => {
    const p = loadLorrProblem(problem);
    const trace = traceFromOutput(p, loadLorrOutput(out), out);
    const sink = new MemorySink();
    writeLorrRecording(trace, sink, 8);
    const reader = openRecording(sink.bytes());
    const state = new ViewState(reader.layout);
    let checked = 0;
    for (let t = 0; t <= reader.lastTick; t++) {
      const f = decodeFrame(await reader.frameAt(t));
      state.add(f);
      const key = readKeyframe(f, reader.layout.width * reader.layout.height);
      expect(key !== null, `tick ${t}`).toBe(t % 8 === 0);
      if (!key) continue;
      expect(Array.from(key.wait)).toEqual(Array.from(state.heat.wait));
      expect(JSON.stringify(key.kpi)).toBe(JSON.stringify(state.kpi.snapshot()));
      checked++;
    }
    expect(checked).toBe(6);
    // Someone waited somewhere, or the heat test proves nothing.
    expect(state.heat.max).toBeGreaterThan(0);
  });

  it('wsim view turns an output and its problem into the same frames as wsim lorr --record', async () => {
    const v = viewable({ file: out, problem, allowOutside: false });
    const a = openRecording(v.bytes);
    const b = openRecording(readFileSync(rec));
    for (const t of [0, 7, 33, 40]) expect(Array.from(decodeFrame(await a.frameAt(t)).cell)).toEqual(Array.from(decodeFrame(await b.frameAt(t)).cell));
  });

  it('an output without its problem, a problem, or another file gets one line and exit 2', async () => {
    const r1 = await cli('view', out, '--port', '0');
    expect(r1.code).toBe(2);
    expect(r1.err).toMatch(/League of Robot Runners output: give its problem too \(wsim view .* --problem PROBLEM.json\)/);
    const r2 = await cli('view', problem, '--port', '0');
    expect(r2.code).toBe(2);
    expect(r2.err).toMatch(/is a League of Robot Runners problem: run it with `wsim lorr/);
    const cut = join(dir, 'cut.wsrec');
    writeFileSync(cut, readFileSync(rec).subarray(0, 100));
    const r3 = await cli('view', cut, '--port', '0');
    expect(r3.code).toBe(2);
    expect(r3.err.trim().split('\n')).toHaveLength(1);
    expect(r3.err).toMatch(/cut\.wsrec: not a wsim recording/);
    const r4 = await cli('view', out, '--problem', join(dir, 'nope.json'), '--port', '0');
    expect(r4.code).toBe(2);
    expect(r4.err).toMatch(/nope\.json/);
  });
});
