/**
 * An independent validity check of a LoRR output against its problem: replays `actualPaths` from
 * `start` under MAPF_T and recounts finished tasks from `actualSchedule` and the tasks' errands,
 * following the start-kit rules summarised at the top of output.ts. It shares no code with any
 * engine: only the problem loader and the output reader.
 *
 * Step numbering: step s is the s-th action of every agent and leads to timestep s (the start-kit
 * stamps errors and events with the timestep after the move).
 */
import { cellRowCol, DC, DR } from '../layout/grid.js';
import { ACTION_C, ACTION_F, ACTION_R, ACTION_T, ACTION_UNKNOWN, ACTION_W, HEADING_LETTERS, outputTaskErrands, type LorrOutput } from './output.js';
import { lorrTaskErrands, type LorrProblem } from './problem.js';

export interface LorrReplayResult {
  /** No errors found. */
  valid: boolean;
  /** What is wrong, each naming the step/timestep and agent(s); capped (see `errorCount`). */
  errors: string[];
  /** Total errors found (errors.length may be capped). */
  errorCount: number;
  /** Things that could not be checked (e.g. keys missing from a reduced output). */
  warnings: string[];
  /** Tasks finished by the replayer's own count (from actualSchedule), or from events if no schedule. */
  tasksFinished: number;
  /** Steps replayed (the longest actualPaths entry). */
  steps: number;
}

export interface LorrReplayOptions {
  /** Most error messages kept (default 50). */
  maxErrors?: number;
}

/** Replays an output against its problem. Never throws on bad content; reports it. */
export function replayLorr(problem: LorrProblem, output: LorrOutput, options: LorrReplayOptions = {}): LorrReplayResult {
  const maxErrors = options.maxErrors ?? 50;
  const errors: string[] = [];
  const warnings: string[] = [];
  let errorCount = 0;
  const err = (msg: string) => {
    errorCount++;
    if (errors.length < maxErrors) errors.push(msg);
  };
  const grid = problem.grid;
  const W = grid.width;
  const H = grid.height;
  const at = (cell: number) => {
    const [r, c] = cellRowCol(grid, cell);
    return `(${r},${c})`;
  };
  const result = (tasksFinished: number, steps: number): LorrReplayResult => {
    if (errorCount > errors.length) errors.push(`... and ${errorCount - errors.length} more errors`);
    return { valid: errorCount === 0, errors, errorCount, warnings, tasksFinished, steps };
  };

  if (output.actionModel !== 'MAPF_T') err(`actionModel is "${output.actionModel}"; LoRR 2024 uses "MAPF_T"`);
  const n = problem.teamSize;
  if (output.teamSize !== n) {
    err(`teamSize is ${output.teamSize} but the problem has ${n} agents`);
    return result(0, 0);
  }
  const paths = output.actualPaths;
  if (!paths) {
    err('no actualPaths: nothing to replay (was it written with --outputScreen 3?)');
    return result(0, 0);
  }

  // --- starts ---
  const pos = new Int32Array(n);
  const head = new Uint8Array(n);
  for (let a = 0; a < n; a++) {
    const want = problem.starts[a];
    const s = output.start?.[a];
    if (!s) {
      pos[a] = want;
      continue;
    }
    const cell = s.row >= 0 && s.row < H && s.col >= 0 && s.col < W ? s.row * W + s.col : -1;
    if (cell !== want) err(`agent ${a} starts at (${s.row},${s.col}) but the problem's agents file puts it at ${at(want)}`);
    if (s.heading !== 0) err(`agent ${a} starts facing ${HEADING_LETTERS[s.heading]}; LoRR agents start facing E`);
    pos[a] = want;
    head[a] = s.heading;
  }
  if (!output.start) warnings.push('no start key: used the problem starts, facing East');

  // --- path lengths, unknown letters ---
  let steps = 0;
  for (const p of paths) steps = Math.max(steps, p.length);
  for (let a = 0; a < n; a++) {
    if (paths[a].length !== steps) err(`agent ${a} has ${paths[a].length} actions but others have ${steps}; missing ones count as waits`);
  }
  for (const u of output.unknownActions.actual) err(`step ${u.step}: agent ${u.agent} has unknown action "${u.token}" (expected F, R, C, W or T)`);

  // --- occupancy with step stamps: cur = time t-1, nxt = time t ---
  const cells = W * H;
  let curStamp = new Int32Array(cells).fill(-1);
  let curAgent = new Int32Array(cells);
  let nxtStamp = new Int32Array(cells).fill(-1);
  let nxtAgent = new Int32Array(cells);
  for (let a = 0; a < n; a++) {
    const c = pos[a];
    if (curStamp[c] === 0) err(`timestep 0: agents ${curAgent[c]} and ${a} start on the same cell ${at(c)}`);
    curStamp[c] = 0;
    curAgent[c] = a;
  }
  const next = new Int32Array(n);
  const nbr = grid.nbr;
  // all-T steps: the start-kit's timeout steps, which run no task update
  const timeoutStep = new Uint8Array(steps + 1);

  for (let s = 1; s <= steps; s++) {
    let allT = n > 0;
    for (let a = 0; a < n; a++) {
      const p = paths[a];
      const act = s - 1 < p.length ? p[s - 1] : ACTION_W;
      if (act !== ACTION_T) allT = false;
      const here = pos[a];
      next[a] = here;
      if (act === ACTION_F) {
        const h = head[a];
        const to = nbr[here * 4 + h];
        if (to < 0) {
          const [r, c] = cellRowCol(grid, here);
          const rr = r + DR[h];
          const cc = c + DC[h];
          const why = rr < 0 || rr >= H || cc < 0 || cc >= W ? 'off the map' : `into the obstacle at (${rr},${cc})`;
          err(`step ${s}: agent ${a} moves forward ${HEADING_LETTERS[h]} from (${r},${c}) ${why}`);
        } else next[a] = to;
      } else if (act === ACTION_R) head[a] = (head[a] + 1) & 3;
      else if (act === ACTION_C) head[a] = (head[a] + 3) & 3;
      // W, T, unknown: stay
      else if (act !== ACTION_W && act !== ACTION_T && act !== ACTION_UNKNOWN) err(`step ${s}: agent ${a} has action code ${act}`);
    }
    timeoutStep[s] = allT ? 1 : 0;
    // vertex conflicts
    for (let a = 0; a < n; a++) {
      const c = next[a];
      if (nxtStamp[c] === s) err(`step ${s}: vertex conflict: agents ${nxtAgent[c]} and ${a} are both at ${at(c)}`);
      else {
        nxtStamp[c] = s;
        nxtAgent[c] = a;
      }
    }
    // edge conflicts (swaps): a goes u->v while b, who was at v, goes v->u
    for (let a = 0; a < n; a++) {
      const u = pos[a];
      const v = next[a];
      if (u === v || curStamp[v] !== s - 1) continue;
      const b = curAgent[v];
      if (b > a && pos[b] === v && next[b] === u) {
        err(`step ${s}: edge conflict: agents ${a} and ${b} swap ${at(u)} <-> ${at(v)}`);
      }
    }
    pos.set(next);
    const ts = curStamp;
    curStamp = nxtStamp;
    nxtStamp = ts;
    const ta = curAgent;
    curAgent = nxtAgent;
    nxtAgent = ta;
  }

  // --- tasks ---
  const tasksFinished = recountTasks();
  return result(tasksFinished, steps);

  function recountTasks(): number {
    const m = problem.tasks.length;
    // errands per task id: from the output's tasks (checked against the problem), else the problem
    const errandsOf = new Map<number, Int32Array>();
    const revealedAt = new Map<number, number>();
    if (output.tasks) {
      for (const t of output.tasks) {
        const fromOut = outputTaskErrands(t, W);
        const fromFile = lorrTaskErrands(problem, t.id);
        if (t.id < 0) {
          err(`tasks: task id ${t.id} is negative`);
          continue;
        }
        if (!sameCells(fromOut, fromFile)) {
          err(`tasks: task ${t.id}'s errands ${cellsText(fromOut)} differ from tasks file line ${problem.taskLines[t.id % m]} ${cellsText(fromFile)}`);
        }
        errandsOf.set(t.id, fromFile);
        revealedAt.set(t.id, t.revealedAt);
      }
      // initial pool: ids 0..revealCount-1 at timestep 0
      for (let id = 0; id < problem.revealCount; id++) {
        const r = revealedAt.get(id);
        if (r === undefined) {
          err(`tasks: task ${id} is missing; the first ${problem.revealCount} (numTasksReveal x teamSize) are revealed at timestep 0`);
          break;
        }
        if (r !== 0) {
          err(`tasks: task ${id} revealed at timestep ${r}; the first ${problem.revealCount} are revealed at timestep 0`);
          break;
        }
      }
    } else warnings.push('no tasks key: errands taken from the tasks file; reveal times not checked');
    const errands = (id: number) => {
      let e = errandsOf.get(id);
      if (!e) {
        e = lorrTaskErrands(problem, id);
        errandsOf.set(id, e);
      }
      return e;
    };

    const schedule = output.actualSchedule;
    if (!schedule) {
      // fall back on the events: count tasks whose last errand is reported
      if (!output.events) {
        warnings.push('no actualSchedule and no events: finished tasks not recounted');
        return output.numTaskFinished;
      }
      warnings.push('no actualSchedule: finished tasks counted from events, not re-derived from the paths');
      let done = 0;
      for (const e of output.events) if (e.task >= 0 && e.errandsDone === errands(e.task).length) done++;
      if (done !== output.numTaskFinished) err(`numTaskFinished is ${output.numTaskFinished} but the events finish ${done} tasks`);
      return done;
    }

    // schedule changes by timestep
    const byTime = new Map<number, { agent: number; task: number }[]>();
    for (const e of schedule) {
      if (e.agent < 0 || e.agent >= n) continue;
      if (e.timestep < 1 || e.timestep > steps) {
        err(`actualSchedule[${e.agent}]: assignment "${e.timestep}:${e.task}" is outside timesteps 1..${steps}`);
        continue;
      }
      let list = byTime.get(e.timestep);
      if (!list) byTime.set(e.timestep, (list = []));
      list.push(e);
    }

    // second pass over the paths (already validated above): positions only
    const p2 = new Int32Array(n);
    const h2 = new Uint8Array(n);
    for (let a = 0; a < n; a++) {
      p2[a] = problem.starts[a];
      h2[a] = output.start?.[a]?.heading ?? 0;
    }
    const current = new Int32Array(n).fill(-1);
    const holder = new Map<number, number>(); // task -> agent
    const progress = new Map<number, number>(); // task -> errands done
    const finishedAt = new Map<number, number>();
    const finishTimes: number[] = [];
    const events: [number, number, number, number][] = [];
    let finished = 0;
    for (let s = 1; s <= steps; s++) {
      for (let a = 0; a < n; a++) {
        const p = paths![a];
        const act = s - 1 < p.length ? p[s - 1] : ACTION_W;
        if (act === ACTION_F) {
          const to = nbr[p2[a] * 4 + h2[a]];
          if (to >= 0) p2[a] = to;
        } else if (act === ACTION_R) h2[a] = (h2[a] + 1) & 3;
        else if (act === ACTION_C) h2[a] = (h2[a] + 3) & 3;
      }
      if (timeoutStep[s]) {
        if (byTime.has(s)) err(`timestep ${s}: assignments recorded at a timeout step (all agents T), where the start-kit runs no task update`);
        continue;
      }
      // (1) assignment changes
      const changes = byTime.get(s);
      if (changes) {
        for (const { agent, task } of changes) {
          const old = current[agent];
          if (old >= 0 && old !== task && !finishedAt.has(old) && (progress.get(old) ?? 0) > 0) {
            err(`timestep ${s}: agent ${agent} is moved off task ${old}, which it has opened (errands done: ${progress.get(old)})`);
          }
          if (old >= 0 && holder.get(old) === agent) holder.delete(old);
          current[agent] = task;
        }
        for (const { agent, task } of changes) {
          if (task < 0) continue;
          if (finishedAt.has(task)) err(`timestep ${s}: agent ${agent} is assigned task ${task}, finished at timestep ${finishedAt.get(task)}`);
          const r = revealedAt.get(task);
          if (output.tasks && (r === undefined || r >= s)) {
            err(`timestep ${s}: agent ${agent} is assigned task ${task}, which ${r === undefined ? 'was never revealed' : `is only revealed at timestep ${r}`}`);
          }
          const other = holder.get(task);
          if (other !== undefined && other !== agent && current[other] === task) {
            err(`timestep ${s}: task ${task} is assigned to agents ${other} and ${agent} at once`);
          }
          holder.set(task, agent);
        }
      }
      // (2) errand checks, agent order
      for (let a = 0; a < n; a++) {
        const t = current[a];
        if (t < 0 || finishedAt.has(t)) continue;
        const list = errands(t);
        const done = progress.get(t) ?? 0;
        if (p2[a] !== list[done]) continue;
        progress.set(t, done + 1);
        events.push([s, a, t, done + 1]);
        if (done + 1 === list.length) {
          finishedAt.set(t, s);
          finishTimes.push(s);
          finished++;
          current[a] = -1;
          holder.delete(t);
        }
      }
    }

    if (finished !== output.numTaskFinished) {
      err(`numTaskFinished is ${output.numTaskFinished} but replaying actualSchedule over actualPaths finishes ${finished} tasks`);
    }
    if (output.events) {
      const got = output.events;
      const len = Math.max(got.length, events.length);
      for (let i = 0; i < len; i++) {
        const g = got[i];
        const e = events[i];
        const gs = g ? `[${g.timestep},${g.agent},${g.task},${g.errandsDone}]` : 'nothing';
        const es = e ? `[${e.join(',')}]` : 'nothing';
        if (gs !== es) {
          err(`events[${i}]: the output has ${gs} but the replay gives ${es}`);
          break;
        }
      }
    } else warnings.push('no events key: errand events not compared');
    // refills: the (revealCount + j)-th task is revealed when the j-th task finishes
    if (output.tasks) {
      for (let j = 0; j < finishTimes.length; j++) {
        const id = problem.revealCount + j;
        const r = revealedAt.get(id);
        if (r === undefined) {
          err(`tasks: task ${id} is missing; it is revealed when the ${ordinal(j + 1)} task finishes (timestep ${finishTimes[j]})`);
          break;
        }
        if (r !== finishTimes[j]) {
          err(`tasks: task ${id} revealed at timestep ${r}; it should be revealed at ${finishTimes[j]}, when the ${ordinal(j + 1)} task finishes`);
          break;
        }
      }
      const extra = output.tasks.length - (problem.revealCount + finishTimes.length);
      if (extra > 0) err(`tasks: ${output.tasks.length} tasks listed but only ${problem.revealCount + finishTimes.length} are revealed (${problem.revealCount} + one per finished task)`);
    }
    return finished;
  }
}

function sameCells(a: ArrayLike<number>, b: ArrayLike<number>): boolean {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
  return true;
}

function cellsText(c: ArrayLike<number>): string {
  return `[${Array.from(c).join(',')}]`;
}

function ordinal(k: number): string {
  const s = k % 100 >= 11 && k % 100 <= 13 ? 'th' : (['th', 'st', 'nd', 'rd'][k % 10] ?? 'th');
  return `${k}${s}`;
}
