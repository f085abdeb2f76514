import { describe, expect, it } from 'vitest';
import type { FrameStalls } from '../../src/record/stall-sections.js';
import { chainEdges, currentStalls } from '../../src/viewer/view/stalls.js';

/** Robots 0..5 on a row of a 10-wide floor: 2 and 3 head-on, 0 -> 1 -> 2 queued into it, 4 -> 3 from the other side, 5 free. */
function frame(): FrameStalls {
  return {
    waitKind: Uint8Array.from([1, 1, 1, 1, 1, 0]),
    waitFor: Int32Array.from([1, 2, 3, 2, 3, -1]),
    waitCell: Int32Array.from([1, 2, 3, 2, 3, -1]),
    cell: Int32Array.from([0, 1, 2, 3, 4, 9]),
    state: new Uint8Array(6),
    cellKind: new Uint8Array(10),
    episodeStart: Int32Array.from([5, 5, 5, 5, 5, -1]),
    stalled: 5,
  };
}

describe('stalls in the viewer', () => {
  it('lists one stall per episode and blocker: a cycle with two queues into it is one, with its longest chain', () => {
    expect(currentStalls(frame(), 8)).toEqual([{ robot: 0, chain: [0, 1, 2, 3, 2], cells: [0, 1, 2, 3, 2], cause: 'cycle', startTick: 5 }]);
  });

  it('draws one arrow per robot onwards from the selected one (the cycle once) and back through the robots behind it', () => {
    const { edges, cycle } = chainEdges(frame(), 1, 10);
    expect(cycle).toBe(true);
    // Robot 4 waits for the cycle, not for robot 1: not part of robot 1's picture.
    expect(edges.map((e) => `${e.from}>${e.to}`).sort()).toEqual(['0>1', '1>2', '2>3', '3>2']);
    expect(chainEdges(frame(), 3, 10).edges.map((e) => `${e.from}>${e.to}`).sort()).toEqual(['0>1', '1>2', '2>3', '3>2', '4>3']);
    expect(chainEdges(frame(), 1, 2).edges).toHaveLength(2);
  });
});
