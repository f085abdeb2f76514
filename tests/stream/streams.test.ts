import { describe, expect, it } from 'vitest';
import { bufferCount, filter, map } from 'rxjs';
import { simStreams } from '../../src/stream/sim-streams.js';
import { simFor } from '../helpers/scenarios.js';

describe('rxjs boundary', () => {
  it('frames$ emits one frame per tick; events$ the discrete events as objects', () => {
    const sim = simFor('default.json', { duration: '10m' });
    const { frames$, events$ } = simStreams(sim);
    const ticks: number[] = [];
    let robotsPerFrame = -1;
    const kinds = new Map<string, number>();
    let doneEvents = 0;
    const s1 = frames$.subscribe((f) => {
      ticks.push(f.tick);
      robotsPerFrame = f.robotCount;
    });
    const s2 = events$.subscribe((e) => kinds.set(e.kind, (kinds.get(e.kind) ?? 0) + 1));
    // Operators compose at the boundary: count completed orders in batches.
    const s3 = events$
      .pipe(
        filter((e) => e.kind === 'order-done'),
        map((e) => e.b),
        bufferCount(5),
      )
      .subscribe((batch) => (doneEvents += batch.length));
    sim.run();
    [s1, s2, s3].forEach((s) => s.unsubscribe());
    expect(ticks).toHaveLength(sim.config.ticks);
    expect(ticks[0]).toBe(1);
    expect(ticks.every((t, k) => t === k + 1)).toBe(true);
    expect(robotsPerFrame).toBe(12);
    expect(kinds.get('order-created')).toBe(sim.world.books.ordersCreated);
    expect(kinds.get('order-done')).toBe(sim.world.books.ordersCompleted);
    expect(kinds.get('task-assigned')).toBeGreaterThan(0);
    expect(kinds.get('pick-started')).toBeGreaterThan(0);
    expect(doneEvents).toBe(Math.floor(sim.world.books.ordersCompleted / 5) * 5);
  });

  it('unsubscribing detaches from the engine', () => {
    const sim = simFor('default.json', { duration: '2m' });
    const { frames$ } = simStreams(sim);
    let n = 0;
    const sub = frames$.subscribe(() => n++);
    sim.run(10);
    sub.unsubscribe();
    sim.run(10);
    expect(n).toBe(10);
  });
});
