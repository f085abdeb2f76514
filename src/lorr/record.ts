/**
 * A League of Robot Runners run as a wsim recording (the format the viewer
 * scrubs, see src/record/recording.ts): the map, then a frame per step with
 * every agent's cell, heading, task and the cell it moves into next, and
 * the tasks finished as order-done events, so the viewer's charts, heat map
 * and wait-for chains work on LoRR runs as on warehouse runs. Built from a
 * run of `wsim lorr` or from a start-kit output file and its problem.
 */
import { RobotState } from '../core/robots.js';
import { CellKind, type Grid } from '../layout/grid.js';
import { encodeFrame, type FrameEvents } from '../record/frame-codec.js';
import type { LayoutInfo } from '../record/layout-info.js';
import { LorrSection, MAX_BUCKETS, toBase64, type LorrInfo } from '../record/lorr-info.js';
import { RecordingWriter, type ByteSink } from '../record/recording-writer.js';
import { ACTION_C, ACTION_F, ACTION_R, type LorrAssignment, type LorrErrandEvent } from './output.js';

/** EventKind.OrderDone: a task finished counts as an order done (a = task, b = ticks since it was revealed). */
const ORDER_DONE = 1;

/**
 * Frames per chunk: a seek inflates one chunk and plays on from its
 * keyframe, so at thousands of agents shorter chunks keep a seek well under
 * a second, for a little more file (a keyframe's full frame per chunk).
 */
export const LORR_CHUNK_FRAMES = 16;

/** What a recording is made from: the map, the starts, every agent's actions, and the task records. */
export interface LorrRunTrace {
  /** Shown as the run's name (the problem file). */
  name: string;
  grid: Grid;
  starts: ArrayLike<number>;
  /** 0=E..3=N; all east when absent. */
  startHeadings?: ArrayLike<number>;
  steps: number;
  /** The action of `agent` in step `step` (0-based): F, R, C, W or anything else (a wait). */
  action(step: number, agent: number): number;
  /** Accepted assignments, in the start-kit's timesteps (the step's number + 1). */
  assignments: readonly LorrAssignment[];
  /** Errands reached. */
  events: readonly LorrErrandEvent[];
  /** Revealed tasks: when, and how many errands each has. */
  tasks: readonly { id: number; revealedAt: number; errands: number }[];
}

/**
 * Which task each agent holds, step by step: assignments take effect at
 * their timestep, then errands reached that timestep (a task whose last
 * errand is reached frees its agent), as the start-kit's update_tasks does.
 */
class TaskTracker {
  readonly task: Int32Array;
  readonly errandsDone: Int32Array;
  private a = 0;
  private e = 0;
  private r = 0;
  private readonly assignments: LorrAssignment[];
  private readonly events: LorrErrandEvent[];
  private readonly revealed: { id: number; revealedAt: number; errands: number }[];
  private readonly errandCount = new Map<number, number>();
  private readonly revealedAt = new Map<number, number>();
  revealedCount = 0;
  finished = 0;

  constructor(
    n: number,
    trace: LorrRunTrace,
    /** Called for each change of an agent's task, and each task finished. */
    private readonly onChange: (timestep: number, agent: number, task: number) => void = () => {},
    private readonly onFinish: (timestep: number, agent: number, task: number, revealedAt: number) => void = () => {},
  ) {
    this.task = new Int32Array(n).fill(-1);
    this.errandsDone = new Int32Array(n);
    this.assignments = [...trace.assignments].sort((x, y) => x.timestep - y.timestep);
    this.events = [...trace.events].sort((x, y) => x.timestep - y.timestep);
    this.revealed = [...trace.tasks].sort((x, y) => x.revealedAt - y.revealedAt);
    for (const t of trace.tasks) {
      this.errandCount.set(t.id, t.errands);
      this.revealedAt.set(t.id, t.revealedAt);
    }
  }

  /** Applies everything stamped `timestep`. */
  advance(timestep: number): void {
    const n = this.task.length;
    while (this.a < this.assignments.length && this.assignments[this.a].timestep <= timestep) {
      const { agent, task } = this.assignments[this.a++];
      if (agent < 0 || agent >= n || this.task[agent] === task) continue;
      this.task[agent] = task;
      this.errandsDone[agent] = 0;
      this.onChange(timestep, agent, task);
    }
    while (this.e < this.events.length && this.events[this.e].timestep <= timestep) {
      const ev = this.events[this.e++];
      if (ev.agent < 0 || ev.agent >= n) continue;
      this.errandsDone[ev.agent] = ev.errandsDone;
      const count = this.errandCount.get(ev.task);
      if (count !== undefined && ev.errandsDone >= count) {
        this.finished++;
        this.onFinish(timestep, ev.agent, ev.task, this.revealedAt.get(ev.task) ?? 0);
        if (this.task[ev.agent] === ev.task) {
          this.task[ev.agent] = -1;
          this.onChange(timestep, ev.agent, -1);
        }
      }
    }
    while (this.r < this.revealed.length && this.revealed[this.r].revealedAt <= timestep) {
      this.r++;
      this.revealedCount++;
    }
  }
}

/** The floor as the viewer draws it: `.` where agents may go, `@` elsewhere. */
function floorRows(grid: Grid): string[] {
  const rows: string[] = [];
  for (let r = 0; r < grid.height; r++) {
    let s = '';
    for (let c = 0; c < grid.width; c++) s += grid.kind[r * grid.width + c] === CellKind.Wall ? '@' : '.';
    rows.push(s);
  }
  return rows;
}

/**
 * Plays the actions forward: cell and heading per agent after each step.
 * A forward move off the map or into a wall leaves the agent where it is
 * (a valid output has none; a damaged one must not put agents off the map).
 */
class Mover {
  readonly cell: Int32Array;
  readonly heading: Uint8Array;
  constructor(
    private readonly trace: LorrRunTrace,
    n: number,
  ) {
    this.cell = Int32Array.from(trace.starts);
    this.heading = new Uint8Array(n);
    if (trace.startHeadings) for (let a = 0; a < n; a++) this.heading[a] = trace.startHeadings[a] & 3;
  }

  /** Executes step `s`; returns per agent what it did (0 moved, 1 turned, 2 waited) into `did`. */
  step(s: number, did: Uint8Array): void {
    const nbr = this.trace.grid.nbr;
    for (let a = 0; a < this.cell.length; a++) {
      const act = this.trace.action(s, a);
      if (act === ACTION_F) {
        const to = nbr[this.cell[a] * 4 + this.heading[a]];
        if (to >= 0) {
          this.cell[a] = to;
          did[a] = 0;
        } else did[a] = 2;
      } else if (act === ACTION_R) {
        this.heading[a] = (this.heading[a] + 1) & 3;
        did[a] = 1;
      } else if (act === ACTION_C) {
        this.heading[a] = (this.heading[a] + 3) & 3;
        did[a] = 1;
      } else did[a] = 2;
    }
  }
}

/** Per agent: the step of its next forward move at or after a step, and the cell it leads into (found by scanning ahead, each step once). */
class NextMove {
  readonly cell: Int32Array;
  private readonly step: Int32Array;
  constructor(
    private readonly trace: LorrRunTrace,
    n: number,
  ) {
    this.cell = new Int32Array(n);
    this.step = new Int32Array(n).fill(-1);
  }

  /** Brings every agent's next move up to date for the state before step `s` (agent at `cell`, facing `heading`). */
  update(s: number, cell: Int32Array, heading: Uint8Array): void {
    const { grid, steps } = this.trace;
    for (let a = 0; a < cell.length; a++) {
      if (this.step[a] >= s) continue;
      let h = heading[a];
      let found = -1;
      let k = s;
      for (; k < steps; k++) {
        const act = this.trace.action(k, a);
        if (act === ACTION_F) {
          found = grid.nbr[cell[a] * 4 + h];
          if (found >= 0) break;
        } else if (act === ACTION_R) h = (h + 1) & 3;
        else if (act === ACTION_C) h = (h + 3) & 3;
      }
      this.step[a] = k < steps ? k : 0x7fffffff;
      this.cell[a] = found >= 0 ? found : cell[a];
    }
  }
}

/** The per-agent timelines (tasks held, waits and turns per bucket) for the recording's header. */
export function lorrTimelines(trace: LorrRunTrace): LorrInfo {
  const n = trace.starts.length;
  const bucketTicks = Math.max(1, Math.ceil(trace.steps / MAX_BUCKETS));
  const buckets = Math.ceil(trace.steps / bucketTicks);
  const tasks: number[][] = Array.from({ length: n }, () => []);
  const waits = new Uint8Array(n * buckets);
  const turns = new Uint8Array(n * buckets);
  const tracker = new TaskTracker(n, trace, (t, agent, task) => tasks[agent].push(t, task));
  const mover = new Mover(trace, n);
  const did = new Uint8Array(n);
  tracker.advance(0);
  for (let s = 0; s < trace.steps; s++) {
    mover.step(s, did);
    const b = Math.floor(s / bucketTicks);
    for (let a = 0; a < n; a++) {
      if (did[a] === 1) turns[a * buckets + b]++;
      else if (did[a] === 2 && tracker.task[a] >= 0) waits[a * buckets + b]++;
    }
    tracker.advance(s + 1);
  }
  return { problem: trace.name, tasks, bucketTicks, buckets, waits: toBase64(waits), turns: toBase64(turns) };
}

/** The recording's static part: the map, one agent per LoRR agent, one second per step. */
export function lorrLayout(trace: LorrRunTrace): LayoutInfo {
  const g = trace.grid;
  return {
    scenario: trace.name,
    seed: 0,
    rows: floorRows(g),
    width: g.width,
    height: g.height,
    tickSeconds: 1,
    ticks: trace.steps,
    robots: trace.starts.length,
    batteryCapacityWh: 1,
    stations: [],
    chargers: [],
    podHomes: [],
    startTick: 0,
    equipment: { zones: [], conveyors: [], sorters: [], agvs: [], docks: [] },
    lorr: lorrTimelines(trace),
  };
}

/**
 * Writes the recording of a LoRR run to `to` (a file, written whole or not
 * at all, or a sink in memory): frame t is the state after t steps. `pack`
 * gzips a chunk (zlib by default).
 */
export function writeLorrRecording(trace: LorrRunTrace, to: string | ByteSink, chunkFrames = LORR_CHUNK_FRAMES, pack?: (payload: Uint8Array) => Uint8Array): void {
  const n = trace.starts.length;
  const writer = new RecordingWriter(to, { layout: lorrLayout(trace), chunkFrames }, pack);
  try {
    const done: { task: number; age: number }[] = [];
    const tracker = new TaskTracker(n, trace, undefined, (t, _agent, task, revealedAt) => done.push({ task, age: t - revealedAt }));
    const mover = new Mover(trace, n);
    const next = new NextMove(trace, n);
    const did = new Uint8Array(n);
    const pod = new Int32Array(n).fill(-1);
    const battery = new Uint16Array(n).fill(65535);
    const state = new Uint8Array(n);
    const none = new Uint16Array(0);
    const frameAt = (t: number): Uint8Array => {
      for (let a = 0; a < n; a++) state[a] = tracker.task[a] < 0 ? RobotState.Idle : tracker.errandsDone[a] === 0 ? RobotState.ToPod : RobotState.ToStation;
      next.update(t, mover.cell, mover.heading);
      const events: FrameEvents = {
        count: done.length,
        tick: new Int32Array(done.length).fill(Math.max(0, t - 1)),
        kind: new Uint8Array(done.length).fill(ORDER_DONE),
        a: Int32Array.from(done, (d) => d.task),
        b: Int32Array.from(done, (d) => d.age),
        dropped: new Uint32Array(0),
      };
      done.length = 0;
      return encodeFrame({
        tick: t,
        ticksCovered: t === 0 ? 0 : 1,
        time: t,
        robotCount: n,
        ordersOpen: Math.max(0, tracker.revealedCount - tracker.finished),
        ordersCompleted: tracker.finished,
        cell: mover.cell,
        pod,
        battery,
        heading: mover.heading,
        state,
        stationQueue: none,
        stationLoad: none,
        events,
        extra: [
          [LorrSection.Task, tracker.task],
          [LorrSection.NextCell, next.cell],
        ],
      });
    };
    tracker.advance(0);
    writer.add(0, frameAt(0));
    for (let s = 0; s < trace.steps; s++) {
      mover.step(s, did);
      tracker.advance(s + 1);
      writer.add(s + 1, frameAt(s + 1));
    }
    writer.finish();
  } catch (e) {
    writer.abort();
    throw e;
  }
}
