import { describe, expect, it } from 'vitest';
import { EventLog } from '../../src/record/event-log.js';
import { decodeFrame, encodeFrame } from '../../src/record/frame-codec.js';
import { FpsMeter } from '../../src/viewer/ui/fps.js';
import { runLine, siteTime } from '../../src/viewer/ui/format.js';
import { keyCommand } from '../../src/viewer/ui/keyboard.js';
import { RunSummary } from '../../src/viewer/view/run-summary.js';

/** A frame at `tick` covering `covered` ticks, with robot states, completed/open orders and order-done cycle times (ticks). */
function frame(tick: number, covered: number, states: number[], completed: number, open: number, cycles: number[] = []) {
  const n = states.length;
  const events = new EventLog();
  events.add(tick - 1, { count: cycles.length, kind: new Uint8Array(cycles.length).fill(1), a: new Int32Array(cycles.length), b: Int32Array.from(cycles) });
  return decodeFrame(
    encodeFrame({
      tick,
      ticksCovered: covered,
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

describe('keyboard bindings', () => {
  it('maps Space, arrows, +/- and F, and leaves modified keys to the browser', () => {
    expect(keyCommand({ key: ' ' })).toEqual({ type: 'toggle' });
    expect(keyCommand({ key: 'ArrowRight' })).toEqual({ type: 'step', ticks: 1 });
    expect(keyCommand({ key: 'ArrowRight', shiftKey: true })).toEqual({ type: 'step', ticks: 10 });
    expect(keyCommand({ key: 'ArrowLeft' })).toEqual({ type: 'step', ticks: -1 });
    expect(keyCommand({ key: '+' })).toEqual({ type: 'speed', dir: 1 });
    expect(keyCommand({ key: '=' })).toEqual({ type: 'speed', dir: 1 });
    expect(keyCommand({ key: '-' })).toEqual({ type: 'speed', dir: -1 });
    expect(keyCommand({ key: 'f' })).toEqual({ type: 'fit' });
    expect(keyCommand({ key: 'F' })).toEqual({ type: 'fit' });
    expect(keyCommand({ key: '-', ctrlKey: true })).toBeNull();
    expect(keyCommand({ key: 'f', metaKey: true })).toBeNull();
    expect(keyCommand({ key: 'x' })).toBeNull();
  });
});

describe('the frame-rate readout', () => {
  it('counts frames over half a second and writes the rate', () => {
    const el = { textContent: '' } as HTMLElement;
    const m = new FpsMeter(el);
    for (let k = 0; k <= 30; k++) m.frame(1000 + k * (1000 / 60));
    expect(el.textContent).toBe('60 fps');
    for (let k = 1; k <= 16; k++) m.frame(1500 + k * (1000 / 30));
    expect(m.fps).toBeCloseTo(30, 0);
  });
});

describe('the run summary shown at the end', () => {
  it('gives whole-run throughput and cycle-time percentiles', () => {
    const s = new RunSummary(2);
    s.add(frame(0, 0, [0, 0], 0, 0));
    s.add(frame(10, 10, [1, 3], 3, 2, [10, 20, 30]));
    s.add(frame(30, 20, [0, 0], 6, 1, [40, 50, 60]));
    const k = s.final(frame(30, 20, [0, 0], 6, 1));
    expect(k.seconds).toBe(60);
    expect(k.completed).toBe(6);
    expect(k.open).toBe(1);
    expect(k.ordersPerHour).toBeCloseTo(360);
    expect(k.p50).toBe(60); // cycle times 20..120 s: the 3rd of 6
    expect(k.p95).toBe(120);
    expect(k.partial).toBe(false);
  });

  it('says when the page saw only part of the run, and starts over on an earlier frame', () => {
    const s = new RunSummary(1);
    s.add(frame(500, 0, [1], 10, 0));
    expect(s.final(frame(500, 0, [1], 10, 0)).partial).toBe(true);
    s.add(frame(1, 1, [0], 0, 0, [7]));
    const k = s.final(frame(1, 1, [0], 0, 0));
    expect(k.partial).toBe(false);
    expect(k.p50).toBe(7);
  });
});

describe('the toolbar clock', () => {
  it('shows site time from the scenario’s start time beside elapsed time, the tick and the seed', () => {
    expect(siteTime(8 * 3600, 13 * 60 + 15)).toBe('08:13:15');
    expect(siteTime(0, 0)).toBe('00:00:00');
    expect(siteTime(22 * 3600, 3 * 3600 + 5)).toBe('day 2 01:00:05');
    expect(runLine(3600, 8 * 3600, 1800, 42)).toBe('1:00:00 / 8:00:00 · tick 1800 · seed 42');
    expect(runLine(5, 26 * 3600, 5, null)).toBe('0:00:05 / 26:00:00 · tick 5');
  });
});
