import { OP_F } from './operations.js';

/** Steps in a row without moving forward after which a robot counts as held up where it stands. */
export const HELD_STEPS = 3;

/**
 * Counts, into `heldAt` per cell, the robots held up this step: a robot with
 * somewhere to go (a goal, not where it stands) that has gone HELD_STEPS steps
 * or more without moving forward, waiting or turning in place. `held` carries
 * each robot's steps without a forward move from step to step. Turning counts
 * because in a block packed tight, robots facing every way turn rather than
 * wait; a turn or two at a corner is driving, not a jam.
 */
export function countHeldUp(
  acts: Uint8Array,
  cell: Int32Array,
  goal: Int32Array,
  held: Uint32Array,
  heldAt: Uint16Array,
): void {
  for (let i = 0; i < acts.length; i++) {
    if (acts[i] === OP_F || goal[i] < 0 || goal[i] === cell[i]) held[i] = 0;
    else if (++held[i] >= HELD_STEPS) heldAt[cell[i]]++;
  }
}
