import { describe, expect, it } from 'vitest';
import { decodeFrame, encodeFrame } from '../../src/record/frame-codec.js';
import { EventLog } from '../../src/record/event-log.js';
import * as path from '../../src/viewer/shims/node-path.js';
import { FrameTrack } from '../../src/viewer/view/frame-track.js';
import { busyShare, KpiSeries } from '../../src/viewer/view/kpi.js';

/** A frame of `n` robots at `tick` with the given states, completed orders and order-done cycle times (ticks). */
function frame(tick: number, states: number[], completed: number, open: number, cycles: number[] = []) {
  const n = states.length;
  const events = new EventLog();
  events.add(tick - 1, { count: cycles.length, kind: new Uint8Array(cycles.length).fill(1), a: new Int32Array(cycles.length), b: Int32Array.from(cycles) });
  return decodeFrame(
    encodeFrame({
      tick,
      ticksCovered: 1,
      time: tick * 2,
      robotCount: n,
      ordersOpen: open,
      ordersCompleted: completed,
      cell: new Int32Array(n),
      pod: new Int32Array(n).fill(-1),
      battery: new Uint16Array(n),
      heading: new Uint8Array(n),
      state: Uint8Array.from(states),
      stationQueue: new Uint16Array(0),
      stationLoad: new Uint16Array(0),
      events,
    }),
  );
}

describe('KPI series', () => {
  it('utilisation counts the busy states as the report does', () => {
    expect(busyShare(Uint8Array.from([0, 1, 2, 3, 4, 5, 6, 7]), 8)).toBe(4 / 8);
    expect(busyShare(new Uint8Array(0), 0)).toBe(0);
  });

  it('one point per interval: throughput from the completed counter, cycle-time percentiles from order-done events', () => {
    // 2 s per tick, 1 h run: 30 s intervals (15 ticks).
    const k = new KpiSeries(2, 1800);
    expect(k.intervalTicks).toBe(15);
    k.add(frame(0, [0, 0], 0, 0));
    k.add(frame(5, [1, 0], 2, 3, [10, 20]));
    k.add(frame(10, [1, 1], 3, 4, [30]));
    expect(k.points).toHaveLength(0);
    k.add(frame(15, [1, 1], 4, 5, [40]));
    expect(k.points).toHaveLength(1);
    const p = k.points[0];
    expect(p.throughput).toBeCloseTo((4 * 3600) / 30);
    expect(p.backlog).toBe(5);
    expect(p.utilisation).toBeCloseTo((0 + 0.5 + 1 + 1) / 4);
    expect(p.p50).toBe(40); // cycle times in seconds: 20, 40, 60, 80
    expect(p.p95).toBe(80);
    // Sampled frames (ticks skipped) still give the right rate; an interval without orders has no percentiles.
    k.add(frame(40, [0, 0], 10, 1));
    expect(k.points[1].throughput).toBeCloseTo((6 * 3600) / 50);
    expect(Number.isNaN(k.points[1].p50)).toBe(true);
    // A jump back in time (a replay scrubbed backwards, a restart) starts the series over.
    k.add(frame(3, [0, 0], 0, 0));
    expect(k.points).toHaveLength(0);
  });
});

describe('frame track', () => {
  it('interpolates from the previous frame over the last arrival gap, and not across runs', () => {
    const t = new FrameTrack();
    t.push(frame(1, [0], 0, 0), 1000, false);
    expect(t.alpha(1010)).toBe(1); // nothing to interpolate from yet
    t.push(frame(2, [0], 0, 0), 1100, false);
    expect(t.alpha(1150)).toBeCloseTo(0.5);
    expect(t.alpha(1300)).toBe(1);
    t.push(frame(3, [0, 0], 0, 0), 1200, false); // another fleet: a new run
    expect(t.prev).toBeNull();
    t.push(frame(1, [0, 0], 0, 0), 1300, false); // back in time
    expect(t.prev).toBeNull();
    expect(t.received).toBe(4);
  });
});

describe('browser stand-in for node:path', () => {
  it('works on plain / names', () => {
    expect(path.dirname('/a/b/c.json')).toBe('/a/b');
    expect(path.dirname('c.json')).toBe('.');
    expect(path.resolve('/a/b', 'layouts/x.map')).toBe('/a/b/layouts/x.map');
    expect(path.resolve('.', 'x.map')).toBe('/x.map');
    expect(path.resolve('/a/b', '../c')).toBe('/a/c');
    expect(path.join('a', '..', 'b', './c')).toBe('b/c');
    expect(path.relative('/a/b', '/a/c/d')).toBe('../c/d');
    expect(path.isAbsolute('/x')).toBe(true);
    expect(path.basename('/a/b.json', '.json')).toBe('b');
    expect(path.extname('/a/b.map')).toBe('.map');
  });
});
