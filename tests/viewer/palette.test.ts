import { describe, expect, it } from 'vitest';
import { ROBOT_STATE_NAMES } from '../../src/core/robots.js';
import { STATE_COLORS, STATE_LABELS } from '../../src/viewer/render/palette.js';

describe('viewer palette', () => {
  it('has a colour and a legend label for every robot state, each colour distinct', () => {
    expect(STATE_COLORS.length).toBe(ROBOT_STATE_NAMES.length);
    expect(STATE_LABELS.length).toBe(ROBOT_STATE_NAMES.length);
    expect(new Set(STATE_COLORS).size).toBe(STATE_COLORS.length);
    // Labels read like the engine's state names (hyphens as spaces), e.g. 'broken' for a broken-down robot.
    STATE_LABELS.forEach((label, k) => expect(label.startsWith(ROBOT_STATE_NAMES[k].replace('-', ' '))).toBe(true));
  });
});
