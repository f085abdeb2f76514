import { describe, expect, it } from 'vitest';
import { rngStream } from '../../src/core/rng.js';
import { Sorter, type SorterHooks, type SorterSpec } from '../../src/outbound/sorter.js';
import { ToteBook } from '../../src/orders/totes.js';

function spec(over: Partial<SorterSpec> = {}): SorterSpec {
  return {
    name: 's',
    inductPerTick: 1,
    queueCapacity: 100,
    transitTicks: 2,
    onFull: 'recirculate',
    recirculateTicks: 4,
    maxRecirculations: 2,
    missortProbability: 0,
    reworkTicks: 7,
    rejectTicks: 10,
    chutes: [{ dock: 0, capacity: 100 }],
    emptying: { kind: 'worker', ticksPerItem: 1 },
    ...over,
  };
}

/** Records every hook call, in order. */
class Log implements SorterHooks {
  readonly atDock: [number, number, number][] = [];
  readonly sorted: [number, number][] = [];
  readonly emptied: [number, number][] = [];
  readonly all: string[] = [];
  constructor(private readonly onEmptied?: (t: number) => void) {}
  itemAtDock(o: number, dock: number, tick: number): void {
    this.atDock.push([o, dock, tick]);
    this.all.push(`dock ${o} ${dock} ${tick}`);
  }
  itemSorted(o: number, tick: number): void {
    this.sorted.push([o, tick]);
    this.all.push(`sorted ${o} ${tick}`);
  }
  toteEmptied(t: number, tick: number): void {
    this.emptied.push([t, tick]);
    this.all.push(`emptied ${t} ${tick}`);
    this.onEmptied?.(t);
  }
}

function setup(over: Partial<SorterSpec> = {}, opts: { seed?: string; ticksPerHour?: number; release?: boolean } = {}) {
  const book = new ToteBook(8);
  const log = new Log(opts.release ? (t) => book.release(t) : undefined);
  const sorter = new Sorter(spec(over), book, log, rngStream(opts.seed ?? 'test', 'sorter'), opts.ticksPerHour ?? 3600);
  /** Opens a tote of `items` units for order slot `o` bound for `dock` and hands it to the sorter. */
  const tote = (o: number, dock: number, items: number): number => {
    const t = book.open(o, dock);
    book.items[t] = items;
    sorter.accept(t);
    return t;
  };
  const run = (from: number, to: number) => {
    for (let t = from; t <= to; t++) sorter.step(t);
  };
  return { book, log, sorter, tote, run };
}

/** Chute k's records as [order, dock] pairs, front first. */
function chuteItems(s: Sorter, k: number): [number, number][] {
  const c = s.chute[k];
  return Array.from({ length: c.length }, (_, i) => [c.at(i, 0), c.at(i, 1)]);
}

/** A small deterministic generator for workloads (independent of the sorter's own stream). */
function lcg(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (Math.imul(s, 1664525) + 1013904223) >>> 0;
    return s / 2 ** 32;
  };
}

/** Inducts for ticks 0..999 with the induction never starved; returns items inducted. */
function inductedIn1000Ticks(rate: number): number {
  const { sorter, tote } = setup({ inductPerTick: rate, queueCapacity: 4, chutes: [{ dock: 0, capacity: 1_000_000 }] });
  for (let t = 0; t < 1000; t++) {
    while (sorter.canAccept()) tote(0, 0, 7);
    sorter.step(t);
  }
  return sorter.itemsInducted;
}

describe('Sorter: induction rate', () => {
  it.each([
    [0.25, 250],
    [0.5, 500],
    [1, 1000],
    [2, 2000],
    [3, 3000],
  ])('inductPerTick %d inducts exactly %i items in 1000 ticks', (rate, n) => {
    expect(inductedIn1000Ticks(rate)).toBe(n);
  });

  it('0.5 per tick: one item every second tick, the first once a whole token has built up', () => {
    // Transit 3: an item inducted at tick i drops into its chute at i + 3.
    const { log, tote, run } = setup({ inductPerTick: 0.5, transitTicks: 3 });
    tote(1, 0, 5);
    run(0, 20);
    expect(log.sorted.map((s) => s[1])).toEqual([4, 6, 8, 10, 12]); // inducted at 1, 3, 5, 7, 9
  });

  it('an idle induction does not bank more than one item', () => {
    const { log, tote, run } = setup({ inductPerTick: 0.25, transitTicks: 1 });
    run(0, 99); // 100 idle ticks
    tote(1, 0, 3);
    run(100, 120);
    // One item at once (the banked token), then one every fourth tick.
    expect(log.sorted.map((s) => s[1])).toEqual([101, 105, 109]);
  });

  // Fractions above one item per tick must carry over (capping the bank after adding the
  // rate would turn 1.5/tick into 1/tick and 2.5/tick into 2/tick).
  it.each([
    [1.5, 1500],
    [2.5, 2500],
  ])('inductPerTick %d inducts %i items in 1000 ticks (fractional rates above 1 accumulate)', (rate, n) => {
    expect(inductedIn1000Ticks(rate)).toBe(n);
  });
});

describe('Sorter: items to their chutes and docks', () => {
  it('items reach the chute of their dock transitTicks after induction; totes are emptied in turn', () => {
    const { log, sorter, tote, run } = setup({
      transitTicks: 5,
      chutes: [
        { dock: 0, capacity: 10 },
        { dock: 1, capacity: 10 },
        { dock: 2, capacity: 10 },
      ],
      emptying: { kind: 'timer', everyTicks: 1000 },
    });
    const a = tote(10, 2, 2);
    const b = tote(11, 0, 1);
    const c = tote(12, 1, 2);
    expect(sorter.queued).toBe(3);
    run(0, 999);
    // Inducted at 0, 1 (a), 2 (b), 3, 4 (c); dropped 5 ticks later.
    expect(log.sorted).toEqual([
      [10, 5],
      [10, 6],
      [11, 7],
      [12, 8],
      [12, 9],
    ]);
    expect(log.emptied).toEqual([
      [a, 1],
      [b, 2],
      [c, 4],
    ]);
    expect(chuteItems(sorter, 0)).toEqual([[11, 0]]);
    expect(chuteItems(sorter, 1)).toEqual([
      [12, 1],
      [12, 1],
    ]);
    expect(chuteItems(sorter, 2)).toEqual([
      [10, 2],
      [10, 2],
    ]);
    expect(log.atDock).toEqual([]);
    expect(sorter.looseItems()).toBe(5);
    expect(sorter.queued).toBe(0);
    expect(sorter.totesInducted).toBe(3);
    expect(sorter.itemsInducted).toBe(5);
    expect(sorter.itemsSorted).toBe(5);
    expect(Array.from(sorter.chuteMax)).toEqual([1, 2, 2]);
    // The timer empties every chute at tick 1000, chute by chute.
    run(1000, 1000);
    expect(log.atDock).toEqual([
      [11, 0, 1000],
      [12, 1, 1000],
      [12, 1, 1000],
      [10, 2, 1000],
      [10, 2, 1000],
    ]);
    expect(sorter.looseItems()).toBe(0);
  });

  it('a dock with several chutes fills the least full one (the first on a tie)', () => {
    const { sorter, tote, run } = setup({
      chutes: [
        { dock: 0, capacity: 10 },
        { dock: 0, capacity: 10 },
        { dock: 1, capacity: 10 },
      ],
      emptying: { kind: 'timer', everyTicks: 1000 },
    });
    tote(1, 0, 5);
    run(1, 20);
    expect([sorter.chute[0].length, sorter.chute[1].length, sorter.chute[2].length]).toEqual([3, 2, 0]);
    expect(sorter.serves(0)).toBe(true);
    expect(sorter.serves(1)).toBe(true);
    expect(sorter.serves(2)).toBe(false);
  });

  it('totesInducted counts a tote when its unpacking starts; queued includes the tote being unpacked', () => {
    const { sorter, tote, run } = setup({ inductPerTick: 0.5 });
    tote(1, 0, 3);
    tote(2, 0, 1);
    run(0, 0);
    expect([sorter.totesInducted, sorter.itemsInducted, sorter.queued]).toEqual([0, 0, 2]);
    run(1, 1);
    expect([sorter.totesInducted, sorter.itemsInducted, sorter.queued]).toEqual([1, 1, 2]);
    run(2, 5); // items at 3 and 5: the first tote is empty at 5
    expect([sorter.totesInducted, sorter.itemsInducted, sorter.queued]).toEqual([1, 3, 1]);
    run(6, 7);
    expect([sorter.totesInducted, sorter.itemsInducted, sorter.queued]).toEqual([2, 4, 0]);
  });

  it('the induction unpacks the tote in the book: items[t] counts down to 0', () => {
    const { book, tote, run } = setup();
    const t = tote(1, 0, 4);
    const left: number[] = [];
    for (let k = 0; k < 5; k++) {
      run(k, k);
      left.push(book.items[t]);
    }
    expect(left).toEqual([3, 2, 1, 0, 0]);
  });

  it('itemAtDock once per item with its order and dock; toteEmptied once per tote at its last item', () => {
    const { log, sorter, tote, run } = setup({
      inductPerTick: 1,
      transitTicks: 3,
      chutes: [
        { dock: 4, capacity: 50 },
        { dock: 7, capacity: 50 },
      ],
      emptying: { kind: 'worker', ticksPerItem: 1 },
    });
    const plan: [number, number, number][] = [
      [0, 4, 3],
      [1, 7, 1],
      [2, 4, 2],
      [3, 7, 4],
      [4, 4, 1],
    ];
    const totes = plan.map(([o, d, n]) => tote(o, d, n));
    run(0, 100);
    const perOrder = new Map<number, number>();
    for (const [o, dock] of log.atDock) {
      expect(dock).toBe(plan[o][1]);
      perOrder.set(o, (perOrder.get(o) ?? 0) + 1);
    }
    expect([...perOrder.entries()].sort((x, y) => x[0] - y[0])).toEqual(plan.map(([o, , n]) => [o, n]));
    // Items are inducted 0..10 in tote order; each tote is emptied at the tick of its last item.
    expect(log.emptied).toEqual([
      [totes[0], 2],
      [totes[1], 3],
      [totes[2], 5],
      [totes[3], 9],
      [totes[4], 10],
    ]);
    // With one tick per item and one item per tick, every item reaches its dock the tick it drops.
    expect(log.atDock.map((a) => a[2])).toEqual(Array.from({ length: 11 }, (_, k) => k + 3));
    expect(log.sorted.map((s) => s[1])).toEqual(Array.from({ length: 11 }, (_, k) => k + 3));
    expect([sorter.totesInducted, sorter.itemsInducted, sorter.itemsSorted, sorter.looseItems()]).toEqual([5, 11, 11, 0]);
  });
});

describe('Sorter: chute emptying', () => {
  it('a worker empties one item per ticksPerItem, counting the tick an item lands', () => {
    const { log, tote, run } = setup({ emptying: { kind: 'worker', ticksPerItem: 3 } });
    tote(1, 0, 3); // inducted 0, 1, 2; dropped 2, 3, 4
    run(0, 30);
    expect(log.atDock).toEqual([
      [1, 0, 4],
      [1, 0, 7],
      [1, 0, 10],
    ]);
  });

  it('ticksPerItem 1 sends an item on the tick it lands; 0.5 empties two a tick', () => {
    const one = setup({ emptying: { kind: 'worker', ticksPerItem: 1 } });
    one.tote(1, 0, 3);
    one.run(0, 30);
    expect(one.log.atDock.map((a) => a[2])).toEqual([2, 3, 4]);

    // Rate 3 a tick: 6 items inducted at 0 and 1, landing 3 at 2 and 3 at 3; the worker does 2 a tick.
    const half = setup({ inductPerTick: 3, emptying: { kind: 'worker', ticksPerItem: 0.5 } });
    half.tote(1, 0, 6);
    half.run(0, 30);
    expect(half.log.atDock.map((a) => a[2])).toEqual([2, 2, 3, 3, 4, 4]);
  });

  it("the worker's progress restarts when the chute runs empty (no credit carried over idle ticks)", () => {
    const { log, tote, run } = setup({ emptying: { kind: 'worker', ticksPerItem: 2.5 } });
    tote(1, 0, 1); // inducted 0, lands 2; progress 1, 2, 3 -> leaves 4 with 0.5 to spare
    run(0, 7);
    tote(2, 0, 1); // inducted 8, lands 10; the spare half tick is gone: 1, 2, 3 -> leaves 12
    run(8, 30);
    expect(log.atDock).toEqual([
      [1, 0, 4],
      [2, 0, 12],
    ]);
  });

  it('a busy worker carries fractional progress from item to item', () => {
    // 2.5 ticks an item on a chute that never runs dry: 2 items every 5 ticks.
    const { log, tote, run } = setup({ inductPerTick: 3, emptying: { kind: 'worker', ticksPerItem: 2.5 } });
    tote(1, 0, 6); // lands 3 at 2 and 3 at 3
    run(0, 40);
    // progress: 2:1 3:2 4:3->0.5 out, 5:1.5 6:2.5->0 out, 7:1 8:2 9:3->0.5 out, 10:1.5 11:2.5 out, 12..14 -> 14 out, 16 out
    expect(log.atDock.map((a) => a[2])).toEqual([4, 6, 9, 11, 14, 16]);
  });

  it('each chute has its own worker', () => {
    const { log, tote, run } = setup({
      inductPerTick: 2,
      chutes: [
        { dock: 0, capacity: 10 },
        { dock: 1, capacity: 10 },
      ],
      emptying: { kind: 'worker', ticksPerItem: 4 },
    });
    tote(1, 0, 1);
    tote(2, 1, 1); // both inducted at 0 (first tote, then the next), both land at 2
    run(0, 20);
    expect(log.atDock).toEqual([
      [1, 0, 5],
      [2, 1, 5],
    ]);
  });

  it('a timer empties every chute completely every N ticks', () => {
    const { log, tote, run } = setup({ emptying: { kind: 'timer', everyTicks: 5 } });
    tote(1, 0, 7); // inducted 0..6, land 2..8
    run(0, 30);
    // Items landing at 2, 3, 4, 5 leave at 5 (the landing comes before the emptying); 6, 7, 8 at 10.
    expect(log.atDock.map((a) => a[2])).toEqual([5, 5, 5, 5, 10, 10, 10]);
  });
});

describe('Sorter: queue capacity', () => {
  it('canAccept is false while queueCapacity totes wait, the one being unpacked included', () => {
    const { sorter, tote, run } = setup({ queueCapacity: 2 });
    expect(sorter.canAccept()).toBe(true);
    tote(1, 0, 3);
    expect(sorter.canAccept()).toBe(true);
    tote(2, 0, 1);
    expect(sorter.canAccept()).toBe(false);
    run(0, 1); // two items of the first tote out
    expect(sorter.canAccept()).toBe(false);
    run(2, 2); // the first tote is empty
    expect(sorter.queued).toBe(1);
    expect(sorter.canAccept()).toBe(true);
  });
});

describe('Sorter: full chutes', () => {
  const base: Partial<SorterSpec> = {
    transitTicks: 2,
    recirculateTicks: 4,
    maxRecirculations: 2,
    rejectTicks: 10,
    chutes: [{ dock: 0, capacity: 1 }],
    emptying: { kind: 'timer', everyTicks: 1000 },
  };

  it('recirculate: laps every recirculateTicks, then the reject lane, then the dock rejectTicks later', () => {
    const { log, sorter, tote, run } = setup({ ...base, onFull: 'recirculate' });
    tote(5, 0, 2); // item A inducted at 1, item B at 2
    run(1, 3);
    expect(log.sorted).toEqual([[5, 3]]); // A fills the chute
    run(4, 4); // B finds it full: lap 1, back at 8
    expect(sorter.recirculations).toBe(1);
    run(5, 8); // lap 2, back at 12
    expect(sorter.recirculations).toBe(2);
    expect(sorter.rejects).toBe(0);
    run(9, 12); // out of laps: reject lane, at the dock at 22
    expect(sorter.recirculations).toBe(2);
    expect(sorter.rejects).toBe(1);
    expect(sorter.looseItems()).toBe(2); // A in the chute, B on the reject lane
    run(13, 21);
    expect(log.atDock).toEqual([]);
    run(22, 22);
    expect(log.atDock).toEqual([[5, 0, 22]]);
    expect(sorter.looseItems()).toBe(1);
    run(23, 1000); // the timer empties the chute at 1000
    expect(log.atDock).toEqual([
      [5, 0, 22],
      [5, 0, 1000],
    ]);
    expect(log.sorted).toEqual([[5, 3]]); // a rejected item is never "sorted"
    expect(sorter.itemsSorted).toBe(1);
    // Full from the step at 3 through the step at 999.
    expect(Array.from(sorter.chuteFullTicks)).toEqual([997]);
    expect(Array.from(sorter.chuteMax)).toEqual([1]);
    expect(sorter.looseItems()).toBe(0);
  });

  it('a recirculating item drops in once its chute has room', () => {
    const { log, sorter, tote, run } = setup({ ...base, emptying: { kind: 'worker', ticksPerItem: 5 } });
    tote(5, 0, 2);
    // A lands at 3 and leaves at 7; B is turned away at 4 and comes round at 8 to an empty chute.
    run(1, 30);
    expect(log.sorted).toEqual([
      [5, 3],
      [5, 8],
    ]);
    expect(log.atDock).toEqual([
      [5, 0, 7],
      [5, 0, 12],
    ]);
    expect(sorter.recirculations).toBe(1);
    expect(sorter.rejects).toBe(0);
  });

  it("onFull 'reject' sends the item straight to the reject lane", () => {
    const { log, sorter, tote, run } = setup({ ...base, onFull: 'reject' });
    tote(5, 0, 2);
    run(1, 30);
    expect(sorter.recirculations).toBe(0);
    expect(sorter.rejects).toBe(1);
    expect(log.atDock).toEqual([[5, 0, 14]]); // turned away at 4, + 10
  });

  it('maxRecirculations 0 behaves like reject', () => {
    const { log, sorter, tote, run } = setup({ ...base, onFull: 'recirculate', maxRecirculations: 0 });
    tote(5, 0, 2);
    run(1, 30);
    expect(sorter.recirculations).toBe(0);
    expect(sorter.rejects).toBe(1);
    expect(log.atDock).toEqual([[5, 0, 14]]);
  });

  it('an item for a dock no chute serves goes to the reject lane and reaches its dock by hand', () => {
    const { log, sorter, tote, run } = setup({ ...base, chutes: [{ dock: 0, capacity: 5 }] });
    tote(9, 3, 1); // inducted at 1, lands at 3
    run(1, 30);
    expect(sorter.rejects).toBe(1);
    expect(log.sorted).toEqual([]);
    expect(log.atDock).toEqual([[9, 3, 13]]);
  });
});

describe('Sorter: mis-sorts', () => {
  const two: Partial<SorterSpec> = {
    transitTicks: 5,
    reworkTicks: 7,
    chutes: [
      { dock: 0, capacity: 10 },
      { dock: 1, capacity: 10 },
    ],
    emptying: { kind: 'worker', ticksPerItem: 1 },
  };

  it('missortProbability 1 with 2 chutes: always the other chute, back after reworkTicks, round and round', () => {
    const { log, sorter, tote, run } = setup({ ...two, missortProbability: 1 }, { ticksPerHour: 50 });
    tote(3, 0, 1);
    // Inducted 0, lands in chute 1 at 5 and leaves for dock 1 at once, found there and back at 12,
    // re-inducted at 12, lands at 17, ... : lands at 5, 17, 29, ..., 89; re-inducted at 12, 24, ..., 96.
    run(0, 5);
    expect(chuteItems(sorter, 1)).toEqual([]); // already emptied to dock 1 at 5
    expect(sorter.missorts).toBe(1);
    expect(sorter.looseItems()).toBe(1); // on its way back
    run(6, 100);
    expect(sorter.missorts).toBe(8);
    expect(sorter.itemsSorted).toBe(0); // only a landing in its own dock's chute counts as sorted
    expect(log.sorted).toEqual([]);
    expect(log.atDock).toEqual([]);
    expect(sorter.itemsInducted).toBe(9);
    expect(sorter.looseItems()).toBe(1);
    expect(sorter.sortedPerHour).toEqual([]);
  });

  it('missortProbability 1 with 3 chutes never uses the own chute and uses both others', () => {
    const { sorter, tote, run } = setup({
      missortProbability: 1,
      reworkTicks: 1_000_000,
      chutes: [
        { dock: 0, capacity: 1000 },
        { dock: 1, capacity: 1000 },
        { dock: 2, capacity: 1000 },
      ],
      emptying: { kind: 'timer', everyTicks: 1_000_000 },
    });
    tote(1, 0, 400);
    run(1, 500);
    expect(sorter.chute[0].length).toBe(0);
    expect(sorter.chute[1].length + sorter.chute[2].length).toBe(400);
    expect(sorter.chute[1].length).toBeGreaterThan(150);
    expect(sorter.chute[2].length).toBeGreaterThan(150);
    expect(sorter.missorts).toBe(400);
  });

  it('missortProbability 0.3: every item still reaches its own dock, each mis-sort costing one rework lap', () => {
    const { log, sorter, book, tote } = setup(
      { ...two, transitTicks: 3, reworkTicks: 20, missortProbability: 0.3, queueCapacity: 4 },
      { release: true },
    );
    const rand = lcg(7);
    const want = new Map<number, { dock: number; items: number }>();
    let total = 0;
    let o = 0;
    let t = 0;
    for (; t < 40000 && (o < 400 || sorter.queued > 0 || sorter.looseItems() > 0); t++) {
      while (o < 400 && sorter.canAccept()) {
        const n = 1 + Math.floor(rand() * 5);
        const dock = o % 2;
        want.set(o, { dock, items: n });
        total += n;
        tote(o++, dock, n);
      }
      sorter.step(t);
    }
    expect(t).toBeLessThan(40000);
    const got = new Map<number, number>();
    for (const [ord, dock] of log.atDock) {
      expect(dock).toBe(want.get(ord)!.dock);
      got.set(ord, (got.get(ord) ?? 0) + 1);
    }
    for (const [ord, w] of want) expect(got.get(ord)).toBe(w.items);
    expect(log.atDock.length).toBe(total);
    expect(log.sorted.length).toBe(total); // each item lands in its own chute exactly once
    expect(log.emptied.length).toBe(400);
    // Each item is sorted once; each mis-sort costs one extra induction.
    expect(sorter.missorts).toBeGreaterThan(0);
    expect(sorter.itemsSorted).toBe(total);
    expect(sorter.itemsInducted).toBe(total + sorter.missorts);
    const rate = sorter.missorts / (sorter.itemsSorted + sorter.missorts);
    expect(rate).toBeGreaterThan(0.26);
    expect(rate).toBeLessThan(0.34);
    expect(sorter.rejects).toBe(0);
    expect(sorter.looseItems()).toBe(0);
    expect(book.live).toBe(0);
  });
});

describe('Sorter: conservation and determinism', () => {
  /** A busy, messy run: small chutes, recirculation and rejects, mis-sorts, several docks, random totes. */
  function messyRun(seed: string, onTick?: (t: number, s: Sorter, book: ToteBook, accepted: number, delivered: number) => void) {
    const ctx = setup(
      {
        inductPerTick: 0.75,
        queueCapacity: 3,
        transitTicks: 4,
        recirculateTicks: 6,
        maxRecirculations: 2,
        missortProbability: 0.2,
        reworkTicks: 15,
        rejectTicks: 25,
        chutes: [
          { dock: 0, capacity: 2 },
          { dock: 1, capacity: 3 },
          { dock: 1, capacity: 1 },
          { dock: 2, capacity: 2 },
        ],
        emptying: { kind: 'worker', ticksPerItem: 2.5 },
      },
      { seed, release: true, ticksPerHour: 500 },
    );
    const { sorter, book, log, tote } = ctx;
    const rand = lcg(12345);
    let accepted = 0;
    let o = 0;
    const dockOf: number[] = [];
    for (let t = 0; t < 6000; t++) {
      // Totes arrive in bursts during the first 4000 ticks; then the sorter drains.
      if (t < 4000 && rand() < 0.35) {
        while (sorter.canAccept() && rand() < 0.7) {
          const n = 1 + Math.floor(rand() * 6);
          accepted += n;
          const dock = Math.floor(rand() * 4) % 3; // dock 0 twice as often as 1 and 2
          dockOf.push(dock);
          tote(o, dock, n);
          o++;
        }
      }
      onTick?.(t, sorter, book, accepted, log.atDock.length);
      sorter.step(t);
      onTick?.(t, sorter, book, accepted, log.atDock.length);
    }
    return { ...ctx, accepted, dockOf };
  }

  it('at every tick: items accepted = items still in queued totes + loose on the sorter + delivered to docks', () => {
    const bad: string[] = [];
    const { sorter, log, accepted, book, dockOf } = messyRun('conserve', (t, s, b, acc, delivered) => {
      // Totes are released when emptied, so the book's open totes are exactly the queued ones.
      const inTotes = b.itemsInTotes();
      if (acc !== inTotes + s.looseItems() + delivered && bad.length < 5) {
        bad.push(`tick ${t}: ${acc} != ${inTotes} + ${s.looseItems()} + ${delivered}`);
      }
    });
    expect(bad).toEqual([]);
    // The run exercised every path and drained.
    expect(accepted).toBeGreaterThan(1500);
    expect(sorter.recirculations).toBeGreaterThan(0);
    expect(sorter.rejects).toBeGreaterThan(0);
    expect(sorter.missorts).toBeGreaterThan(0);
    expect(log.atDock.length).toBe(accepted);
    expect(sorter.looseItems()).toBe(0);
    expect(book.live).toBe(0);
    expect(book.released).toBe(book.created);
    // Every delivery is at the order's own dock, mis-sorted and rejected items included.
    expect(log.atDock.filter(([o, dock]) => dockOf[o] !== dock)).toEqual([]);
    expect(sorter.itemsSorted).toBe(sortedPerHourTotal(sorter));
  });

  it('the same seed gives the same sequence of hook calls; another seed a different one', () => {
    const a = messyRun('same');
    const b = messyRun('same');
    const c = messyRun('other');
    expect(a.log.all.length).toBeGreaterThan(3000);
    expect(b.log.all).toEqual(a.log.all);
    expect([b.sorter.missorts, b.sorter.recirculations, b.sorter.rejects]).toEqual([
      a.sorter.missorts,
      a.sorter.recirculations,
      a.sorter.rejects,
    ]);
    expect(c.log.all).not.toEqual(a.log.all);
    // Either way every accepted item is delivered (how many totes got in depends on the draws).
    expect(a.log.atDock.length).toBe(a.accepted);
    expect(c.log.atDock.length).toBe(c.accepted);
  });
});

function sortedPerHourTotal(s: Sorter): number {
  return s.sortedPerHour.reduce((x, y) => x + y, 0);
}

describe('Sorter: sortedPerHour', () => {
  it('counts landings per simulated hour, with zeros for hours without any', () => {
    // 10 ticks an hour; 25 items inducted 0..24 land 3..27: hour 0 has 3..9, hour 1 10..19, hour 2 20..27.
    const { sorter, tote, run } = setup({ transitTicks: 3, chutes: [{ dock: 0, capacity: 100 }] }, { ticksPerHour: 10 });
    tote(1, 0, 25);
    run(0, 40);
    expect(sorter.sortedPerHour).toEqual([7, 10, 8]);
    tote(2, 0, 1); // inducted 41, lands 44: hour 4
    run(41, 60);
    expect(sorter.sortedPerHour).toEqual([7, 10, 8, 0, 1]);
    expect(sorter.itemsSorted).toBe(26);
  });

  it('nothing landed: an empty list', () => {
    const { sorter, run } = setup({}, { ticksPerHour: 10 });
    run(0, 100);
    expect(sorter.sortedPerHour).toEqual([]);
  });
});
