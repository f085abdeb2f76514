/**
 * The LoRR 2024 start-kit's output JSON ("2024 LoRR"): build it from a run, read it back.
 *
 * Sources (MAPF-Competition/Start-Kit, 2024 version; read as reference, not copied):
 * `src/CompetitionSystem.cpp` (BaseSystem::saveResults, BaseSystem::simulate), `src/Simulator.cpp`
 * (move, actual_path_to_json, planned_path_to_json, starts_to_json, action_errors_to_json),
 * `src/ActionModel.cpp` + `inc/ActionModel.h` (is_valid, result_state, enum Action, moves),
 * `inc/States.h`, `inc/Simulator.h`, `src/TaskManager.cpp` + `inc/TaskManager.h`, `src/driver.cpp`,
 * `Input_Output_Format.md`; and the reader MAPF-Competition/PlanViz `script/plan_config.py`
 * (PlanConfig2024) plus its sample `example/warehouse_small_2024.json`.
 *
 * Keys, in the order saveResults writes them (`--outputScreen` 1 writes all; 2 stops after
 * `actualPaths`; 3 also drops `start` and `actualPaths`):
 * - `actionModel`: always "MAPF_T" (4 headings; forward, turn clockwise, turn counter-clockwise, wait).
 * - `version`: "2024 LoRR". PlanViz picks its 2024 reader from this key.
 * - `teamSize`: number of agents.
 * - `numTaskFinished`: tasks completed (all errands visited in order).
 * - `makespan`: max over agents of `solution_costs[a]`, which counts the steps (timeouts included)
 *   at whose planning the agent had a goal, i.e. an assigned task. PlanViz uses it as the last step.
 * - `numPlannerErrors`, `numScheduleErrors`, `numEntryTimeouts`: sizes of `errors`,
 *   `scheduleErrors`, and the count of steps lost to planner timeouts.
 * - `start`: `[[row, col, "E"|"S"|"W"|"N"], ...]`. Every agent starts facing East:
 *   `State(start, 0, 0)` in Simulator.h, orientation 0:east 1:south 2:west 3:north (States.h).
 *   (starts_to_json lacks a `break` after case 1, so a South start would print "S","W"; never hit.)
 * - `actualPaths`: per agent, the executed actions as letters joined by "," (no spaces):
 *   F forward, R clockwise (heading + 1), C counter-clockwise (heading + 3 mod 4), W wait,
 *   T "not applicable" (Action::NA): the implicit wait of a step lost to a planner timeout (all
 *   agents get T). When a step's actions are invalid (collision, wall, off the map, wrong count) the
 *   simulator replaces all of them with W, so actualPaths is always conflict-free.
 *   Forward moves by `moves[heading]` = {+1, +cols, -1, -cols}; no '.' symbol exists.
 * - `plannerPaths`: same shape, the actions the planner proposed (T where none was given).
 * - `plannerTimes`: seconds (double) per planning episode (steady_clock), not per step: a call that
 *   times out spans several steps but has one entry.
 * - `errors`: `[[agent1, agent2, timestep, "message"], ...]` with agent2 = -1 when one agent is
 *   involved; messages "unallowed move", "vertex conflict", "edge conflict", "incorrect vector size"
 *   (agents -1); timestep is the one after the move. One entry per invalid step (the first found).
 * - `actualSchedule`: per agent a string "t:task,t:task,..." of accepted assignment changes, task -1
 *   = none; t is the timestep after the move at which the assignment took effect (the first is 1).
 *   Every agent gets an entry at the first successful update, so no string is empty
 *   (PlanViz parses each element with int() and fails on "").
 * - `plannerSchedule`: same for proposed schedules, valid or not.
 * - `scheduleErrors`: `[[task, agent1, agent2, timestep, "message"], ...]`.
 * - `events`: `[[timestep, agent, task, errandsDone], ...]`, one per errand reached, in timestep
 *   then agent order; errandsDone (idx_next_loc after the visit) equal to the task's errand count
 *   means the task finished then. Assignments are not events in 2024 (they are in actualSchedule).
 * - `tasks`: `[[id, revealedAt, [row0, col0, row1, col1, ...]], ...]` for every revealed task, in id order.
 * The 2023 output also had `AllValid` ("Yes"/"No") and `sumOfCost` (sum of solution_costs); 2024
 * dropped them (commented out / removed). {@link LorrBuildOptions.legacyKeys} adds them back.
 *
 * Task rules (TaskManager.cpp): at timestep 0, `revealCount` tasks are revealed (ids 0.. in tasks
 * file order, cycling the file). After each step's move, update_tasks(timestep t) (1) applies the
 * schedule proposed while planning that step (rejected whole if it gives a finished task, one task
 * to two agents, or takes an opened task away from its agent), (2) for each agent in index order,
 * if it holds a task and stands on that task's next errand, advances the task by one errand (at
 * most one per step) and logs an event; the last errand finishes it and frees the agent, (3)
 * reveals tasks to refill the pool, stamped t. So an errand only counts for the agent the task is
 * assigned to, at the end of a step whose update already carries the assignment; standing on the
 * first errand at timestep 0 counts nothing. Steps lost to timeouts run no update.
 */
import { parseJsonText } from '../scenario/load.js';
import { MAX_LORR_OUTPUT_BYTES, readRegularFile } from '../scenario/read-file.js';
import { ScenarioError } from '../scenario/errors.js';

/** Action codes, as the start-kit's `enum Action {FW, CR, CCR, W, NA}`. */
export const ACTION_F = 0;
export const ACTION_R = 1;
export const ACTION_C = 2;
export const ACTION_W = 3;
/** NA: the implicit wait of a step lost to a planner timeout ("T"). */
export const ACTION_T = 4;
/** A letter the start-kit does not write (only from parsing someone else's file). */
export const ACTION_UNKNOWN = 255;
/** Letter per action code. */
export const ACTION_LETTERS = ['F', 'R', 'C', 'W', 'T'] as const;
/** Headings: 0=E, 1=S, 2=W, 3=N; R adds 1, C subtracts 1 (mod 4). */
export const HEADING_LETTERS = ['E', 'S', 'W', 'N'] as const;

const LETTER_CODE = new Uint8Array(128).fill(ACTION_UNKNOWN);
ACTION_LETTERS.forEach((l, i) => (LETTER_CODE[l.charCodeAt(0)] = i));

export interface LorrActionError {
  agent1: number;
  /** -1 when only one agent is involved. */
  agent2: number;
  timestep: number;
  message: string;
}

export interface LorrScheduleError {
  task: number;
  agent1: number;
  agent2: number;
  timestep: number;
  message: string;
}

/** An accepted (or proposed) assignment change: from `timestep` on, `agent` holds `task` (-1 = none). */
export interface LorrAssignment {
  timestep: number;
  agent: number;
  task: number;
}

/** `agent` reached an errand of `task` at `timestep`; `errandsDone` errands of it are now done. */
export interface LorrErrandEvent {
  timestep: number;
  agent: number;
  task: number;
  errandsDone: number;
}

/** A revealed task, errands as linear cells. */
export interface LorrRevealedTask {
  id: number;
  revealedAt: number;
  errands: ArrayLike<number>;
}

type ActionList = Uint8Array | string;

/** What an engine records during a LoRR run; {@link buildLorrOutput} turns it into the start-kit JSON. */
export interface LorrRunRecord {
  teamSize: number;
  /** Map width (columns), to turn cells into [row, col]. */
  width: number;
  /** Start cell per agent. */
  starts: ArrayLike<number>;
  /** Start heading per agent (0=E..3=N); default all East, as the start-kit. */
  startHeadings?: ArrayLike<number>;
  /** Executed actions per agent: codes (ACTION_*) or an already formatted "F,R,W" string. */
  actions: readonly ActionList[];
  /** Proposed actions per agent; default = `actions`. */
  plannedActions?: readonly ActionList[];
  /** Wall time of each planning episode in milliseconds (written as seconds, ms / 1000). */
  plannerTimesMs?: ArrayLike<number>;
  /** Or the same already in seconds (used as is; wins over plannerTimesMs). */
  plannerTimesSeconds?: ArrayLike<number>;
  errors?: readonly LorrActionError[];
  scheduleErrors?: readonly LorrScheduleError[];
  /** Accepted assignment changes (any order; written per agent by timestep). */
  assignments: readonly LorrAssignment[];
  /** Proposed assignment changes; default = `assignments`. */
  plannerAssignments?: readonly LorrAssignment[];
  /** Errand events, in the order they happened (timestep, then agent). */
  events: readonly LorrErrandEvent[];
  /** Every revealed task, in id order. */
  tasks: readonly LorrRevealedTask[];
  numTaskFinished: number;
  /**
   * Per agent, the start-kit's solution_costs: steps at whose planning the agent held a task.
   * Default: derived from `assignments` and the finishing `events` (exact unless timeouts occurred).
   */
  solutionCosts?: ArrayLike<number>;
  /** Steps lost to planner timeouts; default: steps where every agent's action is T. */
  numEntryTimeouts?: number;
}

export interface LorrBuildOptions {
  /** The start-kit's --outputScreen: 1 everything (default), 2 summary + start + actualPaths, 3 summary only. */
  outputScreen?: 1 | 2 | 3;
  /** Also write the 2023 keys `AllValid` and `sumOfCost` (harmless to 2024 readers). */
  legacyKeys?: boolean;
}

/** The JSON object, typed. Optional keys depend on outputScreen / legacyKeys. */
export interface LorrOutputJson {
  actionModel: 'MAPF_T';
  version: '2024 LoRR';
  AllValid?: 'Yes' | 'No';
  teamSize: number;
  numTaskFinished: number;
  sumOfCost?: number;
  makespan: number;
  numPlannerErrors: number;
  numScheduleErrors: number;
  numEntryTimeouts: number;
  start?: [number, number, string][];
  actualPaths?: string[];
  plannerPaths?: string[];
  plannerTimes?: number[];
  errors?: [number, number, number, string][];
  actualSchedule?: string[];
  plannerSchedule?: string[];
  scheduleErrors?: [number, number, number, number, string][];
  events?: [number, number, number, number][];
  tasks?: [number, number, number[]][];
}

/** Action codes -> "F,R,C,W" (fast: one byte buffer). */
export function formatActions(codes: Uint8Array): string {
  const n = codes.length;
  if (n === 0) return '';
  const buf = Buffer.allocUnsafe(2 * n - 1);
  for (let i = 0; i < n; i++) {
    const c = codes[i];
    if (c > ACTION_T) throw new Error(`action code ${c} at step ${i + 1} is not one of F,R,C,W,T (0..4)`);
    buf[2 * i] = ACTION_LETTERS[c].charCodeAt(0);
    if (i + 1 < n) buf[2 * i + 1] = 44;
  }
  return buf.toString('latin1');
}

/** Where a parsed path held tokens that are not F/R/C/W/T. */
export interface UnknownAction {
  agent: number;
  /** 1-based step (= the timestep the action leads to). */
  step: number;
  token: string;
}

/**
 * "F,R,C,W,T" -> action codes. Tokens other than the five letters become ACTION_UNKNOWN and are
 * reported through `unknown` (when given) with agent `agent`.
 */
export function parseActions(s: string, agent = 0, unknown?: UnknownAction[]): Uint8Array {
  const len = s.length;
  if (len === 0) return new Uint8Array(0);
  // fast path: strict "L,L,...,L"
  if (len % 2 === 1) {
    const n = (len + 1) >> 1;
    const out = new Uint8Array(n);
    let ok = true;
    for (let i = 0; i < n; i++) {
      const ch = s.charCodeAt(2 * i);
      const code = ch < 128 ? LETTER_CODE[ch] : ACTION_UNKNOWN;
      if (code === ACTION_UNKNOWN || (i + 1 < n && s.charCodeAt(2 * i + 1) !== 44)) {
        ok = false;
        break;
      }
      out[i] = code;
    }
    if (ok) return out;
  }
  const tokens = s.split(',');
  const out = new Uint8Array(tokens.length);
  for (let i = 0; i < tokens.length; i++) {
    const t = tokens[i].trim();
    const code = t.length === 1 && t.charCodeAt(0) < 128 ? LETTER_CODE[t.charCodeAt(0)] : ACTION_UNKNOWN;
    out[i] = code;
    if (code === ACTION_UNKNOWN) unknown?.push({ agent, step: i + 1, token: t });
  }
  return out;
}

function actionsToString(a: ActionList): string {
  return typeof a === 'string' ? a : formatActions(a);
}

function actionsToCodes(a: ActionList): Uint8Array {
  return typeof a === 'string' ? parseActions(a) : a;
}

function scheduleStrings(teamSize: number, list: readonly LorrAssignment[], fillFirst: number): string[] {
  const per: LorrAssignment[][] = Array.from({ length: teamSize }, () => []);
  for (const a of list) {
    if (!(a.agent >= 0 && a.agent < teamSize)) throw new Error(`assignment for agent ${a.agent}, but teamSize is ${teamSize}`);
    per[a.agent].push(a);
  }
  return per.map((entries) => {
    if (entries.length === 0) return fillFirst > 0 ? `${fillFirst}:-1` : '';
    entries.sort((x, y) => x.timestep - y.timestep); // stable
    return entries.map((e) => `${e.timestep}:${e.task}`).join(',');
  });
}

/**
 * The start-kit's solution_costs from assignments: agent a is counted at step s (1..steps) when the
 * assignment in effect at timestep s is a task that had not finished before s.
 */
export function solutionCostsFromSchedule(
  teamSize: number,
  steps: number,
  assignments: readonly LorrAssignment[],
  events: readonly LorrErrandEvent[],
  errandCount: (task: number) => number,
): Int32Array {
  const finishedAt = new Map<number, number>();
  for (const e of events) if (e.errandsDone >= errandCount(e.task)) finishedAt.set(e.task, e.timestep);
  const per: LorrAssignment[][] = Array.from({ length: teamSize }, () => []);
  for (const a of assignments) per[a.agent]?.push(a);
  const costs = new Int32Array(teamSize);
  for (let agent = 0; agent < teamSize; agent++) {
    const list = per[agent].sort((x, y) => x.timestep - y.timestep);
    let total = 0;
    for (let i = 0; i < list.length; i++) {
      const { timestep: from, task } = list[i];
      if (task < 0) continue;
      const next = i + 1 < list.length ? list[i + 1].timestep : steps + 1;
      const end = Math.min(next - 1, finishedAt.get(task) ?? steps, steps);
      if (end >= Math.max(from, 1)) total += end - Math.max(from, 1) + 1;
    }
    costs[agent] = total;
  }
  return costs;
}

/** Builds the start-kit's output JSON object for a run. */
export function buildLorrOutput(run: LorrRunRecord, options: LorrBuildOptions = {}): LorrOutputJson {
  const screen = options.outputScreen ?? 1;
  const n = run.teamSize;
  const w = run.width;
  if (run.starts.length !== n) throw new Error(`starts has ${run.starts.length} entries; teamSize is ${n}`);
  if (run.actions.length !== n) throw new Error(`actions has ${run.actions.length} agents; teamSize is ${n}`);
  const codes = run.actions.map(actionsToCodes);
  let steps = 0;
  for (const c of codes) steps = Math.max(steps, c.length);

  const errandCount = new Map<number, number>();
  for (const t of run.tasks) errandCount.set(t.id, t.errands.length);
  const costs =
    run.solutionCosts ??
    solutionCostsFromSchedule(n, steps, run.assignments, run.events, (task) => errandCount.get(task) ?? Infinity);
  let makespan = 0;
  let sumOfCost = 0;
  for (let a = 0; a < n; a++) {
    makespan = Math.max(makespan, costs[a]);
    sumOfCost += costs[a];
  }
  let timeouts = run.numEntryTimeouts;
  if (timeouts === undefined) {
    timeouts = 0;
    for (let s = 0; s < steps && n > 0; s++) {
      let all = true;
      for (let a = 0; a < n && all; a++) all = codes[a][s] === ACTION_T;
      if (all) timeouts++;
    }
  }
  const errors = run.errors ?? [];
  const scheduleErrors = run.scheduleErrors ?? [];

  const out: LorrOutputJson = { actionModel: 'MAPF_T', version: '2024 LoRR' } as LorrOutputJson;
  if (options.legacyKeys) out.AllValid = errors.length === 0 ? 'Yes' : 'No';
  out.teamSize = n;
  out.numTaskFinished = run.numTaskFinished;
  if (options.legacyKeys) out.sumOfCost = sumOfCost;
  out.makespan = makespan;
  out.numPlannerErrors = errors.length;
  out.numScheduleErrors = scheduleErrors.length;
  out.numEntryTimeouts = timeouts;
  if (screen <= 2) {
    out.start = Array.from({ length: n }, (_, a) => {
      const cell = run.starts[a];
      const r = Math.floor(cell / w);
      const h = run.startHeadings ? run.startHeadings[a] : 0;
      return [r, cell - r * w, HEADING_LETTERS[h & 3]];
    });
    out.actualPaths = run.actions.map(actionsToString);
  }
  if (screen <= 1) {
    out.plannerPaths = (run.plannedActions ?? run.actions).map(actionsToString);
    out.plannerTimes = run.plannerTimesSeconds
      ? Array.from(run.plannerTimesSeconds)
      : Array.from(run.plannerTimesMs ?? [], (ms) => ms / 1000);
    out.errors = errors.map((e) => [e.agent1, e.agent2, e.timestep, e.message]);
    const fill = steps > 0 ? 1 : 0;
    out.actualSchedule = scheduleStrings(n, run.assignments, fill);
    out.plannerSchedule = scheduleStrings(n, run.plannerAssignments ?? run.assignments, fill);
    out.scheduleErrors = scheduleErrors.map((e) => [e.task, e.agent1, e.agent2, e.timestep, e.message]);
    out.events = run.events.map((e) => [e.timestep, e.agent, e.task, e.errandsDone]);
    out.tasks = run.tasks.map((t) => {
      const rc: number[] = new Array(t.errands.length * 2);
      for (let i = 0; i < t.errands.length; i++) {
        const cell = t.errands[i];
        const r = Math.floor(cell / w);
        rc[2 * i] = r;
        rc[2 * i + 1] = cell - r * w;
      }
      return [t.id, t.revealedAt, rc];
    });
  }
  return out;
}

/** A start: row, column, heading (0=E..3=N). */
export interface LorrStart {
  row: number;
  col: number;
  heading: number;
}

/** A task as the output lists it: errands as flat [row, col, row, col, ...]. */
export interface LorrOutputTask {
  id: number;
  revealedAt: number;
  rowCols: Int32Array;
}

/** A start-kit output, read back. Keys absent from the file are undefined. */
export interface LorrOutput {
  actionModel: string;
  version: string | undefined;
  teamSize: number;
  numTaskFinished: number;
  makespan: number;
  sumOfCost: number | undefined;
  allValid: boolean | undefined;
  numPlannerErrors: number | undefined;
  numScheduleErrors: number | undefined;
  numEntryTimeouts: number | undefined;
  start: LorrStart[] | undefined;
  actualPaths: Uint8Array[] | undefined;
  plannerPaths: Uint8Array[] | undefined;
  /** Tokens in actualPaths / plannerPaths that are not F, R, C, W or T. */
  unknownActions: { actual: UnknownAction[]; planned: UnknownAction[] };
  /** Seconds per planning episode. */
  plannerTimes: number[] | undefined;
  errors: LorrActionError[] | undefined;
  /** Per agent, by timestep (agent-major). */
  actualSchedule: LorrAssignment[] | undefined;
  plannerSchedule: LorrAssignment[] | undefined;
  scheduleErrors: LorrScheduleError[] | undefined;
  events: LorrErrandEvent[] | undefined;
  tasks: LorrOutputTask[] | undefined;
}

class Reader {
  constructor(readonly file: string) {}
  fail(path: string, detail: string): never {
    throw new ScenarioError(this.file, path, detail);
  }
  int(v: unknown, path: string): number {
    if (typeof v !== 'number' || !Number.isInteger(v)) this.fail(path, `expected a whole number, got ${brief(v)}`);
    return v;
  }
  num(v: unknown, path: string): number {
    if (typeof v !== 'number' || !Number.isFinite(v)) this.fail(path, `expected a number, got ${brief(v)}`);
    return v;
  }
  str(v: unknown, path: string): string {
    if (typeof v !== 'string') this.fail(path, `expected a string, got ${brief(v)}`);
    return v;
  }
  arr(v: unknown, path: string, len?: number): unknown[] {
    if (!Array.isArray(v)) this.fail(path, `expected a list, got ${brief(v)}`);
    if (len !== undefined && v.length !== len) this.fail(path, `expected ${len} entries, got ${v.length}`);
    return v;
  }
}

function brief(v: unknown): string {
  const s = JSON.stringify(v);
  if (s === undefined) return String(v);
  return s.length > 40 ? `${s.slice(0, 40)}...` : s;
}

function parseSchedule(rd: Reader, v: unknown, key: string, teamSize: number): LorrAssignment[] {
  const list = rd.arr(v, key, teamSize);
  const out: LorrAssignment[] = [];
  list.forEach((s, agent) => {
    const path = `${key}[${agent}]`;
    const text = rd.str(s, path);
    if (text === '') return;
    for (const part of text.split(',')) {
      const m = /^\s*(-?\d+)\s*:\s*(-?\d+)\s*$/.exec(part);
      if (!m) rd.fail(path, `expected "timestep:task" entries separated by ",", got ${brief(part)}`);
      out.push({ timestep: Number(m[1]), agent, task: Number(m[2]) });
    }
  });
  return out;
}

/**
 * Reads a start-kit output (already JSON-parsed). Validates shapes; throws ScenarioError(file, key, ...).
 * Unknown action letters are kept (ACTION_UNKNOWN) and listed, for the replayer to report.
 */
export function parseLorrOutput(json: unknown, file = 'output JSON'): LorrOutput {
  const rd = new Reader(file);
  if (json === null || typeof json !== 'object' || Array.isArray(json)) rd.fail('', 'expected a JSON object (a LoRR output)');
  const d = json as Record<string, unknown>;
  const req = (key: string) => {
    if (d[key] === undefined) rd.fail(key, 'required, but missing');
    return d[key];
  };
  const opt = <T>(key: string, f: (v: unknown) => T): T | undefined => (d[key] === undefined ? undefined : f(d[key]));
  const teamSize = rd.int(req('teamSize'), 'teamSize');
  if (teamSize < 0) rd.fail('teamSize', 'must not be negative');
  const unknownActions = { actual: [] as UnknownAction[], planned: [] as UnknownAction[] };
  const paths = (key: string, sink: UnknownAction[]) => (v: unknown) =>
    rd.arr(v, key, teamSize).map((s, a) => parseActions(rd.str(s, `${key}[${a}]`), a, sink));
  const allValid = opt('AllValid', (v) => {
    const s = rd.str(v, 'AllValid');
    if (s !== 'Yes' && s !== 'No') rd.fail('AllValid', `expected "Yes" or "No", got ${brief(s)}`);
    return s === 'Yes';
  });
  return {
    actionModel: rd.str(req('actionModel'), 'actionModel'),
    version: opt('version', (v) => rd.str(v, 'version')),
    teamSize,
    numTaskFinished: rd.int(req('numTaskFinished'), 'numTaskFinished'),
    makespan: rd.int(req('makespan'), 'makespan'),
    sumOfCost: opt('sumOfCost', (v) => rd.int(v, 'sumOfCost')),
    allValid,
    numPlannerErrors: opt('numPlannerErrors', (v) => rd.int(v, 'numPlannerErrors')),
    numScheduleErrors: opt('numScheduleErrors', (v) => rd.int(v, 'numScheduleErrors')),
    numEntryTimeouts: opt('numEntryTimeouts', (v) => rd.int(v, 'numEntryTimeouts')),
    start: opt('start', (v) =>
      rd.arr(v, 'start', teamSize).map((s, a) => {
        const p = `start[${a}]`;
        const e = rd.arr(s, p, 3);
        const letter = rd.str(e[2], `${p}[2]`);
        const heading = (HEADING_LETTERS as readonly string[]).indexOf(letter);
        if (heading < 0) rd.fail(`${p}[2]`, `expected a heading "E", "S", "W" or "N", got ${brief(letter)}`);
        return { row: rd.int(e[0], `${p}[0]`), col: rd.int(e[1], `${p}[1]`), heading };
      }),
    ),
    actualPaths: opt('actualPaths', paths('actualPaths', unknownActions.actual)),
    plannerPaths: opt('plannerPaths', paths('plannerPaths', unknownActions.planned)),
    unknownActions,
    plannerTimes: opt('plannerTimes', (v) => rd.arr(v, 'plannerTimes').map((t, i) => rd.num(t, `plannerTimes[${i}]`))),
    errors: opt('errors', (v) =>
      rd.arr(v, 'errors').map((e, i) => {
        const p = `errors[${i}]`;
        const x = rd.arr(e, p, 4);
        return { agent1: rd.int(x[0], `${p}[0]`), agent2: rd.int(x[1], `${p}[1]`), timestep: rd.int(x[2], `${p}[2]`), message: rd.str(x[3], `${p}[3]`) };
      }),
    ),
    actualSchedule: opt('actualSchedule', (v) => parseSchedule(rd, v, 'actualSchedule', teamSize)),
    plannerSchedule: opt('plannerSchedule', (v) => parseSchedule(rd, v, 'plannerSchedule', teamSize)),
    scheduleErrors: opt('scheduleErrors', (v) =>
      rd.arr(v, 'scheduleErrors').map((e, i) => {
        const p = `scheduleErrors[${i}]`;
        const x = rd.arr(e, p, 5);
        return {
          task: rd.int(x[0], `${p}[0]`),
          agent1: rd.int(x[1], `${p}[1]`),
          agent2: rd.int(x[2], `${p}[2]`),
          timestep: rd.int(x[3], `${p}[3]`),
          message: rd.str(x[4], `${p}[4]`),
        };
      }),
    ),
    events: opt('events', (v) =>
      rd.arr(v, 'events').map((e, i) => {
        const p = `events[${i}]`;
        const x = rd.arr(e, p, 4);
        return { timestep: rd.int(x[0], `${p}[0]`), agent: rd.int(x[1], `${p}[1]`), task: rd.int(x[2], `${p}[2]`), errandsDone: rd.int(x[3], `${p}[3]`) };
      }),
    ),
    tasks: opt('tasks', (v) =>
      rd.arr(v, 'tasks').map((t, i) => {
        const p = `tasks[${i}]`;
        const x = rd.arr(t, p, 3);
        const rc = rd.arr(x[2], `${p}[2]`);
        if (rc.length === 0 || rc.length % 2 !== 0) rd.fail(`${p}[2]`, `expected [row, col, row, col, ...] pairs, got ${rc.length} numbers`);
        return { id: rd.int(x[0], `${p}[0]`), revealedAt: rd.int(x[1], `${p}[1]`), rowCols: Int32Array.from(rc, (n, j) => rd.int(n, `${p}[2][${j}]`)) };
      }),
    ),
  };
}

/** Reads and parses an output file; every failure is a ScenarioError naming the file. */
export function loadLorrOutput(file: string): LorrOutput {
  const text = readRegularFile(file, MAX_LORR_OUTPUT_BYTES, (why) => new ScenarioError(file, '', `output file ${why}`));
  return parseLorrOutput(parseJsonText(file, text), file);
}

/** Errand cells of an output task, given the map width. */
export function outputTaskErrands(task: LorrOutputTask, width: number): Int32Array {
  const out = new Int32Array(task.rowCols.length / 2);
  for (let i = 0; i < out.length; i++) out[i] = task.rowCols[2 * i] * width + task.rowCols[2 * i + 1];
  return out;
}

/**
 * A run record from a parsed output (full outputScreen-1 files), e.g. to re-emit someone else's
 * output. `solutionCosts` is not in the file: makespan is carried by giving one agent that cost.
 */
export function runRecordFromOutput(out: LorrOutput, width: number): LorrRunRecord {
  const need = <T>(v: T | undefined, key: string): T => {
    if (v === undefined) throw new ScenarioError('output', key, 'required to rebuild a run record, but missing');
    return v;
  };
  const start = need(out.start, 'start');
  const costs = new Int32Array(out.teamSize);
  if (out.teamSize > 0) costs[0] = out.makespan;
  return {
    teamSize: out.teamSize,
    width,
    starts: start.map((s) => s.row * width + s.col),
    startHeadings: start.map((s) => s.heading),
    actions: need(out.actualPaths, 'actualPaths'),
    plannedActions: out.plannerPaths,
    plannerTimesSeconds: out.plannerTimes ?? [],
    errors: out.errors,
    scheduleErrors: out.scheduleErrors,
    assignments: out.actualSchedule ?? [],
    plannerAssignments: out.plannerSchedule,
    events: out.events ?? [],
    tasks: (out.tasks ?? []).map((t) => ({ id: t.id, revealedAt: t.revealedAt, errands: outputTaskErrands(t, width) })),
    numTaskFinished: out.numTaskFinished,
    solutionCosts: costs,
    numEntryTimeouts: out.numEntryTimeouts,
  };
}
