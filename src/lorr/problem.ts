/**
 * League of Robot Runners (LoRR) 2024 problem files: the problem JSON and the map, agents and
 * tasks files it names (paths relative to the JSON's folder).
 *
 * Behaviour follows the start-kit (MAPF-Competition/Start-Kit, 2024 / v2.x):
 * - `src/driver.cpp`: `mapFile`, `agentFile`, `taskFile`, `teamSize` are required;
 *   `numTasksReveal` is read as a C++ `float`, default 1.
 * - `inc/common.h` `read_int_vec`: lines starting with `#` are skipped; the first data line is a
 *   count; the agents reader takes the first `teamSize` agents and exits ("no enough agents")
 *   when the count is below `teamSize`; every task line is a comma-separated list of errands.
 * - `src/Grid.cpp`: only `@` and `T` are obstacles; every other map character is free floor.
 * - `inc/TaskManager.h` `set_num_tasks_reveal`: pool size = `numTasksReveal * teamSize`, a float
 *   product truncated to `int` (see {@link lorrRevealCount}).
 * - `src/TaskManager.cpp` `reveal_tasks`: task id `i` uses line `i % taskCount` of the tasks file,
 *   so the file is cycled when it runs out.
 *
 * Every problem with the files is a {@link ScenarioError} (`file: path: message`), never a stack trace.
 */
import { CellKind, gridFromRows, LayoutError, parseMovingAiMap, type Grid } from '../layout/grid.js';
import { ScenarioError, ScenarioErrors } from '../scenario/errors.js';
import { clipQuoted, mapTextProblem, parseJsonText, resolveInside } from '../scenario/load.js';
import { excerpt, MAX_JSON_BYTES, MAX_LIST_BYTES, MAX_MAP_BYTES, notText, readRegularFile } from '../scenario/read-file.js';

export interface LorrProblem {
  /** The problem JSON, as given. */
  readonly file: string;
  /** Resolved paths of the files it names. */
  readonly mapFile: string;
  readonly agentFile: string;
  readonly taskFile: string;
  readonly grid: Grid;
  readonly teamSize: number;
  readonly numTasksReveal: number;
  /** Tasks kept revealed at once: trunc(float32(numTasksReveal) * teamSize), as the start-kit computes it. */
  readonly revealCount: number;
  /** Start cell (row * width + col) of each of the first `teamSize` agents; all start facing East. */
  readonly starts: Int32Array;
  /** Errand cells of each task line, in file order. Task id `i` is `tasks[i % tasks.length]`. */
  readonly tasks: Int32Array[];
  /** The 1-based line each task came from in the tasks file (for messages). */
  readonly taskLines: Int32Array;
  /** `version` from the problem JSON (e.g. "2024 LoRR"), if any. */
  readonly version: string | undefined;
}

/** Most problems reported from one file before giving up. */
const MAX_ERRORS = 20;
/**
 * Largest numTasksReveal accepted. The start-kit's problems use 1 to 1.5; the pool of
 * revealed tasks is numTasksReveal x teamSize, searched every step, so a huge factor
 * only makes the run crawl (1e6 with 2 agents never finished).
 */
export const MAX_TASKS_REVEAL = 100;
/** Most tasks revealed at once: 100 per agent for the 10,000 agents of the largest competition problem. */
export const MAX_REVEALED = 1_000_000;

/** The files a problem names, by key. */
export type LorrFileKey = 'mapFile' | 'agentFile' | 'taskFile';

/**
 * Where a problem's files come from: the file system (loadLorrProblem) or
 * files the user handed over together (the viewer).
 */
export interface LorrFileSource {
  /** The name the file goes by, from the path written in the problem; throws when it may not be read. */
  locate(key: LorrFileKey, written: string): string;
  /** The file's text; throws a ScenarioError naming the problem and key when it cannot be read. */
  read(key: LorrFileKey, located: string): string;
}

export interface LorrLoadOptions {
  /** Let the problem name files outside its own folder (as --allow-outside does for scenarios). */
  allowOutside?: boolean;
}

/**
 * Pool size as the start-kit computes it: `int num_tasks_reveal = (float)numTasksReveal * teamSize`
 * (float32 multiply, truncated). 1.5 x 5000 = 7500; note 1.15 x 100 = 115 in float32 (114 in doubles).
 */
export function lorrRevealCount(numTasksReveal: number, teamSize: number): number {
  return Math.trunc(Math.fround(Math.fround(numTasksReveal) * Math.fround(teamSize)));
}

/** Errand cells of task id `taskId` (the tasks file is cycled, as the start-kit does). */
export function lorrTaskErrands(problem: LorrProblem, taskId: number): Int32Array {
  return problem.tasks[taskId % problem.tasks.length];
}

/** Collects problems found in one file; throws them together. */
class Problems {
  readonly list: ScenarioError[] = [];
  constructor(readonly file: string) {}
  add(path: string, detail: string): void {
    if (this.list.length < MAX_ERRORS) this.list.push(new ScenarioError(this.file, path, detail));
    else if (this.list.length === MAX_ERRORS) {
      this.list.push(new ScenarioError(this.file, '', `more than ${MAX_ERRORS} problems; stopped reporting`));
    }
  }
  get full(): boolean {
    return this.list.length > MAX_ERRORS;
  }
  throwIfAny(): void {
    if (this.list.length === 1) throw this.list[0];
    if (this.list.length > 1) throw new ScenarioErrors(this.list);
  }
}

const WHAT: Record<LorrFileKey, string> = { mapFile: 'map file', agentFile: 'agents file', taskFile: 'tasks file' };

/** Checks a named file's text: text, not binary; a map's header lines short. */
function checkedText(ownerFile: string, key: LorrFileKey, file: string, text: string): string {
  const bad = key === 'mapFile' ? mapTextProblem(text) : notText(text);
  if (bad) throw new ScenarioError(ownerFile, key, `${WHAT[key]} ${file} ${bad}`);
  return text;
}

/** The file system as a problem's file source: paths resolved from the problem's folder, kept inside it unless allowed. */
function diskFiles(file: string, options: LorrLoadOptions): LorrFileSource {
  return {
    locate: (key, written) => resolveInside(file, key, written, options.allowOutside, "problem's"),
    read: (key, located) => {
      const fail = (why: string) => new ScenarioError(file, key, `${WHAT[key]} ${located} ${why}`);
      return readRegularFile(located, key === 'mapFile' ? MAX_MAP_BYTES : MAX_LIST_BYTES, fail);
    },
  };
}

/**
 * Iterates the data lines of a start-kit integer file: skips blank lines and `#` comment lines,
 * trims spaces and CR. Calls `fn(start, end, lineNo)` with the line's range in `text`; stops when it
 * returns false. Works on ranges so 100,000-line files parse without a string per line.
 */
function eachDataLine(text: string, fn: (start: number, end: number, lineNo: number) => boolean): void {
  let start = 0;
  let lineNo = 0;
  const n = text.length;
  while (start <= n) {
    let end = text.indexOf('\n', start);
    if (end < 0) end = n;
    lineNo++;
    let s = start;
    let e = end;
    while (s < e && text.charCodeAt(s) <= 32) s++;
    while (e > s && text.charCodeAt(e - 1) <= 32) e--;
    if (e > s && text.charCodeAt(s) !== 35 /* # */) {
      if (!fn(s, e, lineNo)) return;
    }
    if (end === n) return;
    start = end + 1;
  }
}

/** Parses a non-negative decimal integer in text[from, to) (spaces around allowed); -1 if not one. */
function parseUint(s: string, from: number, to: number): number {
  while (from < to && s.charCodeAt(from) <= 32) from++;
  while (to > from && s.charCodeAt(to - 1) <= 32) to--;
  if (from === to || to - from > 15) return -1;
  let v = 0;
  for (let i = from; i < to; i++) {
    const d = s.charCodeAt(i) - 48;
    if (d < 0 || d > 9) return -1;
    v = v * 10 + d;
  }
  return v;
}

/** End of the first comma-separated field of text[from, to). */
function fieldEnd(text: string, from: number, to: number): number {
  for (let i = from; i < to; i++) if (text.charCodeAt(i) === 44) return i;
  return to;
}

function show(s: string): string {
  return excerpt(s);
}

/** A JSON value for a message: as written when short, else a short excerpt (a key can hold megabytes). */
function jsonShown(v: unknown): string {
  const text = JSON.stringify(v) ?? String(v);
  return text.length <= 40 ? text : excerpt(text);
}

/** LoRR maps: `@` and `T` are walls, everything else is floor (src/Grid.cpp). Keeps `.`, `E`, `S` for viewers. */
function lorrRows(rows: string[]): string[] {
  return rows.map((row) => {
    if (/^[.@TES]*$/.test(row)) return row;
    let out = '';
    for (const ch of row) out += ch === '@' || ch === 'T' ? ch : ch === 'E' || ch === 'S' ? ch : '.';
    return out;
  });
}

function cellProblem(grid: Grid, cell: number): string | undefined {
  const n = grid.width * grid.height;
  if (cell < 0 || cell >= n) return `cell ${cell} is outside the ${grid.height}x${grid.width} map (0..${n - 1})`;
  if (grid.kind[cell] === CellKind.Wall) {
    const r = Math.floor(cell / grid.width);
    return `cell ${cell} (row ${r}, column ${cell - r * grid.width}) is an obstacle`;
  }
  return undefined;
}

function loadMap(mapFile: string, text: string): Grid {
  try {
    return gridFromRows(lorrRows(parseMovingAiMap(text)));
  } catch (e) {
    if (e instanceof LayoutError) {
      throw new ScenarioError(mapFile, e.row !== undefined ? `map row ${e.row}` : '', clipQuoted(e.message));
    }
    throw e;
  }
}

function loadAgents(file: string, text: string, teamSize: number, grid: Grid): Int32Array {
  const problems = new Problems(file);
  const starts = new Int32Array(teamSize);
  const owner = new Map<number, number>();
  let count = -1;
  let read = 0;
  eachDataLine(text, (from, to, lineNo) => {
    if (count < 0) {
      count = parseUint(text, from, fieldEnd(text, from, to));
      if (count < 0) {
        problems.add(`line ${lineNo}`, `expected the number of agents, got ${show(text.slice(from, to))}`);
        return false;
      }
      if (count < teamSize) {
        problems.add(`line ${lineNo}`, `the file has ${count} agents but the problem's teamSize is ${teamSize}`);
        return false;
      }
      return teamSize > 0;
    }
    const cell = parseUint(text, from, fieldEnd(text, from, to));
    if (cell < 0) problems.add(`line ${lineNo}`, `agent ${read}: expected a cell number (row * width + col), got ${show(text.slice(from, to))}`);
    else {
      const bad = cellProblem(grid, cell);
      if (bad) problems.add(`line ${lineNo}`, `agent ${read}: start ${bad}`);
      else {
        const other = owner.get(cell);
        if (other !== undefined) problems.add(`line ${lineNo}`, `agent ${read}: start cell ${cell} is also agent ${other}'s start`);
        else owner.set(cell, read);
      }
    }
    starts[read++] = cell;
    return read < teamSize && !problems.full;
  });
  if (count < 0 && problems.list.length === 0) problems.add('', 'no agent count: the file is empty or only comments');
  else if (problems.list.length === 0 && read < teamSize) {
    problems.add('', `the problem's teamSize is ${teamSize} but only ${read} agent lines follow the count`);
  }
  problems.throwIfAny();
  return starts;
}

function loadTasks(file: string, text: string, grid: Grid): { tasks: Int32Array[]; lines: Int32Array } {
  const problems = new Problems(file);
  let count = -1;
  let pool = new Int32Array(1 << 16);
  let used = 0;
  let offsets: Int32Array = new Int32Array(0);
  let lines: Int32Array = new Int32Array(0);
  let read = 0;
  const n = grid.width * grid.height;
  const kind = grid.kind;
  eachDataLine(text, (lineFrom, lineTo, lineNo) => {
    if (count < 0) {
      count = parseUint(text, lineFrom, lineTo);
      if (count < 0) {
        problems.add(`line ${lineNo}`, `expected the number of tasks, got ${show(text.slice(lineFrom, lineTo))}`);
        return false;
      }
      if (count === 0) {
        problems.add(`line ${lineNo}`, 'the file has 0 tasks; at least one is needed');
        return false;
      }
      // Sized by the lines the rest of the file can hold (two characters each at least), not by a count that may be a lie.
      const room = Math.min(count, Math.ceil((text.length - lineTo) / 2));
      offsets = new Int32Array(room + 1);
      lines = new Int32Array(room);
      return true;
    }
    offsets[read] = used;
    lines[read] = lineNo;
    let from = lineFrom;
    let errand = 0;
    for (;;) {
      const to = fieldEnd(text, from, lineTo);
      const cell = parseUint(text, from, to);
      if (cell < 0) {
        // a trailing comma is tolerated
        if (to === lineTo && from === lineTo && errand > 0) break;
        problems.add(`line ${lineNo}`, `task ${read}, errand ${errand}: expected a cell number, got ${show(text.slice(from, to).trim())}`);
      } else if (cell >= n || kind[cell] === CellKind.Wall) {
        problems.add(`line ${lineNo}`, `task ${read}, errand ${errand}: ${cellProblem(grid, cell)}`);
      }
      if (used === pool.length) {
        const bigger = new Int32Array(pool.length * 2);
        bigger.set(pool);
        pool = bigger;
      }
      pool[used++] = cell;
      errand++;
      if (to === lineTo) break;
      from = to + 1;
    }
    read++;
    return read < count && !problems.full;
  });
  if (count < 0 && problems.list.length === 0) problems.add('', 'no task count: the file is empty or only comments');
  else if (problems.list.length === 0 && read < count) {
    problems.add('', `the file says ${count} tasks but only ${read} task lines follow`);
  }
  problems.throwIfAny();
  offsets[read] = used;
  const tasks: Int32Array[] = new Array(read);
  const buf = pool.slice(0, used).buffer;
  // views on one buffer; the (buffer, offset, length) constructor is ~10x cheaper than subarray()
  for (let i = 0; i < read; i++) tasks[i] = new Int32Array(buf, offsets[i] * 4, offsets[i + 1] - offsets[i]);
  return { tasks, lines };
}

function requireString(problems: Problems, doc: Record<string, unknown>, key: string): string {
  const v = doc[key];
  if (v === undefined) problems.add(key, 'required, but missing');
  else if (typeof v !== 'string' || v === '') problems.add(key, `expected a file path (string), got ${jsonShown(v)}`);
  else return v;
  return '';
}

/**
 * Loads a LoRR problem JSON and the map, agents and tasks files it names.
 * Throws ScenarioError / ScenarioErrors naming the file and the key or line at fault.
 */
export function loadLorrProblem(file: string, options: LorrLoadOptions = {}): LorrProblem {
  const text = readRegularFile(file, MAX_JSON_BYTES, (why) => new ScenarioError(file, '', `problem file ${why}`));
  return parseLorrProblem(file, text, diskFiles(file, options));
}

/**
 * Parses a LoRR problem JSON's text and loads the map, agents and tasks files
 * it names from `files`. Throws ScenarioError / ScenarioErrors naming the
 * file and the key or line at fault.
 */
export function parseLorrProblem(file: string, text: string, files: LorrFileSource): LorrProblem {
  const doc = parseJsonText(file, text);
  if (doc === null || typeof doc !== 'object' || Array.isArray(doc)) {
    throw new ScenarioError(file, '', 'expected a JSON object with mapFile, agentFile, taskFile and teamSize');
  }
  const d = doc as Record<string, unknown>;
  const problems = new Problems(file);
  const mapRel = requireString(problems, d, 'mapFile');
  const agentRel = requireString(problems, d, 'agentFile');
  const taskRel = requireString(problems, d, 'taskFile');
  const teamSize = d.teamSize;
  if (teamSize === undefined) problems.add('teamSize', 'required, but missing');
  else if (typeof teamSize !== 'number' || !Number.isInteger(teamSize) || teamSize < 1) {
    problems.add('teamSize', `expected a positive whole number, got ${jsonShown(teamSize)}`);
  }
  const reveal = d.numTasksReveal ?? 1;
  if (typeof reveal !== 'number' || !Number.isFinite(reveal) || reveal <= 0 || reveal > MAX_TASKS_REVEAL) {
    problems.add('numTasksReveal', `expected a positive number up to ${MAX_TASKS_REVEAL}, got ${jsonShown(reveal)}`);
  }
  const version = d.version;
  if (version !== undefined && typeof version !== 'string') problems.add('version', `expected a string, got ${jsonShown(version)}`);
  problems.throwIfAny();
  const team = teamSize as number;
  const numTasksReveal = reveal as number;
  const revealCount = lorrRevealCount(numTasksReveal, team);
  if (revealCount < 1) {
    throw new ScenarioError(file, 'numTasksReveal', `numTasksReveal ${numTasksReveal} x teamSize ${team} reveals no tasks; it must come to at least 1`);
  }
  const mapFile = files.locate('mapFile', mapRel);
  const agentFile = files.locate('agentFile', agentRel);
  const taskFile = files.locate('taskFile', taskRel);
  const named = (key: LorrFileKey, located: string) => checkedText(file, key, located, files.read(key, located));
  const grid = loadMap(mapFile, named('mapFile', mapFile));
  // Checked against the map before an array is sized by it: every agent needs a cell of its own.
  if (team > grid.free.length) {
    throw new ScenarioError(file, 'teamSize', `${team} agents do not fit on the map's ${grid.free.length} free cells`);
  }
  if (revealCount > MAX_REVEALED) {
    throw new ScenarioError(file, 'numTasksReveal', `numTasksReveal ${numTasksReveal} x teamSize ${team} reveals ${revealCount} tasks at once; at most ${MAX_REVEALED} are supported`);
  }
  const starts = loadAgents(agentFile, named('agentFile', agentFile), team, grid);
  const { tasks, lines } = loadTasks(taskFile, named('taskFile', taskFile), grid);
  return {
    file,
    mapFile,
    agentFile,
    taskFile,
    grid,
    teamSize: team,
    numTasksReveal,
    revealCount,
    starts,
    tasks,
    taskLines: lines,
    version: version as string | undefined,
  };
}
