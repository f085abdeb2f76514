/**
 * What a recording of a League of Robot Runners run carries besides the
 * usual frames: per agent, when it held which task (exact), and how many
 * steps of each stretch of the run it waited or turned (a bucket of
 * `bucketTicks` steps each), for the viewer's per-agent timeline; and in
 * every frame each agent's task and the cell it moves into next, for the
 * wait-for chains.
 */

/** Per-robot frame sections of LoRR recordings (i32 each). */
export const enum LorrSection {
  /** The task the agent holds, or -1. */
  Task = 70,
  /** The cell the agent's next forward move takes it into (its own cell when it never moves again). */
  NextCell = 71,
}

/** Most timeline buckets per agent. */
export const MAX_BUCKETS = 200;

export interface LorrInfo {
  /** The problem file's name. */
  problem: string;
  /** Per agent, its assignments as flat pairs [timestep, task, timestep, task, ...] (task -1: none). */
  tasks: number[][];
  /** Steps per bucket (at most 255, so a count fits a byte). */
  bucketTicks: number;
  /** Buckets per agent. */
  buckets: number;
  /** Base64 of a byte per agent per bucket (agent-major): steps it waited holding a task. */
  waits: string;
  /** The same for steps it turned. */
  turns: string;
}

/** An agent's timeline, as the viewer's panel draws it. */
export interface AgentTimeline {
  /** Assignment changes: from `tick` on, the agent held `task` (-1: none). */
  tasks: { tick: number; task: number }[];
  bucketTicks: number;
  /** Steps waited and turned per bucket. */
  waits: Uint8Array;
  turns: Uint8Array;
}

function fromBase64(s: string): Uint8Array {
  const bin = atob(s);
  const out = new Uint8Array(bin.length);
  for (let i = 0; i < bin.length; i++) out[i] = bin.charCodeAt(i);
  return out;
}

/** Bytes as base64 (Node and browsers alike). */
export function toBase64(bytes: Uint8Array): string {
  let s = '';
  for (let i = 0; i < bytes.length; i += 0x8000) s += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
  return btoa(s);
}

/**
 * Checks a recording's LoRR part against its robot count and run length and
 * makes it readable per agent; a problem is an Error with one line.
 */
export class LorrTimelines {
  private readonly waits: Uint8Array;
  private readonly turns: Uint8Array;

  constructor(
    readonly info: LorrInfo,
    readonly robots: number,
  ) {
    const { buckets, bucketTicks, tasks } = info;
    if (!Number.isInteger(buckets) || buckets < 0 || buckets > MAX_BUCKETS) throw new Error(`lorr.buckets is ${buckets}; expected 0 to ${MAX_BUCKETS}`);
    if (!Number.isInteger(bucketTicks) || bucketTicks < 1 || bucketTicks > 255) throw new Error(`lorr.bucketTicks is ${bucketTicks}; expected 1 to 255`);
    if (!Array.isArray(tasks) || tasks.length !== robots) throw new Error(`lorr.tasks has ${Array.isArray(tasks) ? tasks.length : 'no'} entries for ${robots} agents`);
    for (let a = 0; a < robots; a++) {
      const t = tasks[a];
      if (!Array.isArray(t) || t.length % 2 !== 0 || !t.every((v) => Number.isInteger(v) && v >= -1)) throw new Error(`lorr.tasks[${a}]: expected [timestep, task, ...] pairs of whole numbers`);
    }
    try {
      this.waits = fromBase64(String(info.waits));
      this.turns = fromBase64(String(info.turns));
    } catch {
      throw new Error('lorr.waits or lorr.turns is not base64');
    }
    const want = robots * buckets;
    if (this.waits.length !== want || this.turns.length !== want) throw new Error(`lorr.waits and lorr.turns hold ${this.waits.length} and ${this.turns.length} bytes; expected ${want}`);
  }

  /** One agent's timeline. */
  of(agent: number): AgentTimeline {
    const flat = this.info.tasks[agent] ?? [];
    const tasks: AgentTimeline['tasks'] = [];
    for (let k = 0; k < flat.length; k += 2) tasks.push({ tick: flat[k], task: flat[k + 1] });
    const b = this.info.buckets;
    return { tasks, bucketTicks: this.info.bucketTicks, waits: this.waits.subarray(agent * b, agent * b + b), turns: this.turns.subarray(agent * b, agent * b + b) };
  }
}
