import { describe, expect, it } from 'vitest';
import { countHeldUp, HELD_STEPS } from '../../src/fleet/held-up.js';
import { ACTION_C, ACTION_F, ACTION_R, ACTION_W } from '../../src/lorr/output.js';

describe('robots held up', () => {
  // Robot 0 turns right, left, right in cell 5 (boxed in, facing every way in turn); robot 1 turns at a corner and
  // drives on; robot 2 waits with no goal; robot 3 waits at its goal; robot 4 waits in cell 7 with somewhere to go.
  const cell = Int32Array.of(5, 6, 8, 9, 7);
  const goal = Int32Array.of(20, 21, -1, 9, 22);
  const steps = [
    Uint8Array.of(ACTION_R, ACTION_R, ACTION_W, ACTION_W, ACTION_W),
    Uint8Array.of(ACTION_C, ACTION_F, ACTION_W, ACTION_W, ACTION_W),
    Uint8Array.of(ACTION_R, ACTION_R, ACTION_W, ACTION_W, ACTION_W),
    Uint8Array.of(ACTION_C, ACTION_F, ACTION_W, ACTION_W, ACTION_W),
  ];

  it('counts turning in place like waiting, from the third step without a forward move, and nothing else', () => {
    expect(HELD_STEPS).toBe(3);
    const held = new Uint32Array(5);
    const heldAt = new Uint16Array(25);
    const perStep: number[][] = [];
    for (const acts of steps) {
      countHeldUp(acts, cell, goal, held, heldAt);
      perStep.push([heldAt[5], heldAt[6], heldAt[7], heldAt[8], heldAt[9]]);
    }
    // Cells 5 (robot 0, turning) and 7 (robot 4, waiting) count from the third step on; the corner turns, the
    // robot with no goal and the robot at its goal never count.
    expect(perStep).toEqual([
      [0, 0, 0, 0, 0],
      [0, 0, 0, 0, 0],
      [1, 0, 1, 0, 0],
      [2, 0, 2, 0, 0],
    ]);
    // A forward move starts the count again.
    countHeldUp(Uint8Array.of(ACTION_F, ACTION_F, ACTION_W, ACTION_W, ACTION_F), cell, goal, held, heldAt);
    expect(Array.from(held)).toEqual([0, 0, 0, 0, 0]);
  });
});
