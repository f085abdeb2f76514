import { describe, expect, it } from 'vitest';
import type { TickDistribution } from '../../src/core/config.js';
import { rngStream } from '../../src/core/rng.js';
import { gridFromRows, type Grid } from '../../src/layout/grid.js';
import type { ToteSink } from '../../src/outbound/network.js';
import { PickerState, PickerZone, type PickerZoneSpec } from '../../src/people/pickers.js';

/**
 * A walkway loop round a shelf block: row 1 and row 3 joined at both ends.
 * Depot at row 1, column 1.
 */
const LOOP = gridFromRows([
  '#########',
  '#mmmmmmm#',
  '#m#####m#',
  '#mmmmmmm#',
  '#########',
]);
const at = (g: Grid, r: number, c: number) => r * g.width + c;
const DEPOT = at(LOOP, 1, 1);

function spec(over: Partial<PickerZoneSpec> = {}): PickerZoneSpec {
  return {
    name: 'zone-a',
    depot: DEPOT,
    pickers: 1,
    cartTotes: 1,
    walkCellsPerTick: 1,
    pickTicks: { kind: 'fixed', value: 3 },
    batchWaitTicks: 0,
    shifts: [],
    dayTicks: 1000,
    startOfDayTick: 0,
    ...over,
  };
}

/** A sink that logs (tote, tick) and refuses while `open` says no. */
class LogSink implements ToteSink {
  readonly got: [number, number][] = [];
  constructor(private readonly open: (tote: number) => boolean = () => true) {}
  canAccept(tote: number): boolean {
    return this.open(tote);
  }
  accept(tote: number, tick: number): void {
    this.got.push([tote, tick]);
  }
}

function run(zone: PickerZone, ticks: number, sink = new LogSink(), from = 0) {
  const lines: [number, number][] = [];
  for (let t = from; t < from + ticks; t++) zone.step(t, sink, (tote) => lines.push([tote, t]));
  return { sink, lines };
}

describe('PickerZone: one picker, one tote', () => {
  it('delivers at walk + pick + walk back, walking exactly the tour', () => {
    const zone = new PickerZone(LOOP, spec(), rngStream(1, 'picking'));
    const face = at(LOOP, 1, 5); // 4 cells east of the depot
    zone.addTote(7, [face]);
    const { sink, lines } = run(zone, 20);
    // Ticks 0-3 walk out, 4-6 pick (the line at 6), 7-10 walk back, 11 drop.
    expect(lines).toEqual([[7, 6]]);
    expect(sink.got).toEqual([[7, 4 + 3 + 4]]);
    expect(zone.walkedCells[0]).toBe(8);
    expect(zone.linesPicked[0]).toBe(1);
    expect(zone.busyTicks[0]).toBe(12);
    expect(zone.dutyTicks[0]).toBe(20);
    expect(zone.batches).toBe(1);
    expect(zone.cell[0]).toBe(DEPOT);
    expect(zone.state[0]).toBe(PickerState.Idle);
  });

  it('shows the picker on its way: cell and state tick by tick', () => {
    const zone = new PickerZone(LOOP, spec(), rngStream(1, 'picking'));
    zone.addTote(1, [at(LOOP, 1, 3)]);
    const seen: [number, number][] = [];
    const sink = new LogSink();
    for (let t = 0; t < 8; t++) {
      zone.step(t, sink, () => {});
      seen.push([zone.cell[0], zone.state[0]]);
    }
    const c = (col: number) => at(LOOP, 1, col);
    expect(seen).toEqual([
      [c(2), PickerState.Walking],
      [c(3), PickerState.Picking],
      [c(3), PickerState.Picking],
      [c(3), PickerState.Picking],
      [c(3), PickerState.Walking],
      [c(2), PickerState.Walking],
      [c(1), PickerState.Dropping],
      [c(1), PickerState.Idle],
    ]);
    expect(sink.got).toEqual([[1, 7]]);
  });

  it('walks at a fractional speed: 4 cells at 0.8 cells a tick take 5 ticks each way', () => {
    const zone = new PickerZone(LOOP, spec({ walkCellsPerTick: 0.8 }), rngStream(1, 'picking'));
    zone.addTote(7, [at(LOOP, 1, 5)]);
    const { sink } = run(zone, 20);
    expect(sink.got).toEqual([[7, 5 + 3 + 5]]);
    expect(zone.walkedCells[0]).toBe(8);
  });

  it('picks several faces in nearest-neighbour order and sums the lines at one face', () => {
    const zone = new PickerZone(LOOP, spec(), rngStream(1, 'picking'));
    const near = at(LOOP, 1, 3);
    const far = at(LOOP, 1, 6);
    zone.addTote(5, [far, near, far]);
    const { sink, lines } = run(zone, 30);
    // 2 cells to `near`, 3 ticks picking (done at 4), 3 cells to `far`, 2 lines x 3 = 6 ticks (done at 13), 5 cells back, drop.
    expect(lines).toEqual([
      [5, 4],
      [5, 13],
      [5, 13],
    ]);
    expect(sink.got).toEqual([[5, 2 + 3 + 3 + 6 + 5]]);
    expect(zone.walkedCells[0]).toBe(10);
  });

  it('takes the way round the shelf block when it is shorter on foot', () => {
    const zone = new PickerZone(LOOP, spec(), rngStream(1, 'picking'));
    zone.addTote(1, [at(LOOP, 3, 1)]); // straight below the depot, two cells down the west end
    const { sink } = run(zone, 20);
    expect(sink.got).toEqual([[1, 2 + 3 + 2]]);
    expect(zone.walkedCells[0]).toBe(4);
  });

  it('picks a face at the depot from the tick the cart is loaded', () => {
    const zone = new PickerZone(LOOP, spec(), rngStream(1, 'picking'));
    zone.addTote(1, [DEPOT]);
    const { sink, lines } = run(zone, 6);
    expect(lines).toEqual([[1, 2]]);
    expect(sink.got).toEqual([[1, 3]]);
    expect(zone.walkedCells[0]).toBe(0);
  });
});

describe('PickerZone: batching', () => {
  it('a cart takes cartTotes totes at once, oldest first', () => {
    const zone = new PickerZone(LOOP, spec({ cartTotes: 3 }), rngStream(1, 'picking'));
    for (let k = 0; k < 5; k++) zone.addTote(10 + k, [at(LOOP, 1, 2 + k)]);
    const sink = new LogSink();
    zone.step(0, sink, () => {});
    expect(zone.cartCount[0]).toBe(3);
    expect(zone.totesQueued()).toBe(2);
    expect(zone.totesOnCarts()).toBe(3);
    expect(zone.batches).toBe(1);
    run(zone, 60, sink, 1);
    // Faces at columns 2, 3, 4: out 3 cells, 3 x 3 ticks picking, back 3 cells, then three drops in loading order.
    expect(sink.got.slice(0, 3)).toEqual([
      [10, 15],
      [11, 16],
      [12, 17],
    ]);
    expect(sink.got.slice(3).map(([tote]) => tote)).toEqual([13, 14]);
    expect(zone.batches).toBe(2);
  });

  it('with fewer than cartTotes queued, waits batchWaitTicks for more, then leaves', () => {
    const zone = new PickerZone(LOOP, spec({ cartTotes: 3, batchWaitTicks: 5 }), rngStream(1, 'picking'));
    const sink = new LogSink();
    zone.step(0, sink, () => {});
    zone.addTote(1, [at(LOOP, 1, 5)]); // queued at tick 1
    run(zone, 3, sink, 1);
    zone.addTote(2, [at(LOOP, 1, 5)]); // queued at tick 4
    run(zone, 2, sink, 4);
    expect(zone.state[0]).toBe(PickerState.Idle);
    expect(zone.totesQueued()).toBe(2);
    expect(zone.batches).toBe(0);
    zone.step(6, sink, () => {}); // 5 ticks since the first was queued
    expect(zone.state[0]).toBe(PickerState.Walking);
    expect(zone.cartCount[0]).toBe(2);
  });

  it('a full cart leaves without waiting', () => {
    const zone = new PickerZone(LOOP, spec({ cartTotes: 2, batchWaitTicks: 100 }), rngStream(1, 'picking'));
    zone.addTote(1, [at(LOOP, 1, 2)]);
    zone.addTote(2, [at(LOOP, 1, 3)]);
    zone.step(0, new LogSink(), () => {});
    expect(zone.cartCount[0]).toBe(2);
  });

  it('pickers do not block each other: two carts on the same route arrive together', () => {
    const zone = new PickerZone(LOOP, spec({ pickers: 2 }), rngStream(1, 'picking'));
    zone.addTote(1, [at(LOOP, 1, 5)]);
    zone.addTote(2, [at(LOOP, 1, 5)]);
    const { sink } = run(zone, 20);
    expect(sink.got).toEqual([
      [1, 11],
      [2, 11],
    ]);
  });
});

describe('PickerZone: blocking and duty', () => {
  it('a sink that refuses keeps the picker at the depot, counted as blocked', () => {
    let open = false;
    const sink = new LogSink(() => open);
    const zone = new PickerZone(LOOP, spec(), rngStream(1, 'picking'));
    zone.addTote(1, [at(LOOP, 1, 5)]);
    run(zone, 15, sink); // ready to drop from tick 11: ticks 11-14 refused
    expect(sink.got).toEqual([]);
    expect(zone.blockedTicks[0]).toBe(4);
    expect(zone.state[0]).toBe(PickerState.Dropping);
    expect(zone.cell[0]).toBe(DEPOT);
    open = true;
    run(zone, 2, sink, 15);
    expect(sink.got).toEqual([[1, 15]]);
    expect(zone.blockedTicks[0]).toBe(4);
    expect(zone.busyTicks[0]).toBe(16);
  });

  it('off-duty pickers do nothing until their shift starts', () => {
    const zone = new PickerZone(LOOP, spec({ shifts: [{ start: 100, end: 200, breaks: [] }] }), rngStream(1, 'picking'));
    zone.addTote(1, [at(LOOP, 1, 5)]);
    const { sink } = run(zone, 100);
    expect(sink.got).toEqual([]);
    expect(zone.state[0]).toBe(PickerState.OffDuty);
    expect(zone.dutyTicks[0]).toBe(0);
    expect(zone.busyTicks[0]).toBe(0);
    expect(zone.walkedCells[0]).toBe(0);
    expect(zone.totesQueued()).toBe(1);
    run(zone, 20, sink, 100);
    expect(sink.got).toEqual([[1, 111]]);
  });

  it('a trip running past the shift end is finished, then the picker goes off duty at the depot', () => {
    const zone = new PickerZone(LOOP, spec({ shifts: [{ start: 0, end: 5, breaks: [] }] }), rngStream(1, 'picking'));
    zone.addTote(1, [at(LOOP, 1, 5)]);
    zone.addTote(2, [at(LOOP, 1, 5)]);
    const { sink } = run(zone, 40);
    expect(sink.got).toEqual([[1, 11]]);
    expect(zone.state[0]).toBe(PickerState.OffDuty);
    expect(zone.cell[0]).toBe(DEPOT);
    expect(zone.dutyTicks[0]).toBe(12);
    expect(zone.totesQueued()).toBe(1);
  });

  it('a break stops new trips and work resumes after it', () => {
    const shifts = [{ start: 0, end: 1000, breaks: [{ start: 12, end: 30 }] }];
    const zone = new PickerZone(LOOP, spec({ shifts }), rngStream(1, 'picking'));
    zone.addTote(1, [at(LOOP, 1, 5)]);
    zone.addTote(2, [at(LOOP, 1, 5)]);
    const { sink } = run(zone, 50);
    expect(sink.got).toEqual([
      [1, 11],
      [2, 30 + 11],
    ]);
  });
});

describe('PickerZone: checks', () => {
  const split = gridFromRows(['mmm#mm', 'mmm#mm']);

  it('refuses a face that cannot be reached on foot from the depot, naming it', () => {
    const zone = new PickerZone(split, spec({ depot: 0 }), rngStream(1, 'picking'));
    expect(() => zone.addTote(3, [1, 4])).toThrow(/zone-a.*tote 3.*cell 4 \(row 0, column 4\).*depot/);
    expect(() => zone.addTote(3, [3])).toThrow(/cannot be reached/); // a shelf
    expect(() => zone.addTote(3, [99])).toThrow(/cannot be reached/);
    expect(() => zone.addTote(3, [])).toThrow(/no lines/);
    expect(zone.totesQueued()).toBe(0);
  });

  it('refuses a depot people cannot stand on and nonsense sizes', () => {
    expect(() => new PickerZone(split, spec({ depot: 3 }), rngStream(1, 'p'))).toThrow(/depot/);
    expect(() => new PickerZone(split, spec({ depot: 0, cartTotes: 0 }), rngStream(1, 'p'))).toThrow(/cartTotes/);
    expect(() => new PickerZone(split, spec({ depot: 0, walkCellsPerTick: 0 }), rngStream(1, 'p'))).toThrow(/walkCellsPerTick/);
  });
});

/** A bigger floor: three aisles between shelf rows, a cross aisle at each end. */
const FLOOR = gridFromRows([
  'mmmmmmmmmmmmmmm',
  'm#############m',
  'mmmmmmmmmmmmmmm',
  'm#############m',
  'mmmmmmmmmmmmmmm',
  'm#############m',
  'mmmmmmmmmmmmmmm',
]);

/** Random arrivals with random faces into a zone whose sink refuses at random; logs everything. */
function simulate(seed: number, pick: TickDistribution, ticks = 3000) {
  const walk = [...Array(FLOOR.width * FLOOR.height).keys()].filter((c) => FLOOR.rows[Math.floor(c / FLOOR.width)][c % FLOOR.width] === 'm');
  const arrivals = rngStream(seed, 'arrivals');
  const refusals = rngStream(seed, 'sink');
  const zone = new PickerZone(
    FLOOR,
    spec({ depot: 0, pickers: 3, cartTotes: 4, walkCellsPerTick: 0.7, pickTicks: pick, batchWaitTicks: 20 }),
    rngStream(seed, 'picking'),
  );
  const sink = new LogSink(() => refusals.next() < 0.7);
  const linesOf = new Map<number, number>();
  const picked = new Map<number, number>();
  const delivered = new Set<number>();
  let added = 0;
  let problems = 0;
  for (let t = 0; t < ticks; t++) {
    if (t < ticks - 800 && arrivals.next() < 0.08) {
      const n = 1 + Math.floor(arrivals.next() * 4);
      const faces = Array.from({ length: n }, () => walk[Math.floor(arrivals.next() * walk.length)]);
      linesOf.set(added, n);
      zone.addTote(added++, faces);
    }
    const before = sink.got.length;
    zone.step(t, sink, (tote) => {
      if (delivered.has(tote)) problems++;
      picked.set(tote, (picked.get(tote) ?? 0) + 1);
    });
    for (const [tote] of sink.got.slice(before)) {
      if (delivered.has(tote) || picked.get(tote) !== linesOf.get(tote)) problems++;
      delivered.add(tote);
    }
    if (zone.totesQueued() + zone.totesOnCarts() + delivered.size !== added) problems++;
  }
  return { zone, sink, linesOf, picked, delivered, added, problems };
}

describe('PickerZone: whole runs', () => {
  it('conserves totes and picks every line exactly once', () => {
    const r = simulate(4, { kind: 'uniform', min: 2, max: 6 });
    expect(r.problems).toBe(0);
    expect(r.added).toBeGreaterThan(100);
    expect(r.delivered.size).toBe(r.added);
    expect(r.picked).toEqual(r.linesOf);
    const lines = [...r.linesOf.values()].reduce((a, b) => a + b, 0);
    expect(Array.from(r.zone.linesPicked).reduce((a, b) => a + b, 0)).toBe(lines);
    for (let i = 0; i < 3; i++) {
      expect(r.zone.busyTicks[i]).toBeLessThanOrEqual(r.zone.dutyTicks[i]);
      expect(r.zone.blockedTicks[i]).toBeGreaterThan(0);
    }
  });

  it('is deterministic for a seed and varies with it', () => {
    const pick: TickDistribution = { kind: 'exponential', mean: 4 };
    const a = simulate(9, pick, 1500);
    const b = simulate(9, pick, 1500);
    expect(b.sink.got).toEqual(a.sink.got);
    expect(b.zone.walkedCells).toEqual(a.zone.walkedCells);
    expect(b.zone.busyTicks).toEqual(a.zone.busyTicks);
    expect(simulate(10, pick, 1500).sink.got).not.toEqual(a.sink.got);
  });
});
