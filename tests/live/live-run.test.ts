import { describe, expect, it } from 'vitest';
import { decodeFrame } from '../../src/record/frame-codec.js';
import { LiveRun, type Clock } from '../../src/live/live-run.js';
import { loadScenario } from '../../src/scenario/load.js';
import { scenarioPath } from '../helpers/scenarios.js';

/** A clock the test moves by hand; timers fire when it passes them. */
class FakeClock implements Clock {
  t = 0;
  /** Ms that pass each time the run reads the clock (work takes time). */
  constructor(private readonly drift = 0) {}
  private timers = new Map<number, { at: number; fn: () => void }>();
  private id = 0;
  now = () => (this.t += this.drift);
  setTimer = (fn: () => void, ms: number) => {
    this.timers.set(++this.id, { at: this.t + ms, fn });
    return this.id;
  };
  clearTimer = (h: unknown) => void this.timers.delete(h as number);
  /** Moves time forward, firing due timers in order (bounded). */
  advance(ms: number): void {
    const end = this.t + ms;
    for (let guard = 0; guard < 100_000; guard++) {
      let next: [number, { at: number; fn: () => void }] | null = null;
      for (const e of this.timers) if (e[1].at <= end && (!next || e[1].at < next[1].at)) next = e;
      if (!next) break;
      this.timers.delete(next[0]);
      this.t = Math.max(this.t, next[1].at);
      next[1].fn();
    }
    this.t = end;
  }
}

const config = (seed?: number | string) => loadScenario(scenarioPath('default.json'), { seed, duration: '10m' }).config;

describe('LiveRun pacing and controls', () => {
  it('runs at real time times the speed factor', () => {
    const clock = new FakeClock();
    const run = new LiveRun({ configFor: config, speed: 1, clock });
    run.start();
    const tickMs = run.sim.config.tickSeconds * 1000;
    clock.advance(tickMs * 30 + 1);
    expect(run.tick).toBe(30);
    run.apply({ type: 'speed', speed: 10 });
    clock.advance(tickMs * 10 + 1);
    expect(run.tick).toBe(130);
    run.dispose();
  });

  it("'max' runs ahead of the clock in slices; pause holds, step moves one tick, play resumes", () => {
    const clock = new FakeClock(0.05);
    let batches = 0;
    const run = new LiveRun({ configFor: config, speed: 'max', clock, onTicks: () => batches++ });
    run.start();
    clock.advance(5);
    // One slice: ticks until its 12 ms are used (the clock moves 0.05 ms per reading, one reading per tick).
    expect(run.tick).toBeGreaterThan(100);
    expect(run.tick).toBeLessThan(400);
    run.apply({ type: 'pause' });
    const t = run.tick;
    clock.advance(10_000);
    expect(run.tick).toBe(t);
    run.apply({ type: 'step', count: 1 });
    expect(run.tick).toBe(t + 1);
    expect(run.playing).toBe(false);
    run.apply({ type: 'play' });
    clock.advance(5);
    expect(run.tick).toBeGreaterThan(t + 1);
    expect(batches).toBeGreaterThan(0);
    run.dispose();
  });

  it('readers get the latest state with every event since their last frame; restart starts over with the new seed', () => {
    const clock = new FakeClock();
    const run = new LiveRun({ configFor: config, speed: 'max', playing: false, clock });
    const r = run.openReader();
    const first = decodeFrame(run.takeFrame(r));
    expect(first.tick).toBe(0);
    expect(first.ticksCovered).toBe(0);
    let created = 0;
    run.sim.observe((f) => {
      for (let k = 0; k < f.events.count; k++) if (f.events.kind[k] === 0) created++;
    });
    run.apply({ type: 'step', count: 200 });
    expect(run.behind(r)).toBe(true);
    const f = decodeFrame(run.takeFrame(r));
    expect(f.tick).toBe(200);
    expect(f.ticksCovered).toBe(200);
    expect(Array.from(f.events.kind).filter((k) => k === 0).length).toBe(created);
    expect(run.behind(r)).toBe(false);
    const info = run.inspect(0)!;
    expect(info.robot).toBe(0);
    expect(run.inspect(99)).toBeNull();
    run.apply({ type: 'restart', seed: 5 });
    expect(run.status().seed).toBe(5);
    expect(run.tick).toBe(0);
    expect(decodeFrame(run.takeFrame(r)).ticksCovered).toBe(0);
    run.dispose();
  });

  it('the same seed gives the same run with or without anyone inspecting robots', () => {
    const a = new LiveRun({ configFor: config, playing: false, clock: new FakeClock() });
    const b = new LiveRun({ configFor: config, playing: false, clock: new FakeClock() });
    for (let k = 0; k < 300; k++) {
      a.apply({ type: 'step', count: 1 });
      b.apply({ type: 'step', count: 1 });
      for (let i = 0; i < 12; i++) b.inspect(i);
    }
    expect(Array.from(b.sim.world.robots.cell)).toEqual(Array.from(a.sim.world.robots.cell));
    expect(b.sim.world.books.ordersCompleted).toBe(a.sim.world.books.ordersCompleted);
  });
});
