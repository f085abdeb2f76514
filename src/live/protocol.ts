import { z } from 'zod';
import { flattenIssues } from '../scenario/errors.js';
import type { LayoutInfo } from '../record/layout-info.js';
import type { RobotInfo } from '../record/inspect.js';

/** Fastest finite speed a client may ask for (simulated seconds per wall second); above it, ask for 'max'. */
export const MAX_SPEED = 100_000;

/**
 * Messages a viewer sends to whatever runs the simulation (the viewer's
 * worker or `wsim serve`), as JSON. Validated here, so a bad message gets a
 * reply saying what is wrong instead of reaching the run.
 */
export const Control = z.discriminatedUnion('type', [
  z.strictObject({ type: z.literal('play') }),
  z.strictObject({ type: z.literal('pause') }),
  /** Pauses, then runs `count` ticks. */
  z.strictObject({ type: z.literal('step'), count: z.number().int().min(1).max(1000).default(1) }),
  /** Simulated seconds per wall-clock second (1 = real time), or 'max': as fast as the machine goes. */
  z.strictObject({ type: z.literal('speed'), speed: z.union([z.number().positive().max(MAX_SPEED), z.literal('max')]) }),
  /** Starts the run again, with a new seed if given. */
  z.strictObject({ type: z.literal('restart'), seed: z.union([z.number().int().min(-(2 ** 31)).max(2 ** 32), z.string().min(1).max(64)]).optional() }),
  /** Asks for one robot's task, state, battery and planned path. */
  z.strictObject({ type: z.literal('inspect'), robot: z.number().int().min(0) }),
]);

export type Control = z.output<typeof Control>;
export type ControlInput = z.input<typeof Control>;

/** Where a run stands. Sent on every change and now and then. */
export interface StatusMessage {
  type: 'status';
  playing: boolean;
  speed: number | 'max';
  tick: number;
  ticks: number;
  done: boolean;
  seed: number | string;
  /** Viewers connected (ws stream only). */
  viewers?: number;
}

export interface HelloMessage {
  type: 'hello';
  layout: LayoutInfo;
}

/** A problem, for the person at the viewer. `problems` carries a scenario's errors with their paths. */
export interface ErrorMessage {
  type: 'error';
  message: string;
  problems?: { file: string; path: string; detail: string }[];
}

export type RobotMessage = { type: 'robot' } & RobotInfo;

/** JSON messages from a run to a viewer. Frames and heat maps travel as binary (see frame-codec and heat). */
export type RunMessage = HelloMessage | StatusMessage | ErrorMessage | RobotMessage;

/** Parses one control message from JSON text; never throws. */
export function parseControl(text: string): { ok: true; control: Control } | { ok: false; message: string } {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    return { ok: false, message: 'not valid JSON' };
  }
  return checkControl(json);
}

/** Validates a parsed control message. */
export function checkControl(json: unknown): { ok: true; control: Control } | { ok: false; message: string } {
  const r = Control.safeParse(json);
  if (r.success) return { ok: true, control: r.data };
  const problems = flattenIssues(r.error.issues, [], json).map((i) => (i.path ? `${i.path}: ${i.message}` : i.message));
  return { ok: false, message: `bad control message: ${problems.join('; ')}` };
}
