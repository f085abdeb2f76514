import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { EventLog } from '../../src/record/event-log.js';
import { decodeFrame, encodeFrame, FrameFormatError, FRAME_HEADER_BYTES, isFrame, quantizeBattery, Section, type FrameParts } from '../../src/record/frame-codec.js';
import { decodeHeat, encodeHeat, HeatMap, isHeat } from '../../src/record/heat.js';
import { layoutInfo } from '../../src/record/layout-info.js';
import { Snapshotter } from '../../src/record/snapshot.js';
import { simFor } from '../helpers/scenarios.js';

function parts(n: number, events = new EventLog()): FrameParts {
  const cell = new Int32Array(n).map((_, i) => i * 7 + 3);
  const pod = new Int32Array(n).map((_, i) => (i % 3 === 0 ? -1 : i * 11));
  return {
    tick: 1234,
    ticksCovered: 3,
    time: 1234 * 0.6667,
    robotCount: n,
    ordersOpen: 17,
    ordersCompleted: 99,
    cell,
    pod,
    battery: new Uint16Array(n).map((_, i) => (i * 977) & 0xffff),
    heading: new Uint8Array(n).map((_, i) => i & 3),
    state: new Uint8Array(n).map((_, i) => i % 8),
    stationQueue: new Uint16Array([0, 4, 2]),
    stationLoad: new Uint16Array([1, 8, 3]),
    events,
  };
}

describe('frame codec', () => {
  it('round-trips every field, events included', () => {
    const ev = new EventLog();
    ev.add(1232, { count: 2, kind: new Uint8Array([0, 1]), a: new Int32Array([5, 6]), b: new Int32Array([2, 300]) });
    ev.add(1233, { count: 1, kind: new Uint8Array([2]), a: new Int32Array([7]), b: new Int32Array([-1]) });
    const p = parts(1000, ev);
    const bytes = encodeFrame(p);
    expect(isFrame(bytes)).toBe(true);
    const f = decodeFrame(bytes);
    expect(f.tick).toBe(1234);
    expect(f.ticksCovered).toBe(3);
    expect(f.time).toBe(p.time);
    expect(f.robotCount).toBe(1000);
    expect(f.ordersOpen).toBe(17);
    expect(f.ordersCompleted).toBe(99);
    expect(Array.from(f.cell)).toEqual(Array.from(p.cell));
    expect(Array.from(f.pod)).toEqual(Array.from(p.pod));
    expect(Array.from(f.battery)).toEqual(Array.from(p.battery));
    expect(Array.from(f.heading)).toEqual(Array.from(p.heading));
    expect(Array.from(f.state)).toEqual(Array.from(p.state));
    expect(Array.from(f.stationQueue)).toEqual([0, 4, 2]);
    expect(Array.from(f.stationLoad)).toEqual([1, 8, 3]);
    expect(f.events.count).toBe(3);
    expect(Array.from(f.events.tick)).toEqual([1232, 1232, 1233]);
    expect(Array.from(f.events.kind)).toEqual([0, 1, 2]);
    expect(Array.from(f.events.a)).toEqual([5, 6, 7]);
    expect(Array.from(f.events.b)).toEqual([2, 300, -1]);
    expect(f.events.dropped.length).toBe(0);
    // 12 bytes per robot plus headers: the figure docs/viewer-files.md quotes (Frame format).
    expect(bytes.length).toBeLessThan(1000 * 12 + FRAME_HEADER_BYTES + 13 * 8 + 3 * 13 + 64);
  });

  it('a frame of 1,000 robots is the size docs/viewer-files.md quotes', () => {
    const doc = readFileSync(fileURLToPath(new URL('../../docs/viewer-files.md', import.meta.url)), 'utf8');
    const quoted = /A frame of 1,000 robots is about ([\d.]+) KB/.exec(doc.replace(/\s+/g, ' '));
    expect(quoted, 'docs/viewer-files.md: "A frame of 1,000 robots is about N KB"').not.toBeNull();
    // 20 stations, no events, as a generated 500x140 warehouse's frame.
    const p = { ...parts(1000), stationQueue: new Uint16Array(20), stationLoad: new Uint16Array(20) };
    expect(encodeFrame(p).length / 1000).toBeCloseTo(Number(quoted![1]), 1);
  });

  it('writes only robotCount items of longer arrays and pads sections to 4 bytes', () => {
    const p = parts(5);
    const f = decodeFrame(encodeFrame({ ...p, robotCount: 3 }));
    expect(f.robotCount).toBe(3);
    expect(Array.from(f.cell)).toEqual(Array.from(p.cell.subarray(0, 3)));
    expect(Array.from(f.state)).toEqual([0, 1, 2]);
  });

  it('keeps unknown sections for newer readers and decodes unaligned input', () => {
    const extra = new Uint16Array([9, 8, 7]);
    const bytes = encodeFrame({ ...parts(4), extra: [[40, extra]] });
    const shifted = new Uint8Array(bytes.length + 1);
    shifted.set(bytes, 1);
    const f = decodeFrame(shifted.subarray(1));
    expect(Array.from(f.sections.get(40) as Uint16Array)).toEqual([9, 8, 7]);
    expect(f.sections.has(Section.Cell)).toBe(true);
  });

  it('rejects what is not a frame with a clear error', () => {
    expect(() => decodeFrame(new Uint8Array(10))).toThrow(FrameFormatError);
    const bad = encodeFrame(parts(2));
    bad[0] = 0;
    expect(() => decodeFrame(bad)).toThrow(/bad magic/);
    const version = encodeFrame(parts(2));
    version[4] = 9;
    expect(() => decodeFrame(version)).toThrow(/version 9/);
    expect(() => decodeFrame(encodeFrame(parts(50)).subarray(0, 100))).toThrow(/truncated/);
  });

  it('quantizes battery to 16 bits of capacity', () => {
    expect(quantizeBattery(0, 400)).toBe(0);
    expect(quantizeBattery(-3, 400)).toBe(0);
    expect(quantizeBattery(400, 400)).toBe(65535);
    expect(quantizeBattery(500, 400)).toBe(65535);
    expect(Math.abs(quantizeBattery(123.4, 400) / 65535 - 123.4 / 400)).toBeLessThan(1e-5);
  });

  it('snapshots a running simulation', () => {
    const sim = simFor('default.json', { duration: '2m' });
    const snap = new Snapshotter(sim.world);
    sim.run(50);
    const f = decodeFrame(snap.encode());
    const r = sim.world.robots;
    expect(f.tick).toBe(50);
    expect(f.time).toBeCloseTo(50 * sim.config.tickSeconds);
    expect(Array.from(f.cell)).toEqual(Array.from(r.cell));
    expect(Array.from(f.pod)).toEqual(Array.from(r.pod));
    expect(Array.from(f.state)).toEqual(Array.from(r.state));
    expect(f.stationQueue.length).toBe(2);
    expect(f.ordersOpen).toBe(sim.world.books.openOrders);
  });
});

describe('equipment and people in frames', () => {
  for (const name of ['hub.json', 'person-to-goods.json']) {
    it(`${name}: the flow sections equal the engine's own frame, sized as the layout info says`, () => {
      const sim = simFor(name, { duration: '30m' });
      const snap = new Snapshotter(sim.world);
      const seen: Record<string, number[]> = {};
      sim.observe((fr) => {
        for (const [k, v] of Object.entries(fr.flow)) seen[k] = Array.from(v as Int32Array);
      });
      sim.run(900);
      const f = decodeFrame(snap.encode());
      for (const [k, v] of Object.entries(f.flow)) expect(Array.from(v as Int32Array), k).toEqual(seen[k]);
      const eq = layoutInfo(sim.config).equipment;
      expect(f.flow.pickerCell.length).toBe(eq.zones.reduce((n, z) => n + z.pickers, 0));
      expect(f.flow.conveyorTotes.length).toBe(eq.conveyors.length);
      expect(f.flow.chuteItems.length).toBe(eq.sorters.reduce((n, s) => n + s.chutes.length, 0));
      expect(f.flow.agvCell.length).toBe(eq.agvs.reduce((n, a) => n + a.vehicles, 0));
      expect(f.flow.dockShipped.length).toBe(eq.docks.length);
      const busy = [...f.flow.pickerState].some((x) => x >= 2) || [...f.flow.conveyorTotes, ...f.flow.chuteItems, ...f.flow.dockShipped].some((x) => x > 0);
      expect(busy).toBe(true);
    });
  }

  it('a site without equipment carries no flow sections', () => {
    const sim = simFor('default.json', { duration: '2m' });
    const f = decodeFrame(new Snapshotter(sim.world).encode());
    expect([...f.sections.keys()].some((id) => id >= Section.PickerCell && id <= Section.DockShipped)).toBe(false);
    expect(f.flow.pickerCell.length).toBe(0);
  });
});

describe('event log', () => {
  it('keeps events up to its limit, then only counts them per kind', () => {
    const log = new EventLog(300);
    const tick = { count: 100, kind: new Uint8Array(100).fill(1), a: new Int32Array(100), b: new Int32Array(100) };
    for (let t = 0; t < 5; t++) log.add(t, tick);
    expect(log.count).toBe(300);
    expect(log.dropped[1]).toBe(200);
    expect(log.droppedTotal).toBe(200);
    const f = decodeFrame(encodeFrame(parts(2, log)));
    expect(f.events.count).toBe(300);
    expect(Array.from(f.events.dropped)).toEqual([0, 200]);
    log.clear();
    expect(log.count).toBe(0);
    expect(log.droppedTotal).toBe(0);
  });
});

describe('heat map', () => {
  it('counts ticks robots underway stood still, and round-trips sparsely', () => {
    const h = new HeatMap(10, 2);
    const cell = new Int32Array([1, 2]);
    const state = new Uint8Array([1, 0]); // robot 0 to a pod, robot 1 idle
    h.update(cell, state, 2);
    h.update(cell, state, 2);
    h.update(cell, state, 2);
    expect(h.wait[1]).toBe(2);
    expect(h.wait[2]).toBe(0); // idle robots are not congestion
    cell[0] = 3;
    h.update(cell, state, 2);
    expect(h.wait[3]).toBe(0);
    const bytes = encodeHeat(7, h.wait);
    expect(isHeat(bytes)).toBe(true);
    expect(bytes.length).toBe(16 + 8);
    const d = decodeHeat(bytes);
    expect(d.tick).toBe(7);
    expect(d.max).toBe(2);
    expect(Array.from(d.wait)).toEqual(Array.from(h.wait));
  });
});
