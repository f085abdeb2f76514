import { describe, expect, it } from 'vitest';
import type { FeatureFactory } from '../../src/core/feature.js';
import { createFrame, frameSection, type FrameSection } from '../../src/core/frame.js';
import { TickLoop } from '../../src/core/tick.js';
import { EventLog } from '../../src/record/event-log.js';
import { decodeFrame, encodeFrame, FRAME_HEADER_BYTES, FrameFormatError, Section, type FrameParts } from '../../src/record/frame-codec.js';
import { readRecording, RunRecorder } from '../../src/record/recording-file.js';
import { MemorySink } from '../../src/record/recording-writer.js';
import { Snapshotter } from '../../src/record/snapshot.js';
import { FEATURES } from '../../src/sim/features.js';
import { Sim } from '../../src/sim/sim.js';
import { binaryEvent } from '../../src/viewer/sources/decode.js';
import { simFor } from '../helpers/scenarios.js';

function parts(n: number): FrameParts {
  const ev = new EventLog();
  ev.add(41, { count: 2, kind: new Uint8Array([0, 3]), a: new Int32Array([5, 6]), b: new Int32Array([2, -1]) });
  return {
    tick: 42,
    ticksCovered: 1,
    time: 28,
    robotCount: n,
    ordersOpen: 7,
    ordersCompleted: 9,
    cell: new Int32Array(n).map((_, i) => i * 3),
    pod: new Int32Array(n).map((_, i) => (i % 2 ? -1 : i)),
    battery: new Uint16Array(n).map((_, i) => i * 1000),
    heading: new Uint8Array(n).map((_, i) => i & 3),
    state: new Uint8Array(n).map((_, i) => i % 5),
    stationQueue: new Uint16Array([1, 2]),
    stationLoad: new Uint16Array([3, 4]),
    events: ev,
    flow: {
      pickerCell: new Int32Array([11, 12]),
      pickerState: new Uint8Array([1, 2]),
      pickerCart: new Int32Array([0, 3]),
      conveyorTotes: new Int32Array([4]),
      sorterQueue: new Int32Array(0),
      chuteItems: new Int32Array(0),
      agvCell: new Int32Array(0),
      agvLoad: new Int32Array(0),
      dockShipped: new Int32Array(0),
    },
    extra: [[200, new Int32Array([77, 78])]],
  };
}

/** Sections of every element type, with lengths that leave the u8 and u16 ones unaligned. */
const SECTIONS: FrameSection[] = [
  { name: 'inventory.binFill', array: new Uint8Array([9, 8, 7]) },
  { name: 'x', array: new Int32Array([-1, 2, -3]) },
  { name: 'service:late-orders', array: new Uint16Array([65535, 1, 2, 3, 4]) },
  { name: 'f', array: new Float32Array([0.5, -2.25]) },
  { name: 'count_32', array: new Uint32Array([4_000_000_000]) },
];

/**
 * How a reader that knows no named sections walks a frame (the format's
 * rule since version 1: id, element type, count, then the elements padded
 * to 4 bytes): the ids and element types it sees, and where it stops.
 */
function walk(bytes: Uint8Array): { ids: number[]; types: number[]; end: number } {
  const dv = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const ids: number[] = [];
  const types: number[] = [];
  let at = FRAME_HEADER_BYTES;
  for (let k = dv.getUint16(6, true); k > 0; k--) {
    const type = dv.getUint8(at + 2);
    ids.push(dv.getUint16(at, true));
    types.push(type);
    const width = type === 4 ? 1 : type === 3 ? 2 : 4;
    at += 8 + ((dv.getUint32(at + 4, true) * width + 3) & ~3);
  }
  return { ids, types, end: at };
}

describe('named frame sections in the codec', () => {
  it('round-trip by name, with their element types, beside every other part of the frame', () => {
    const p = parts(5);
    const f = decodeFrame(encodeFrame({ ...p, featureSections: SECTIONS }));
    expect([...f.named.keys()]).toEqual(SECTIONS.map((s) => s.name));
    for (const s of SECTIONS) {
      const got = f.named.get(s.name)!;
      expect(got.constructor).toBe(s.array.constructor);
      expect(Array.from(got)).toEqual(Array.from(s.array));
      // Views straight into the frame's bytes, aligned for their type.
      expect(got.byteOffset % 4).toBe(0);
    }
    const plain = decodeFrame(encodeFrame(p));
    expect(plain.named.size).toBe(0);
    for (const k of ['tick', 'ticksCovered', 'time', 'robotCount', 'ordersOpen', 'ordersCompleted'] as const) expect(f[k]).toBe(plain[k]);
    for (const k of ['cell', 'pod', 'battery', 'heading', 'state', 'stationQueue', 'stationLoad'] as const) expect(Array.from(f[k])).toEqual(Array.from(plain[k]));
    expect(Array.from(f.flow.pickerCell)).toEqual([11, 12]);
    expect(Array.from(f.flow.conveyorTotes)).toEqual([4]);
    expect(Array.from(f.events.kind)).toEqual([0, 3]);
    expect(Array.from(f.events.b)).toEqual([2, -1]);
    expect(Array.from(f.sections.get(200)!)).toEqual([77, 78]);
    // Named sections are kept by name, not under their shared id.
    expect(f.sections.has(Section.Named)).toBe(false);
  });

  it('add nothing to a frame without them: the bytes are those of a frame before they existed', () => {
    const p = parts(5);
    const before = encodeFrame(p);
    expect(encodeFrame({ ...p, featureSections: [] })).toEqual(before);
    expect(walk(before).ids).not.toContain(Section.Named);
  });

  it('sit after the equipment and before the variable-length sections, and a reader that does not know them skips them', () => {
    const bytes = encodeFrame({ ...parts(5), featureSections: SECTIONS });
    const { ids, types, end } = walk(bytes);
    expect(end).toBe(bytes.byteLength);
    const named = ids.flatMap((id, k) => (id === Section.Named ? [k] : []));
    expect(named.length).toBe(SECTIONS.length);
    // Each is u8 bytes to a reader that skips it.
    for (const k of named) expect(types[k]).toBe(4);
    expect(named[0]).toBe(ids.indexOf(Section.ConveyorTotes) + 1);
    expect(ids.indexOf(200)).toBe(named[named.length - 1] + 1);
    expect(ids.slice(-4)).toEqual([Section.EventTick, Section.EventA, Section.EventB, Section.EventKind]);
  });

  it('are read by name by the viewer, which also ignores a section id it does not know', () => {
    const bytes = encodeFrame({ ...parts(5), featureSections: SECTIONS });
    const ev = binaryEvent(bytes.slice().buffer);
    expect(ev?.type).toBe('frame');
    if (ev?.type !== 'frame') return;
    expect(Array.from(ev.frame.named.get('inventory.binFill')!)).toEqual([9, 8, 7]);
    expect(Array.from(ev.frame.cell)).toEqual([0, 3, 6, 9, 12]);
    expect(ev.frame.events.count).toBe(2);
  });

  it('refuse a name the format cannot carry, and damaged ones in a frame read', () => {
    expect(() => encodeFrame({ ...parts(1), featureSections: [{ name: 'a b', array: new Uint8Array(1) }] })).toThrow(FrameFormatError);
    expect(() => encodeFrame({ ...parts(1), featureSections: [{ name: 'é', array: new Uint8Array(1) }] })).toThrow(FrameFormatError);
    const bytes = encodeFrame({ ...parts(1), featureSections: [{ name: 'aa', array: new Int32Array([1, 2]) }, { name: 'ab', array: new Int32Array([3]) }] });
    // The second section's name made equal to the first's.
    const second = bytes.lastIndexOf(0x62);
    const twice = bytes.slice();
    twice[second] = 0x61;
    expect(() => decodeFrame(twice)).toThrow("the frame has two sections named 'aa'");
    // The first section's element count made larger than its bytes.
    const first = bytes.indexOf(0x61) - 4;
    const long = bytes.slice();
    new DataView(long.buffer).setUint32(first, 1000, true);
    expect(() => decodeFrame(long)).toThrow("a named section's name and 1000 elements do not fit its 20 bytes");
  });
});

describe('named frame sections of a run', () => {
  it('refuse a bad name or one name twice when the frame is made', () => {
    const w = simFor('default.json').world;
    expect(() => createFrame(w, [{ name: 'no spaces', array: new Uint8Array(1) }])).toThrow("frame section name 'no spaces'");
    const s = { name: 'twice', array: new Uint8Array(1) };
    expect(() => createFrame(w, [s, { ...s }])).toThrow("two features add a frame section named 'twice'");
  });

  /** A feature that adds the tick's parity and the robots' cells plus one, refilled after every tick. */
  const counting: FeatureFactory = (w) => {
    const parity = new Uint8Array(1);
    const cells = new Int32Array(w.robots.n);
    const fill = () => {
      parity[0] = w.tick & 1;
      for (let i = 0; i < w.robots.n; i++) cells[i] = w.robots.cell[i] + 1;
    };
    fill();
    return {
      name: 'counting',
      stages: {},
      frame: fill,
      frameSections: [
        { name: 'test.parity', array: parity },
        { name: 'test.cellPlusOne', array: cells },
      ],
    };
  };

  it("reach the frame's observers, refilled every tick", () => {
    const sim = simFor('default.json');
    const loop = new TickLoop(sim.world, [...sim.features, counting(sim.world)!]);
    const seen: number[] = [];
    loop.observe((f) => seen.push(frameSection(f, 'test.parity')![0], frameSection(f, 'test.cellPlusOne')![3] - 1 - f.cell[3]));
    for (let k = 0; k < 3; k++) loop.step();
    expect(seen).toEqual([1, 0, 0, 0, 1, 0]);
    expect(loop.frameSections.map((s) => s.name)).toEqual(['test.parity', 'test.cellPlusOne']);
  });

  it('are in the live snapshot and in a recording, at every tick a reader scrubs to; a run without them records none', async () => {
    const config = simFor('default.json', { duration: '1m' }).config;
    const sim = new Sim(config, [...FEATURES, counting]);
    expect(decodeFrame(new Snapshotter(sim.world, { sections: sim.frameSections }).encode()).named.get('test.parity')![0]).toBe(0);
    const sink = new MemorySink();
    const rec = new RunRecorder(sim, sink, 16);
    sim.run(40);
    rec.finish();
    const reader = readRecording(sink.bytes());
    expect(reader.header.layout.frameSections).toEqual([
      { name: 'test.parity', type: 'u8', length: 1 },
      { name: 'test.cellPlusOne', type: 'i32', length: sim.world.robots.n },
    ]);
    for (const t of [0, 1, 17, 30, 40]) {
      const f = decodeFrame(await reader.frameAt(t));
      expect(f.tick).toBe(t);
      expect(f.named.get('test.parity')![0]).toBe(t & 1);
      expect(Array.from(f.named.get('test.cellPlusOne')!)).toEqual(Array.from(f.cell, (c) => c + 1));
    }
    const plain = new Sim(config);
    const plainSink = new MemorySink();
    const plainRec = new RunRecorder(plain, plainSink, 16);
    plain.run(40);
    plainRec.finish();
    const plainReader = readRecording(plainSink.bytes());
    expect(plainReader.header.layout.frameSections).toBeUndefined();
    expect(decodeFrame(await plainReader.frameAt(30)).named.size).toBe(0);
  });
});
