import { describe, expect, it } from 'vitest';
import { RobotState } from '../../src/core/robots.js';
import { setGoal } from '../../src/core/world.js';
import { decodeFrame, encodeFrame } from '../../src/record/frame-codec.js';
import { Snapshotter } from '../../src/record/snapshot.js';
import { FrameStallsReader, StallSection } from '../../src/record/stall-sections.js';
import { chainEdges, currentStalls, layoutCellKinds } from '../../src/viewer/view/stalls.js';
import { simFromJson } from '../helpers/scenarios.js';

/** Robots 1 and 2 queue in a one-wide corridor behind robot 0, which runs flat. */
function queue() {
  const grid = ['@@@@@@@@@', '@P......@', '@R@@@@@@@', '@@@@@@@@@'];
  const sim = simFromJson({
    name: 'queue',
    duration: '1h',
    layout: { grid },
    robots: { count: 3, start: [[1, 4], [1, 5], [1, 6]], battery: { chargeBelow: 0 } },
    demand: { ordersPerHour: 0 },
  });
  const w = sim.world;
  w.robots.state[0] = RobotState.Depleted;
  for (const i of [1, 2]) {
    w.robots.state[i] = RobotState.ToPod;
    setGoal(w, i, 1 * w.grid.width + 2);
  }
  sim.run(40);
  return { sim, layout: { rows: grid, width: 9, height: 4 } };
}

describe('stall sections in frames', () => {
  it('carry every robot\'s link and episode start through encoding, for the viewer\'s list and arrows', () => {
    const { sim, layout } = queue();
    const f = decodeFrame(new Snapshotter(sim.world).encode());
    // Only the stalled robots travel: two of three.
    expect(Array.from(f.sections.get(StallSection.Stalled)!)).toEqual([1, 2]);
    const fs = new FrameStallsReader().read(f, layoutCellKinds(layout as never))!;
    expect(fs.stalled).toBe(2);
    expect(Array.from(fs.waitKind)).toEqual([0, 1, 1]);
    expect(Array.from(fs.waitFor)).toEqual([-1, 0, 1]);
    expect(Array.from(fs.waitCell)).toEqual([-1, 13, 14]);
    // Both stopped in the first tick: one episode, from tick 0.
    expect(Array.from(fs.episodeStart)).toEqual([-1, 0, 0]);
    expect(currentStalls(fs, 8)).toEqual([{ robot: 2, chain: [2, 1, 0], cells: [15, 14, 13], cause: 'robot', startTick: 0 }]);
    // From the middle robot: its arrow onwards, and the one from the robot behind it.
    expect(chainEdges(fs, 1, 10)).toEqual({
      edges: [
        { from: 1, to: 0, cell: 13, kind: 1 },
        { from: 2, to: 1, cell: 14, kind: 1 },
      ],
      cycle: false,
    });
  });

  it('are absent from frames written without them, and refused when they do not fit the robots', () => {
    const { sim } = queue();
    const plain = decodeFrame(new Snapshotter(sim.world).encode());
    const kinds = new Uint8Array(36);
    // A frame from a writer that knows nothing of stalls.
    const bare = decodeFrame(
      encodeFrame({ ...plain, battery: plain.battery, events: plain.events, flow: plain.flow }),
    );
    expect(bare.sections.has(StallSection.WaitFor)).toBe(false);
    expect(new FrameStallsReader().read(bare, kinds)).toBeNull();
    // Not one entry per stalled robot, a robot out of order, a link to a robot that is not there.
    const bad = (ids: number[], target: number[], kind = [1, 1]) =>
      decodeFrame(
        encodeFrame({
          ...plain,
          extra: [
            [StallSection.Stalled, Int32Array.from(ids)],
            [StallSection.WaitKind, Uint8Array.from(kind)],
            [StallSection.WaitFor, Int32Array.from(target)],
            [StallSection.WaitCell, Int32Array.from([13, 14])],
            [StallSection.EpisodeStart, Int32Array.from([0, 0])],
          ],
        }),
      );
    expect(new FrameStallsReader().read(bad([1, 2], [0, 1]), kinds)).not.toBeNull();
    expect(new FrameStallsReader().read(bad([1], [0, 1]), kinds)).toBeNull();
    expect(new FrameStallsReader().read(bad([2, 1], [0, 1]), kinds)).toBeNull();
    expect(new FrameStallsReader().read(bad([1, 2], [7, 1]), kinds)).toBeNull();
    expect(new FrameStallsReader().read(bad([1, 2], [0, 1], [1, 9]), kinds)).toBeNull();
    expect(new FrameStallsReader().read(bad([1, 5], [0, 1]), kinds)).toBeNull();
  });
});
