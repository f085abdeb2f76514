import { describe, expect, it } from 'vitest';
import { actionShares, formatShares, splitShares } from '../../src/lorr/action-shares.js';
import { ACTION_C, ACTION_F, ACTION_R, ACTION_W } from '../../src/lorr/output.js';

describe('action shares', () => {
  // Two robots over four steps: both drive in the first half; in the second, one turns right then left, the other waits.
  const actions = [
    Uint8Array.of(ACTION_F, ACTION_F),
    Uint8Array.of(ACTION_F, ACTION_F),
    Uint8Array.of(ACTION_R, ACTION_W),
    Uint8Array.of(ACTION_C, ACTION_W),
  ];

  it('counts each stretch of the run on its own', () => {
    expect(actionShares(actions, 2)).toEqual([
      { moving: 1, turning: 0, waiting: 0 },
      { moving: 0, turning: 0.5, waiting: 0.5 },
    ]);
  });

  it('covers every step once when the parts do not divide the run', () => {
    const shares = actionShares(actions, 3);
    expect(shares).toHaveLength(3);
    // Steps 0 | 1 | 2-3.
    expect(shares[0].moving).toBe(1);
    expect(shares[2]).toEqual({ moving: 0, turning: 0.5, waiting: 0.5 });
  });

  it('reads zero for a stretch with no steps, and prints whole percentages', () => {
    const shares = actionShares(actions.slice(0, 1), 2);
    expect(shares[0]).toEqual({ moving: 0, turning: 0, waiting: 0 });
    expect(formatShares(actionShares(actions, 2), 'turning')).toBe('  0  50');
  });

  it('splits counts by action into whole percentages, turns right and left together', () => {
    const counts = new Float64Array(4);
    counts[ACTION_F] = 3;
    counts[ACTION_R] = 4;
    counts[ACTION_C] = 2;
    counts[ACTION_W] = 1;
    expect(splitShares(counts)).toEqual({ moving: 30, turning: 60, waiting: 10 });
    expect(splitShares(new Float64Array(4))).toEqual({ moving: 0, turning: 0, waiting: 0 });
  });
});
