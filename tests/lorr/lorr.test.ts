import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { ScenarioError, ScenarioErrors } from '../../src/scenario/errors.js';
import {
  ACTION_C,
  ACTION_F,
  ACTION_R,
  ACTION_T,
  ACTION_W,
  buildLorrOutput,
  formatActions,
  parseActions,
  parseLorrOutput,
  runRecordFromOutput,
  type LorrRunRecord,
} from '../../src/lorr/output.js';
import { loadLorrProblem, lorrRevealCount, lorrTaskErrands, type LorrProblem } from '../../src/lorr/problem.js';
import { replayLorr } from '../../src/lorr/replay.js';

// 6 rows x 8 columns; cell = row * 8 + col
const MAP_ROWS = [
  '........', //
  '.@@..@@.',
  '........',
  '.@@..@@.',
  '........',
  '........',
];
const MAP = `type octile\nheight 6\nwidth 8\nmap\n${MAP_ROWS.join('\n')}\n`;
// agents 0,1,2 at (0,0), (2,0), (4,0)
const AGENTS = '# version for LoRR 2024\n3\n0\n16\n32\n';
// tasks: 0: (0,2)->(0,4); 1: (2,3); 2: (4,5)->(5,5); 3: (2,7); 4: (5,0); 5: (0,7)->(5,7)
const TASKS = '# version for LoRR 2024\n6\n2,4\n19\n37,45\n23\n40\n7,47\n';

const dirs: string[] = [];
afterAll(() => {
  for (const d of dirs) rmSync(d, { recursive: true, force: true });
});

interface Files {
  problem?: unknown;
  problemText?: string;
  map?: string | null;
  agents?: string;
  tasks?: string;
}

/** Writes a LoRR problem folder (problem.json, maps/, agents/, tasks/) and returns the JSON's path. */
function writeProblem(f: Files = {}): string {
  const dir = mkdtempSync(join(tmpdir(), 'wsim-lorr-'));
  dirs.push(dir);
  for (const sub of ['maps', 'agents', 'tasks']) mkdirSync(join(dir, sub));
  if (f.map !== null) writeFileSync(join(dir, 'maps', 'tiny.map'), f.map ?? MAP);
  writeFileSync(join(dir, 'agents', 'tiny.agents'), f.agents ?? AGENTS);
  writeFileSync(join(dir, 'tasks', 'tiny.tasks'), f.tasks ?? TASKS);
  const problem = f.problem ?? {
    mapFile: 'maps/tiny.map',
    agentFile: 'agents/tiny.agents',
    teamSize: 3,
    taskFile: 'tasks/tiny.tasks',
    numTasksReveal: 1,
    version: '2024 LoRR',
  };
  const file = join(dir, 'tiny.json');
  writeFileSync(file, f.problemText ?? JSON.stringify(problem, null, 4));
  return file;
}

/** The messages a failing load produces. */
function loadErrors(file: string): string[] {
  try {
    loadLorrProblem(file);
  } catch (e) {
    if (e instanceof ScenarioErrors) return e.errors.map((x) => x.message);
    if (e instanceof ScenarioError) return [e.message];
    throw e;
  }
  return [];
}

const codes = (s: string) => parseActions(s);

/**
 * A hand-written valid 5-step run on the tiny problem:
 * - agent 0 (0,0) E: F,F,F,F,W -> (0,2) at t2, (0,4) at t4: finishes task 0 at t4.
 * - agent 1 (2,0) E: F,F,F,W,W -> (2,3) at t3: finishes task 1; gets task 3 (revealed t3) at t4.
 * - agent 2 (4,0) E: F,F,F,F,F -> (4,5) at t5: first errand of task 2.
 */
function validRun(): LorrRunRecord {
  return {
    teamSize: 3,
    width: 8,
    starts: [0, 16, 32],
    actions: [codes('F,F,F,F,W'), codes('F,F,F,W,W'), codes('F,F,F,F,F')],
    plannerTimesMs: [12, 8.5, 3, 3, 250],
    assignments: [
      { timestep: 1, agent: 0, task: 0 },
      { timestep: 1, agent: 1, task: 1 },
      { timestep: 1, agent: 2, task: 2 },
      { timestep: 4, agent: 1, task: 3 },
      { timestep: 5, agent: 0, task: -1 },
    ],
    events: [
      { timestep: 2, agent: 0, task: 0, errandsDone: 1 },
      { timestep: 3, agent: 1, task: 1, errandsDone: 1 },
      { timestep: 4, agent: 0, task: 0, errandsDone: 2 },
      { timestep: 5, agent: 2, task: 2, errandsDone: 1 },
    ],
    tasks: [
      { id: 0, revealedAt: 0, errands: [2, 4] },
      { id: 1, revealedAt: 0, errands: [19] },
      { id: 2, revealedAt: 0, errands: [37, 45] },
      { id: 3, revealedAt: 3, errands: [23] },
      { id: 4, revealedAt: 4, errands: [40] },
    ],
    numTaskFinished: 2,
  };
}

/** validRun's output, through JSON, with actualPaths replaced. */
function outputWithPaths(paths: string[], tweak?: (o: Record<string, unknown>) => void) {
  const json = JSON.parse(JSON.stringify(buildLorrOutput(validRun()))) as Record<string, unknown>;
  json.actualPaths = paths;
  tweak?.(json);
  return parseLorrOutput(json);
}

describe('LoRR problem loading', () => {
  it('loads the map, the agents and the tasks', () => {
    const p = loadLorrProblem(writeProblem());
    expect(p.grid.width).toBe(8);
    expect(p.grid.height).toBe(6);
    expect(p.teamSize).toBe(3);
    expect(Array.from(p.starts)).toEqual([0, 16, 32]);
    expect(p.tasks.map((t) => Array.from(t))).toEqual([[2, 4], [19], [37, 45], [23], [40], [7, 47]]);
    expect(p.taskLines[0]).toBe(3);
    expect(p.revealCount).toBe(3);
    expect(p.version).toBe('2024 LoRR');
    expect(Array.from(lorrTaskErrands(p, 7))).toEqual([19]); // the file is cycled: id 7 -> line 1
  });

  it('tolerates CRLF, comment lines and blank lines, and takes the first teamSize agents', () => {
    const crlf = (s: string) => s.replace(/\n/g, '\r\n');
    const file = writeProblem({
      map: crlf(MAP),
      agents: crlf('# a comment\n\n4\n0\n# another\n16\n32\n40\n'),
      tasks: crlf('# c\n2\n2,4,\n19\n'),
      problem: { mapFile: 'maps/tiny.map', agentFile: 'agents/tiny.agents', teamSize: 2, taskFile: 'tasks/tiny.tasks' },
    });
    const p = loadLorrProblem(file);
    expect(Array.from(p.starts)).toEqual([0, 16]);
    expect(p.tasks.map((t) => Array.from(t))).toEqual([[2, 4], [19]]);
    expect(p.numTasksReveal).toBe(1); // the start-kit's default
    expect(p.version).toBeUndefined();
  });

  it('computes the pool size as the start-kit does (float32 product, truncated)', () => {
    expect(lorrRevealCount(1.5, 5000)).toBe(7500);
    expect(lorrRevealCount(1.5, 100)).toBe(150);
    expect(lorrRevealCount(1.15, 100)).toBe(115); // 114 in doubles
    expect(lorrRevealCount(0.5, 3)).toBe(1);
  });

  it('reports a missing map file against the problem file', () => {
    const file = writeProblem({ map: null });
    const [msg, ...rest] = loadErrors(file);
    expect(rest).toEqual([]);
    expect(msg).toContain(`${file}: mapFile: map file`);
    expect(msg).toMatch(/tiny\.map not found/);
  });

  it('reports an agent on an obstacle with the agents file and line', () => {
    const file = writeProblem({ agents: '# c\n3\n0\n9\n32\n' });
    const [msg, ...rest] = loadErrors(file);
    expect(rest).toEqual([]);
    expect(msg).toMatch(/tiny\.agents: line 4: agent 1: start cell 9 \(row 1, column 1\) is an obstacle/);
  });

  it('reports bad JSON with a position, not a stack trace', () => {
    const file = writeProblem({ problemText: '{\n  "mapFile": "maps/tiny.map",\n  teamSize: 3\n}' });
    const [msg] = loadErrors(file);
    expect(msg).toContain(`${file}: not valid JSON at line 3`);
    expect(msg).not.toMatch(/\n\s+at /);
  });

  it('reports missing keys, too few agents, and bad task cells', () => {
    expect(loadErrors(writeProblem({ problem: { mapFile: 'maps/tiny.map', teamSize: 0 } }))).toEqual([
      expect.stringMatching(/: agentFile: required, but missing$/),
      expect.stringMatching(/: taskFile: required, but missing$/),
      expect.stringMatching(/: teamSize: expected a positive whole number, got 0$/),
    ]);
    expect(loadErrors(writeProblem({ agents: '2\n0\n16\n' }))).toEqual([
      expect.stringMatching(/tiny\.agents: line 1: the file has 2 agents but the problem's teamSize is 3$/),
    ]);
    expect(loadErrors(writeProblem({ tasks: '3\n2\n99,4\nx\n' }))).toEqual([
      expect.stringMatching(/tiny\.tasks: line 3: task 1, errand 0: cell 99 is outside the 6x8 map \(0\.\.47\)$/),
      expect.stringMatching(/tiny\.tasks: line 4: task 2, errand 0: expected a cell number, got 'x'$/),
    ]);
    expect(loadErrors(writeProblem({ tasks: '5\n2\n4\n' }))).toEqual([
      expect.stringMatching(/tiny\.tasks: the file says 5 tasks but only 2 task lines follow$/),
    ]);
    expect(loadErrors(writeProblem({ agents: '3\n0\n16\n16\n' }))).toEqual([
      expect.stringMatching(/line 4: agent 2: start cell 16 is also agent 1's start$/),
    ]);
  });
});

describe('LoRR output', () => {
  it('writes the 2024 keys in the start-kit order', () => {
    const out = buildLorrOutput(validRun());
    expect(Object.keys(out)).toEqual([
      'actionModel',
      'version',
      'teamSize',
      'numTaskFinished',
      'makespan',
      'numPlannerErrors',
      'numScheduleErrors',
      'numEntryTimeouts',
      'start',
      'actualPaths',
      'plannerPaths',
      'plannerTimes',
      'errors',
      'actualSchedule',
      'plannerSchedule',
      'scheduleErrors',
      'events',
      'tasks',
    ]);
    expect(out.start).toEqual([
      [0, 0, 'E'],
      [2, 0, 'E'],
      [4, 0, 'E'],
    ]);
    expect(out.actualPaths).toEqual(['F,F,F,F,W', 'F,F,F,W,W', 'F,F,F,F,F']);
    expect(out.plannerTimes).toEqual([0.012, 0.0085, 0.003, 0.003, 0.25]);
    expect(out.actualSchedule).toEqual(['1:0,5:-1', '1:1,4:3', '1:2']);
    expect(out.events).toEqual([
      [2, 0, 0, 1],
      [3, 1, 1, 1],
      [4, 0, 0, 2],
      [5, 2, 2, 1],
    ]);
    expect(out.tasks?.[0]).toEqual([0, 0, [0, 2, 0, 4]]);
    // solution costs: agent 0 holds task 0 for steps 1-4, agent 1 tasks 1 then 3 (1-5), agent 2 1-5
    expect(out.makespan).toBe(5);
    const legacy = buildLorrOutput(validRun(), { legacyKeys: true });
    expect(legacy.AllValid).toBe('Yes');
    expect(legacy.sumOfCost).toBe(14);
    expect(Object.keys(buildLorrOutput(validRun(), { outputScreen: 3 }))).not.toContain('actualPaths');
  });

  it('round-trips through JSON: build -> stringify -> parse -> parseLorrOutput', () => {
    const run = validRun();
    const built = buildLorrOutput(run);
    const text = JSON.stringify(built, null, 4);
    const back = parseLorrOutput(JSON.parse(text), 'out.json');
    expect(back.actionModel).toBe('MAPF_T');
    expect(back.version).toBe('2024 LoRR');
    expect(back.teamSize).toBe(3);
    expect(back.numTaskFinished).toBe(2);
    expect(back.makespan).toBe(5);
    expect(back.start).toEqual([
      { row: 0, col: 0, heading: 0 },
      { row: 2, col: 0, heading: 0 },
      { row: 4, col: 0, heading: 0 },
    ]);
    expect(back.actualPaths).toEqual(run.actions);
    expect(back.plannerPaths).toEqual(run.actions);
    expect(back.unknownActions).toEqual({ actual: [], planned: [] });
    expect(back.plannerTimes?.map((s) => s * 1000)).toEqual([12, 8.5, 3, 3, 250]);
    const byAgentTime = (a: { agent: number; timestep: number }, b: { agent: number; timestep: number }) =>
      a.agent - b.agent || a.timestep - b.timestep;
    expect(back.actualSchedule).toEqual([...run.assignments].sort(byAgentTime));
    expect(back.events).toEqual(run.events);
    expect(back.errors).toEqual([]);
    expect(back.tasks?.map((t) => ({ id: t.id, revealedAt: t.revealedAt, rc: Array.from(t.rowCols) }))).toEqual(
      run.tasks.map((t) => ({ id: t.id, revealedAt: t.revealedAt, rc: Array.from(t.errands).flatMap((c) => [Math.floor(c / 8), c % 8]) })),
    );
    // and rebuilding from what was read gives the same file
    expect(JSON.stringify(buildLorrOutput(runRecordFromOutput(back, 8)), null, 4)).toBe(text);
  });

  it('formats and parses action strings, keeping unknown tokens for the replayer', () => {
    const c = new Uint8Array([ACTION_F, ACTION_R, ACTION_C, ACTION_W, ACTION_T]);
    expect(formatActions(c)).toBe('F,R,C,W,T');
    expect(parseActions('F,R,C,W,T')).toEqual(c);
    expect(formatActions(new Uint8Array(0))).toBe('');
    const unknown: { agent: number; step: number; token: string }[] = [];
    expect(Array.from(parseActions('F, X,FW', 4, unknown))).toEqual([ACTION_F, 255, 255]);
    expect(unknown).toEqual([
      { agent: 4, step: 2, token: 'X' },
      { agent: 4, step: 3, token: 'FW' },
    ]);
  });

  it('rejects malformed outputs with the key at fault', () => {
    const json = JSON.parse(JSON.stringify(buildLorrOutput(validRun())));
    json.actualPaths = ['F', 'W'];
    expect(() => parseLorrOutput(json, 'o.json')).toThrow('o.json: actualPaths: expected 3 entries, got 2');
    const j2 = JSON.parse(JSON.stringify(buildLorrOutput(validRun())));
    j2.actualSchedule[1] = '1-1';
    expect(() => parseLorrOutput(j2, 'o.json')).toThrow(/o\.json: actualSchedule\[1\]: expected "timestep:task"/);
    expect(() => parseLorrOutput({ actionModel: 'MAPF_T' }, 'o.json')).toThrow('o.json: teamSize: required, but missing');
  });
});

describe('LoRR replay', () => {
  let problem: LorrProblem;
  const tiny = () => (problem ??= loadLorrProblem(writeProblem()));

  it('accepts the hand-written valid run and recounts 2 finished tasks', () => {
    const out = parseLorrOutput(JSON.parse(JSON.stringify(buildLorrOutput(validRun()))));
    const r = replayLorr(tiny(), out);
    expect(r.errors).toEqual([]);
    expect(r.valid).toBe(true);
    expect(r.tasksFinished).toBe(2);
    expect(r.steps).toBe(5);
  });

  it('reports a vertex conflict naming the agents and step', () => {
    // agent 0 turns south and walks (0,0)->(1,0)->(2,0), where agent 1 waits
    const r = replayLorr(tiny(), outputWithPaths(['R,F,F,W,W', 'W,W,W,W,W', 'F,F,F,F,F']));
    expect(r.valid).toBe(false);
    expect(r.errors).toContain('step 3: vertex conflict: agents 0 and 1 are both at (2,0)');
  });

  it('reports an edge conflict (swap) naming the agents and step', () => {
    // agent 1 goes to (2,1) and turns to face west; agent 2 comes up to (2,0) and turns east; both step forward
    const r = replayLorr(tiny(), outputWithPaths(['W,W,W,W,W', 'F,R,R,W,F', 'C,F,F,R,F']));
    expect(r.valid).toBe(false);
    expect(r.errors).toContain('step 5: edge conflict: agents 1 and 2 swap (2,1) <-> (2,0)');
    expect(r.errors.filter((e) => e.includes('conflict'))).toHaveLength(1);
  });

  it('reports a move into a wall and off the map', () => {
    const r = replayLorr(tiny(), outputWithPaths(['F,R,F,W,W', 'F,F,F,W,W', 'R,F,F,W,W']));
    expect(r.valid).toBe(false);
    expect(r.errors).toContain('step 3: agent 0 moves forward S from (0,1) into the obstacle at (1,1)');
    expect(r.errors).toContain('step 3: agent 2 moves forward S from (5,0) off the map');
  });

  it('reports unknown letters, uneven paths and a wrong task count', () => {
    const r = replayLorr(tiny(), outputWithPaths(['F,F,F,F,W', 'F,F,Q,W,W', 'F,F,F,F'], (o) => (o.numTaskFinished = 3)));
    expect(r.valid).toBe(false);
    expect(r.errors).toContain('step 3: agent 1 has unknown action "Q" (expected F, R, C, W or T)');
    expect(r.errors).toContain('agent 2 has 4 actions but others have 5; missing ones count as waits');
    expect(r.errors).toContainEqual(expect.stringMatching(/^numTaskFinished is 3 but replaying actualSchedule over actualPaths finishes \d tasks$/));
  });

  it('recounts tasks the LoRR way: only the assigned agent, only after assignment', () => {
    // agent 1 reaches (2,3) (task 1's only errand) but task 1 is given to agent 2: it does not count
    const r = replayLorr(
      tiny(),
      outputWithPaths(['F,F,F,F,W', 'F,F,F,W,W', 'F,F,F,F,F'], (o) => {
        o.actualSchedule = ['1:0', '1:2', '1:1'];
        o.events = [
          [2, 0, 0, 1],
          [4, 0, 0, 2],
        ];
        o.numTaskFinished = 1;
        o.tasks = (o.tasks as unknown[]).slice(0, 4);
        (o.tasks as [number, number, number[]][])[3][1] = 4;
      }),
    );
    expect(r.errors).toEqual([]);
    expect(r.tasksFinished).toBe(1);
  });

  it('flags a task assigned to two agents and events that do not match', () => {
    const r = replayLorr(
      tiny(),
      outputWithPaths(['F,F,F,F,W', 'F,F,F,W,W', 'F,F,F,F,F'], (o) => {
        o.actualSchedule = ['1:0', '1:0', '1:2'];
      }),
    );
    expect(r.valid).toBe(false);
    expect(r.errors).toContain('timestep 1: task 0 is assigned to agents 0 and 1 at once');
    expect(r.errors).toContainEqual(expect.stringMatching(/^events\[1\]: the output has \[3,1,1,1\] but the replay gives /));
  });
});
