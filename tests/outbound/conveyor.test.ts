import { describe, expect, it } from 'vitest';
import { Conveyor, type ConveyorSpec } from '../../src/outbound/conveyor.js';
import type { ToteSink } from '../../src/outbound/network.js';

function spec(over: Partial<ConveyorSpec> = {}): ConveyorSpec {
  return { name: 'c', travelTicks: 3, capacity: 4, gapTicks: 1, ...over };
}

/** Downstream stand-in: records deliveries; refuses while `open` is false. */
class Gate implements ToteSink {
  open = true;
  readonly got: { tote: number; tick: number }[] = [];
  asked = 0;
  canAccept(): boolean {
    this.asked++;
    return this.open;
  }
  accept(tote: number, tick: number): void {
    this.got.push({ tote, tick });
  }
}

/** One network tick for a lone conveyor: set `now`, step it, then let the feeder offer (as Outbound + the staging loop do). */
function tick(c: Conveyor, t: number, sink: ToteSink, feed?: () => void): void {
  c.now = t;
  c.step(t, () => sink);
  feed?.();
}

describe('Conveyor: travel time', () => {
  for (const T of [1, 2, 3, 7]) {
    it(`a tote accepted at tick t leaves at t + ${T} when the sink is open`, () => {
      const c = new Conveyor(spec({ travelTicks: T }));
      const sink = new Gate();
      for (let t = 0; t < 40; t++) tick(c, t, sink, () => t === 5 && c.accept(42, 5));
      expect(sink.got).toEqual([{ tote: 42, tick: 5 + T }]);
      expect(c.totesIn).toBe(1);
      expect(c.totesOut).toBe(1);
      expect(c.count).toBe(0);
      expect(c.blockedTicks).toBe(0);
    });
  }

  it('leaves at the first step tick >= t + travelTicks when steps are sparse', () => {
    const c = new Conveyor(spec({ travelTicks: 4 }));
    const sink = new Gate();
    c.accept(1, 1); // ready from tick 5
    for (const t of [0, 3, 4, 9, 12]) {
      c.now = t;
      c.step(t, () => sink);
    }
    expect(sink.got).toEqual([{ tote: 1, tick: 9 }]);
  });

  it('does not even ask the next node before the tote has ridden the whole length', () => {
    const c = new Conveyor(spec({ travelTicks: 5 }));
    const sink = new Gate();
    c.accept(1, 0);
    for (let t = 0; t < 5; t++) tick(c, t, sink);
    expect(sink.asked).toBe(0);
    tick(c, 5, sink);
    expect(sink.asked).toBe(1);
    expect(sink.got).toEqual([{ tote: 1, tick: 5 }]);
  });

  it('one tote leaves per tick at most, even when several are ready', () => {
    const c = new Conveyor(spec({ travelTicks: 2, capacity: 5 }));
    const sink = new Gate();
    // accept() itself does not check spacing: five totes enter on the same tick.
    for (let k = 0; k < 5; k++) c.accept(10 + k, 0);
    expect(c.count).toBe(5);
    for (let t = 0; t < 20; t++) tick(c, t, sink);
    expect(sink.got).toEqual([
      { tote: 10, tick: 2 },
      { tote: 11, tick: 3 },
      { tote: 12, tick: 4 },
      { tote: 13, tick: 5 },
      { tote: 14, tick: 6 },
    ]);
  });

  it('the next node is chosen per tote (a divert): next() gets the head tote', () => {
    const c = new Conveyor(spec({ travelTicks: 1 }));
    const even = new Gate();
    const odd = new Gate();
    const asked: number[] = [];
    for (let k = 0; k < 4; k++) c.accept(k, 0);
    for (let t = 0; t < 10; t++) {
      c.now = t;
      c.step(t, (tote) => {
        asked.push(tote);
        return tote % 2 === 0 ? even : odd;
      });
    }
    expect(asked).toEqual([0, 1, 2, 3]);
    expect(even.got).toEqual([
      { tote: 0, tick: 1 },
      { tote: 2, tick: 3 },
    ]);
    expect(odd.got).toEqual([
      { tote: 1, tick: 2 },
      { tote: 3, tick: 4 },
    ]);
  });

  it('toteAt reports totes from the discharge end with their progress', () => {
    const c = new Conveyor(spec({ travelTicks: 4 }));
    c.accept(7, 0);
    c.accept(8, 2);
    expect(c.toteAt(0, 2)).toEqual({ tote: 7, progress: 0.5 });
    expect(c.toteAt(1, 2)).toEqual({ tote: 8, progress: 0 });
    expect(c.toteAt(0, 9)).toEqual({ tote: 7, progress: 1 }); // capped at 1 while it waits
    expect(c.toteAt(1, 5)).toEqual({ tote: 8, progress: 0.75 });
  });
});

describe('Conveyor: capacity and spacing', () => {
  it('canAccept is false exactly when the belt holds `capacity` totes', () => {
    const c = new Conveyor(spec({ capacity: 3, gapTicks: 1 }));
    const seen: boolean[] = [];
    for (let t = 0; t < 5; t++) {
      c.now = t;
      seen.push(c.canAccept());
      if (c.canAccept()) c.accept(t, t);
    }
    expect(seen).toEqual([true, true, true, false, false]);
    expect(c.count).toBe(3);
    expect(c.maxOccupancy).toBe(3);
    // A tote leaving frees the place.
    const sink = new Gate();
    c.now = 5;
    c.step(5, () => sink);
    expect(sink.got).toEqual([{ tote: 0, tick: 5 }]);
    expect(c.canAccept()).toBe(true);
  });

  it('gapTicks spaces totes at the infeed: a feeder offering every tick gets in every gapTicks', () => {
    const c = new Conveyor(spec({ gapTicks: 3, capacity: 100, travelTicks: 1000 }));
    const entered: number[] = [];
    for (let t = 0; t < 20; t++) {
      c.now = t;
      if (c.canAccept()) {
        c.accept(t, t);
        entered.push(t);
      }
    }
    expect(entered).toEqual([0, 3, 6, 9, 12, 15, 18]);
  });

  it('spacing counts from the last entry, not from the start: a late first tote resets it', () => {
    const c = new Conveyor(spec({ gapTicks: 4, capacity: 100, travelTicks: 1000 }));
    c.now = 10;
    expect(c.canAccept()).toBe(true); // no entry yet: spacing does not apply
    c.accept(1, 10);
    const open: number[] = [];
    for (let t = 10; t < 20; t++) {
      c.now = t;
      if (c.canAccept()) open.push(t);
    }
    expect(open).toEqual([14, 15, 16, 17, 18, 19]);
  });

  it('canAccept reads `now`, which the network sets: a stale `now` refuses', () => {
    const c = new Conveyor(spec({ gapTicks: 2 }));
    c.now = 0;
    c.accept(1, 0);
    expect(c.canAccept()).toBe(false); // now still 0
    c.now = 1;
    expect(c.canAccept()).toBe(false);
    c.now = 2;
    expect(c.canAccept()).toBe(true);
  });
});

describe('Conveyor: figures', () => {
  it('blockedTicks, occupancySum, busyTicks and maxOccupancy on a hand-worked run', () => {
    // travel 3, capacity 2. Tote 1 enters at 0, tote 2 at 1. The sink refuses at ticks 3 and 4.
    //  tick  belt at step  event                       busy  occ  blocked
    //   0        0         (tote 1 enters after)        0     0     0
    //   1        1         (tote 2 enters after)        1     1     0
    //   2        2         full: a third is refused     2     3     0
    //   3        2         tote 1 ready, refused        3     5     1
    //   4        2         tote 1 ready, refused        4     7     2
    //   5        2         tote 1 leaves                5     9     2
    //   6        1         tote 2 leaves (ready at 4)   6    10     2
    //   7..9     0         idle                         6    10     2
    const c = new Conveyor(spec({ travelTicks: 3, capacity: 2 }));
    const sink = new Gate();
    const refusedAt: number[] = [];
    for (let t = 0; t < 10; t++) {
      sink.open = t !== 3 && t !== 4;
      tick(c, t, sink, () => {
        if (t <= 2) {
          if (c.canAccept()) c.accept(t + 1, t);
          else refusedAt.push(t);
        }
      });
    }
    expect(refusedAt).toEqual([2]);
    expect(sink.got).toEqual([
      { tote: 1, tick: 5 },
      { tote: 2, tick: 6 },
    ]);
    expect(c.busyTicks).toBe(6);
    expect(c.occupancySum).toBe(10);
    expect(c.blockedTicks).toBe(2);
    expect(c.maxOccupancy).toBe(2);
    expect(c.totesIn).toBe(2);
    expect(c.totesOut).toBe(2);
  });

  it('blockedTicks counts exactly the ticks the ready head tote waited, for any refusal length', () => {
    for (const N of [0, 1, 5, 17]) {
      const c = new Conveyor(spec({ travelTicks: 2 }));
      const sink = new Gate();
      c.accept(1, 0); // ready at 2
      c.accept(2, 0); // ready at 2, but behind tote 1
      for (let t = 0; t < 40; t++) {
        sink.open = t >= 2 + N;
        tick(c, t, sink);
      }
      // Only the head counts: tote 2 waiting behind tote 1 is not a blocked tick.
      expect(c.blockedTicks).toBe(N);
      expect(sink.got).toEqual([
        { tote: 1, tick: 2 + N },
        { tote: 2, tick: 3 + N },
      ]);
    }
  });

  it('a tote that is not yet ready is never counted as blocked', () => {
    const c = new Conveyor(spec({ travelTicks: 10 }));
    const sink = new Gate();
    sink.open = false;
    c.accept(1, 0);
    for (let t = 0; t < 10; t++) tick(c, t, sink);
    expect(c.blockedTicks).toBe(0);
    tick(c, 10, sink);
    expect(c.blockedTicks).toBe(1);
  });
});

describe('Conveyor: back-pressure through a chain', () => {
  it('three segments fill to capacity behind a refusing sink, the feeder is refused, then all drain in order', () => {
    // source -> A -> B -> C -> sink; every segment: travel 2, capacity 2, spacing 1.
    const mk = (name: string) => new Conveyor({ name, travelTicks: 2, capacity: 2, gapTicks: 1 });
    const A = mk('A');
    const B = mk('B');
    const C = mk('C');
    const sink = new Gate();
    const N = 30; // the sink refuses ticks 0..29
    let nextTote = 0;
    const fedAt: number[] = [];
    const refusedAt: number[] = [];
    const step = (t: number) => {
      sink.open = t >= N;
      for (const c of [A, B, C]) c.now = t;
      // Downstream first, as Outbound steps them.
      C.step(t, () => sink);
      B.step(t, () => C);
      A.step(t, () => B);
      if (A.canAccept()) {
        A.accept(nextTote++, t);
        fedAt.push(t);
      } else refusedAt.push(t);
    };
    for (let t = 0; t < N; t++) step(t);

    // Totes 0..5 got in one per tick; from tick 6 on everything is full.
    expect(fedAt).toEqual([0, 1, 2, 3, 4, 5]);
    expect(refusedAt).toEqual(Array.from({ length: N - 6 }, (_, k) => 6 + k));
    expect([A.count, B.count, C.count]).toEqual([2, 2, 2]);
    expect([A.canAccept(), B.canAccept(), C.canAccept()]).toEqual([false, false, false]);
    const belt = (c: Conveyor) => [c.toteAt(0, N).tote, c.toteAt(1, N).tote];
    expect(belt(C)).toEqual([0, 1]);
    expect(belt(B)).toEqual([2, 3]);
    expect(belt(A)).toEqual([4, 5]);
    // Tote 0 reached C's discharge at 6 (entered A 0, B 2, C 4); its heads in B and A were ready at 6 too.
    expect([A.blockedTicks, B.blockedTicks, C.blockedTicks]).toEqual([N - 6, N - 6, N - 6]);
    expect(sink.got).toEqual([]);

    // Open the sink: the whole chain moves one place every tick, FIFO end to end.
    for (let t = N; t <= N + 30; t++) step(t);
    expect(sink.got).toEqual(Array.from({ length: 31 }, (_, k) => ({ tote: k, tick: N + k })));
    // The feeder got in again from the tick the sink opened, one tote per tick.
    expect(fedAt.slice(6)).toEqual(Array.from({ length: 31 }, (_, k) => N + k));
    expect([A.count, B.count, C.count]).toEqual([2, 2, 2]);
    expect([A.totesOut, B.totesOut, C.totesOut]).toEqual([A.totesIn - 2, B.totesIn - 2, C.totesIn - 2]);
    // No new blocking once the sink accepts.
    expect([A.blockedTicks, B.blockedTicks, C.blockedTicks]).toEqual([N - 6, N - 6, N - 6]);
  });

  it('stepped upstream first, the same chain loses a tick per segment when it restarts', () => {
    // Contrast with the test above: order matters, which is why Outbound steps downstream first.
    const mk = (name: string) => new Conveyor({ name, travelTicks: 2, capacity: 2, gapTicks: 1 });
    const A = mk('A');
    const B = mk('B');
    const C = mk('C');
    const sink = new Gate();
    const N = 30;
    let nextTote = 0;
    for (let t = 0; t <= N + 1; t++) {
      sink.open = t >= N;
      for (const c of [A, B, C]) c.now = t;
      A.step(t, () => B);
      B.step(t, () => C);
      C.step(t, () => sink);
      if (A.canAccept()) A.accept(nextTote++, t);
    }
    // At tick N only C moved (B and A had asked before C freed a place); at N + 1 B moved into C.
    expect(sink.got).toEqual([
      { tote: 0, tick: N },
      { tote: 1, tick: N + 1 },
    ]);
    expect([A.count, B.count, C.count]).toEqual([2, 1, 1]);
  });
});
