import { describe, expect, it } from 'vitest';
import type { ConveyorConfig, NodeRef, OutboundConfig } from '../../src/outbound/config.js';
import { rngStream } from '../../src/core/rng.js';
import { Outbound, type OutboundHooks } from '../../src/outbound/outbound.js';
import type { SorterSpec } from '../../src/outbound/sorter.js';
import { ToteBook } from '../../src/orders/totes.js';

function conveyor(
  name: string,
  to: NodeRef,
  over: Partial<ConveyorConfig> = {},
  divert: ConveyorConfig['divert'] = [],
): ConveyorConfig {
  return { name, travelTicks: 3, capacity: 3, gapTicks: 1, to, divert, cells: new Int32Array(0), ...over };
}

function sorter(over: Partial<SorterSpec> = {}): SorterSpec & { cell: number } {
  return {
    name: 'sorter',
    cell: -1,
    inductPerTick: 1,
    queueCapacity: 2,
    transitTicks: 2,
    onFull: 'recirculate',
    recirculateTicks: 5,
    maxRecirculations: 2,
    missortProbability: 0,
    reworkTicks: 10,
    rejectTicks: 10,
    chutes: [{ dock: 1, capacity: 10 }],
    emptying: { kind: 'worker', ticksPerItem: 1 },
    ...over,
  };
}

function docks(n: number): OutboundConfig['docks'] {
  return Array.from({ length: n }, (_, k) => ({
    name: `dock${k}`,
    cutoffs: [],
    leadTicks: 0,
    dayTicks: 86400,
    startOfDayTick: 0,
    cell: -1,
    share: 1 / n,
  }));
}

/** Records every hook call. */
class Log implements OutboundHooks {
  readonly totes: [number, number, number][] = [];
  /** Order slot of each tote delivered whole (read before the tote is released). */
  readonly toteOrders: number[] = [];
  readonly items: [number, number, number][] = [];
  readonly sorted: [number, number][] = [];
  readonly emptied: [number, number][] = [];
  constructor(private readonly book: ToteBook) {}
  // Arrow properties: Outbound hands `hooks.toteAtDock` to the docks unbound.
  toteAtDock = (t: number, dock: number, tick: number): void => {
    this.totes.push([t, dock, tick]);
    this.toteOrders.push(this.book.order[t]);
    this.book.release(t);
  };
  itemAtDock = (o: number, dock: number, tick: number): void => {
    this.items.push([o, dock, tick]);
  };
  itemSorted = (o: number, tick: number): void => {
    this.sorted.push([o, tick]);
  };
  toteEmptied = (t: number, tick: number): void => {
    this.emptied.push([t, tick]);
    this.book.release(t);
  };
}

function build(config: OutboundConfig) {
  const book = new ToteBook(8);
  const log = new Log(book);
  const ob = new Outbound(config, book, log, rngStream('outbound-test', 'sorter'), 3600);
  const open = (o: number, dock: number, items: number): number => {
    const t = book.open(o, dock);
    book.items[t] = items;
    return t;
  };
  return { book, log, ob, open };
}

/**
 * Two infeeds (0, 1) merge into a main line (2). The main line diverts dock 0's totes to
 * dock 0 directly; everything else goes on to the sorter, whose one chute serves dock 1.
 * The conveyors are listed upstream first on purpose.
 */
function mergeDivertConfig(over: { main?: Partial<ConveyorConfig>; sorter?: Partial<SorterSpec> } = {}): OutboundConfig {
  return {
    conveyors: [
      conveyor('in0', { kind: 'conveyor', index: 2 }),
      conveyor('in1', { kind: 'conveyor', index: 2 }),
      conveyor('main', { kind: 'sorter', index: 0 }, { travelTicks: 4, capacity: 4, ...over.main }, [
        { dock: 0, to: { kind: 'dock', index: 0 } },
      ]),
    ],
    sorters: [sorter(over.sorter)],
    agvs: [],
    docks: docks(2),
    stationOutfeed: [
      { kind: 'conveyor', index: 0 },
      { kind: 'conveyor', index: 1 },
    ],
    stagingCapacity: 4,
  };
}

describe('Outbound: wiring', () => {
  it('sink() resolves references to the nodes it built', () => {
    const { ob } = build(mergeDivertConfig());
    expect(ob.sink({ kind: 'conveyor', index: 1 })).toBe(ob.conveyors[1]);
    expect(ob.sink({ kind: 'sorter', index: 0 })).toBe(ob.sorters[0]);
    expect(ob.sink({ kind: 'dock', index: 1 })).toBe(ob.docks[1]);
    expect(ob.conveyors.map((c) => c.spec.name)).toEqual(['in0', 'in1', 'main']);
    expect(ob.docks.map((d) => d.index)).toEqual([0, 1]);
    expect(ob.totesHeld()).toBe(0);
  });
});

describe('Outbound: merge and divert', () => {
  it('a dock-0 tote is diverted to dock 0; a dock-1 tote goes through the sorter to dock 1 (exact ticks)', () => {
    const { ob, log, open, book } = build(mergeDivertConfig());
    const [in0, in1, main] = ob.conveyors;
    const a = open(8, 0, 3);
    const b = open(9, 1, 2);
    const held: number[] = [];
    for (let t = 0; t <= 20; t++) {
      ob.step(t);
      // Staged totes enter after the equipment moved, as the equipment stage does.
      if (t === 0) in0.accept(a, 0);
      if (t === 1) in1.accept(b, 1);
      held.push(ob.totesHeld());
    }
    // a: in0 0..3, main 3..7, diverted to dock 0 at 7.
    // b: in1 1..4, main 4..8, into the sorter queue at 8 (the sorter has already stepped that tick);
    // inducted at 9 and 10, lands and is emptied to dock 1 at 11 and 12.
    expect(log.totes).toEqual([[a, 0, 7]]);
    expect(log.toteOrders).toEqual([8]);
    expect([in0.blockedTicks, in1.blockedTicks, main.blockedTicks]).toEqual([0, 0, 0]);
    expect(log.emptied).toEqual([[b, 10]]);
    expect(log.sorted).toEqual([
      [9, 11],
      [9, 12],
    ]);
    expect(log.items).toEqual([
      [9, 1, 11],
      [9, 1, 12],
    ]);
    expect(ob.docks[0].totesIn).toBe(1);
    expect(ob.docks[1].totesIn).toBe(0);
    expect(main.totesIn).toBe(2);
    expect(main.totesOut).toBe(2);
    expect(ob.sorters[0].totesInducted).toBe(1);
    // Held: a from tick 0, b from 1; a leaves at 7; b is in the sorter queue 8..9 and emptied at 10.
    expect(held).toEqual([1, 2, 2, 2, 2, 2, 2, 1, 1, 1, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0]);
    expect(book.live).toBe(0);
  });

  it('many totes from both infeeds: each ends at its own dock, whole or item by item, in order per infeed', () => {
    const { ob, log, open } = build(mergeDivertConfig({ sorter: { queueCapacity: 3, inductPerTick: 2 } }));
    const [in0, in1] = ob.conveyors;
    const dockOf = new Map<number, number>(); // order -> dock
    const itemsOf = new Map<number, number>();
    const toteOrder = new Map<number, number>();
    const waiting: number[][] = [[], []];
    let o = 0;
    const fed: number[][] = [[], []];
    for (let t = 0; t < 3000; t++) {
      ob.step(t);
      // Each infeed gets a new tote every third tick (in1 offset by one) for the first 1500 ticks.
      for (const s of [0, 1]) {
        if (t < 1500 && (t + s) % 3 === 0) {
          const dock = (o * 7) % 5 < 2 ? 0 : 1;
          const n = 1 + (o % 3);
          const tote = open(o, dock, n);
          dockOf.set(o, dock);
          itemsOf.set(o, n);
          toteOrder.set(tote, o);
          waiting[s].push(tote);
          o++;
        }
        const conv = s === 0 ? in0 : in1;
        if (waiting[s].length > 0 && conv.canAccept()) {
          const tote = waiting[s].shift()!;
          conv.accept(tote, t);
          fed[s].push(toteOrder.get(tote)!);
        }
      }
    }
    expect(waiting).toEqual([[], []]);
    expect(ob.totesHeld()).toBe(0);
    // Whole totes only at dock 0; items only at dock 1.
    for (const [, dock] of log.totes) expect(dock).toBe(0);
    for (const [ord, dock] of log.items) {
      expect(dock).toBe(1);
      expect(dockOf.get(ord)).toBe(1);
    }
    // Every dock-0 order arrived whole exactly once, and only those.
    const dock0 = [...dockOf.entries()].filter(([, d]) => d === 0).map(([ord]) => ord);
    expect([...log.toteOrders].sort((x, y) => x - y)).toEqual(dock0);
    expect(dock0.length).toBeGreaterThan(100);
    const itemsPerOrder = new Map<number, number>();
    for (const [ord] of log.items) itemsPerOrder.set(ord, (itemsPerOrder.get(ord) ?? 0) + 1);
    for (const [ord, d] of dockOf) if (d === 1) expect(itemsPerOrder.get(ord)).toBe(itemsOf.get(ord));
    // Per infeed, dock-1 orders are sorted (first item landing) in the order they were fed: FIFO end to end.
    const sortedOrders = log.sorted.map(([ord]) => ord).filter((ord, k, all) => all.indexOf(ord) === k);
    for (const s of [0, 1]) {
      const mine = new Set(fed[s]);
      expect(sortedOrders.filter((ord) => mine.has(ord))).toEqual(fed[s].filter((ord) => dockOf.get(ord) === 1));
    }
  });
});

describe('Outbound: conveyors are stepped downstream first', () => {
  it('a full chain moves up by one place in the tick the sorter frees its queue', () => {
    // in0 (travel 1, capacity 2) -> main (travel 1, capacity 2) -> sorter (queue 1, 1 item a tick).
    const cfg = mergeDivertConfig({
      main: { travelTicks: 1, capacity: 2 },
      sorter: { queueCapacity: 1 },
    });
    cfg.conveyors[0] = conveyor('in0', { kind: 'conveyor', index: 2 }, { travelTicks: 1, capacity: 2 });
    const { ob, log, open } = build(cfg);
    const [in0, , main] = ob.conveyors;
    const fedAt: number[] = [];
    let o = 0;
    const heldAfterFive: number[] = [];
    for (let t = 0; t <= 30; t++) {
      ob.step(t);
      if (in0.canAccept()) {
        in0.accept(open(o++, 1, 5), t);
        fedAt.push(t);
      }
      if (t === 5) heldAfterFive.push(ob.totesHeld(), in0.count, main.count, ob.sorters[0].queued);
    }
    // Totes 0..4 get in at once; then the chain is full (in0 2, main 2, sorter 1). Each tote takes
    // 5 ticks to unpack; the tick a tote is emptied, main hands its head to the sorter, in0 its head
    // to main, and a new tote gets onto in0: all in the same tick.
    expect(log.emptied.map(([, t]) => t)).toEqual([7, 12, 17, 22, 27]);
    expect(fedAt).toEqual([0, 1, 2, 3, 4, 7, 12, 17, 22, 27]);
    expect(heldAfterFive).toEqual([5, 2, 2, 1]);
  });

  it('a chain declared upstream first (with a divert onto a conveyor) still moves one tote a tick', () => {
    // A -> B; B diverts dock 0 to C (its default goes to dock 1); C -> dock 0. Travel 2, capacity 2:
    // only downstream-first stepping keeps a saturated chain moving every tick.
    const cfg: OutboundConfig = {
      conveyors: [
        conveyor('A', { kind: 'conveyor', index: 1 }, { travelTicks: 2, capacity: 2 }),
        conveyor('B', { kind: 'dock', index: 1 }, { travelTicks: 2, capacity: 2 }, [
          { dock: 0, to: { kind: 'conveyor', index: 2 } },
        ]),
        conveyor('C', { kind: 'dock', index: 0 }, { travelTicks: 2, capacity: 2 }),
      ],
      sorters: [],
      agvs: [],
      docks: docks(2),
      stationOutfeed: [],
      stagingCapacity: 1,
    };
    const { ob, log, open } = build(cfg);
    const A = ob.conveyors[0];
    const totes: number[] = [];
    for (let t = 0; t < 60; t++) {
      ob.step(t);
      if (t < 40) {
        expect(A.canAccept()).toBe(true); // never backs up
        const tote = open(t, 0, 1);
        totes.push(tote);
        A.accept(tote, t);
      }
    }
    // Tote fed at t reaches dock 0 at t + 6, one every tick, none to dock 1.
    expect(log.totes.map(([, d, tick]) => [d, tick])).toEqual(Array.from({ length: 40 }, (_, t) => [0, t + 6]));
    expect(ob.conveyors.map((c) => c.blockedTicks)).toEqual([0, 0, 0]);
    expect(ob.totesHeld()).toBe(0);
  });

  it('a merge takes one of two simultaneous totes and the other a tick later', () => {
    const { ob, log, open } = build(mergeDivertConfig());
    const [in0, in1] = ob.conveyors;
    for (let t = 0; t <= 40; t++) {
      ob.step(t);
      // Pairs offered on both infeeds at 0 (both ready at 3) and at 11 (both ready at 14).
      if (t === 0 || t === 11) {
        in0.accept(open(100 + t, 0, 1), t);
        in1.accept(open(200 + t, 0, 1), t);
      }
    }
    expect(log.totes.map(([, d, tick]) => [d, tick])).toEqual([
      [0, 7],
      [0, 8],
      [0, 18],
      [0, 19],
    ]);
    expect([...log.toteOrders].sort()).toEqual([100, 111, 200, 211]);
    // Each pair: the loser waited exactly one tick for the main line's spacing.
    expect(in0.blockedTicks + in1.blockedTicks).toBe(2);
  });

  for (const feeders of [2, 3]) {
    it(`a saturated merge of ${feeders} infeeds takes from each in turn (none starves)`, () => {
      const conveyors = Array.from({ length: feeders }, (_, k) => conveyor(`in${k}`, { kind: 'conveyor', index: feeders }));
      conveyors.push(conveyor('main', { kind: 'dock', index: 0 }, { travelTicks: 4, capacity: 4 }));
      const { ob, log, open } = build({
        conveyors,
        sorters: [],
        agvs: [],
        docks: docks(1),
        stationOutfeed: [],
        stagingCapacity: 1,
      });
      const ins = ob.conveyors.slice(0, feeders);
      const winners: number[] = [];
      let o = 0;
      for (let t = 0; t < 300; t++) {
        const before = ins.map((c) => c.totesOut);
        ob.step(t);
        const moved = ins.map((c, k) => c.totesOut - before[k]);
        expect(moved.reduce((x, y) => x + y, 0)).toBeLessThanOrEqual(1); // the main line's spacing: one a tick
        const k = moved.indexOf(1);
        if (k >= 0) winners.push(k);
        for (const c of ins) if (c.canAccept()) c.accept(open(o++, 0, 1), t);
      }
      // The main line takes a tote every tick from tick 3 on, round robin over its feeders.
      expect(winners.length).toBe(297);
      for (let j = feeders; j < winners.length; j++) expect(winners[j]).toBe(winners[j - feeders]);
      expect(new Set(winners.slice(0, feeders)).size).toBe(feeders);
      expect(log.totes.length).toBe(297 - 4); // the last four are still on the main line
    });
  }
});

describe('Outbound: merge fairness beyond a level of two', () => {
  /** Feeds the listed conveyors every tick they accept, for `ticks` ticks; returns each conveyor's totesOut. */
  function saturate(config: OutboundConfig, fed: number[], ticks: number): number[] {
    const { ob, open } = build(config);
    let o = 0;
    for (let t = 0; t < ticks; t++) {
      ob.step(t);
      for (const k of fed) if (ob.conveyors[k].canAccept()) ob.conveyors[k].accept(open(o++, 0, 1), t);
    }
    return ob.conveyors.map((c) => c.totesOut);
  }
  const line = (conveyors: ConveyorConfig[]): OutboundConfig => ({
    conveyors,
    sorters: [],
    agvs: [],
    docks: docks(1),
    stationOutfeed: [],
    stagingCapacity: 1,
  });
  const toDock = { kind: 'dock', index: 0 } as const;

  // A merge must take from its busy feeders in turn, whatever else shares their level
  // (a plain rotation of the whole level by tick would split them 2:1 here).
  it('three infeeds, one idle: the two busy ones share the merge in turn', () => {
    const to3 = { kind: 'conveyor', index: 3 } as const;
    const out = saturate(
      line([conveyor('in0', to3), conveyor('in1', to3), conveyor('in2', to3), conveyor('main', toDock, { travelTicks: 4, capacity: 4 })]),
      [0, 2],
      3000,
    );
    // Currently in0 999 / in2 1998: in2 moves first on two ticks out of three.
    expect(out[0] + out[2]).toBeGreaterThan(2990);
    expect(Math.abs(out[0] - out[2])).toBeLessThanOrEqual(1);
  });

  it('a conveyor of another line at the same level does not tilt a two-way merge', () => {
    // in0, in1 -> mainX; in2 -> mainY. in0, in1, in2 form one level of three.
    const toX = { kind: 'conveyor', index: 3 } as const;
    const toY = { kind: 'conveyor', index: 4 } as const;
    const big = { travelTicks: 4, capacity: 4 };
    const out = saturate(
      line([conveyor('in0', toX), conveyor('in1', toX), conveyor('in2', toY), conveyor('mainX', toDock, big), conveyor('mainY', toDock, big)]),
      [0, 1, 2],
      3000,
    );
    // Currently in0 1998 / in1 999.
    expect(out[0] + out[1]).toBeGreaterThan(2990);
    expect(Math.abs(out[0] - out[1])).toBeLessThanOrEqual(1);
  });
});

describe('Outbound: totesHeld', () => {
  it('equals totes fed minus totes delivered whole minus totes emptied at sorters, every tick', () => {
    const { ob, log, open } = build(
      mergeDivertConfig({ sorter: { queueCapacity: 2, inductPerTick: 0.5, chutes: [{ dock: 1, capacity: 3 }] } }),
    );
    const [in0, in1] = ob.conveyors;
    let fed = 0;
    let s = 99;
    const rand = () => {
      s = (Math.imul(s, 1664525) + 1013904223) >>> 0;
      return s / 2 ** 32;
    };
    let maxHeld = 0;
    const bad: string[] = [];
    for (let t = 0; t < 4000; t++) {
      ob.step(t);
      if (t < 3000) {
        for (const c of [in0, in1]) {
          if (rand() < 0.3 && c.canAccept()) {
            c.accept(open(fed, rand() < 0.4 ? 0 : 1, 1 + Math.floor(rand() * 3)), t);
            fed++;
          }
        }
      }
      const held = ob.totesHeld();
      maxHeld = Math.max(maxHeld, held);
      const want = fed - log.totes.length - log.emptied.length;
      if (held !== want && bad.length < 5) bad.push(`tick ${t}: held ${held}, want ${want}`);
      const byParts = ob.conveyors.reduce((n, c) => n + c.count, 0) + ob.sorters[0].queued;
      if (held !== byParts && bad.length < 5) bad.push(`tick ${t}: held ${held}, parts ${byParts}`);
    }
    expect(bad).toEqual([]);
    // The sorter was the bottleneck (offered about 0.36 dock-1 totes, 0.72 items, a tick against an
    // induction of 0.5 items a tick): the lines backed up.
    expect(maxHeld).toBeGreaterThan(8);
    expect(ob.conveyors[2].blockedTicks).toBeGreaterThan(0);
    expect(fed).toBeGreaterThan(1000);
    expect(ob.totesHeld()).toBe(0);
  });
});
