import { describe, expect, it } from 'vitest';
import { Dock, type DockSpec } from '../../src/outbound/dock.js';

const H = 3600; // one-second ticks
const DAY = 24 * H;
const TEN = 10 * H; // "10:00"
const TWO_PM = 14 * H; // "14:00"

function dock(over: Partial<DockSpec> = {}, onTote = () => {}): Dock {
  return new Dock(0, { name: 'd', cutoffs: [TEN, TWO_PM], leadTicks: 0, dayTicks: DAY, startOfDayTick: 0, ...over }, onTote);
}

describe('Dock.dueFor: cut-offs 10:00 and 14:00, run starting at midnight', () => {
  const d = dock();
  it.each([
    [0, TEN],
    [9 * H, TEN],
    [TEN - 1, TEN],
    [TEN, TEN], // arriving exactly at a cut-off still makes it
    [TEN + 1, TWO_PM],
    [12 * H, TWO_PM],
    [TWO_PM, TWO_PM],
    [TWO_PM + 1, DAY + TEN], // after the last cut-off: tomorrow's first
    [23 * H, DAY + TEN],
    [DAY - 1, DAY + TEN],
    [DAY, DAY + TEN],
    [DAY + TEN + 1, DAY + TWO_PM],
    [3 * DAY + 40000, 3 * DAY + TWO_PM],
    [6 * DAY + TWO_PM + 5, 7 * DAY + TEN],
  ])('arrival %i is due at %i', (arrival, due) => {
    expect(d.dueFor(arrival)).toBe(due);
  });
});

describe('Dock.dueFor: lead time', () => {
  const d = dock({ leadTicks: H });
  it.each([
    [0, TEN],
    [9 * H, TEN], // 9:00 + 1 h lead = 10:00: just makes it
    [9 * H + 1, TWO_PM],
    [13 * H, TWO_PM],
    [13 * H + 1, DAY + TEN],
    [DAY - H, DAY + TEN], // 23:00 + 1 h = midnight of the next day
    [DAY + 9 * H + 1, DAY + TWO_PM],
  ])('arrival %i is due at %i', (arrival, due) => {
    expect(d.dueFor(arrival)).toBe(due);
  });

  it('a lead longer than a day skips whole days', () => {
    const long = dock({ leadTicks: DAY + H });
    // 9:00 + 25 h = 10:00 next day.
    expect(long.dueFor(9 * H)).toBe(DAY + TEN);
    expect(long.dueFor(9 * H + 1)).toBe(DAY + TWO_PM);
  });
});

describe('Dock.dueFor: the run starts later in the day', () => {
  // Tick 0 is 08:00: 10:00 is tick 7200, 14:00 tick 21600, tomorrow's 10:00 tick 93600.
  const d = dock({ startOfDayTick: 8 * H });
  it.each([
    [0, 2 * H],
    [2 * H, 2 * H],
    [2 * H + 1, 6 * H],
    [6 * H, 6 * H],
    [6 * H + 1, DAY + 2 * H],
    [16 * H - 1, DAY + 2 * H], // 23:59:59
    [16 * H, DAY + 2 * H], // midnight: a new day, 10:00 still ahead
    [DAY + 2 * H + 1, DAY + 6 * H],
    [25 * H, DAY + 2 * H], // 09:00 next day
  ])('arrival %i is due at %i', (arrival, due) => {
    expect(d.dueFor(arrival)).toBe(due);
  });

  it('start of day and lead together', () => {
    // Tick 0 is 13:00; a 30 min lead. 13:29:59 + 30 min < 14:00.
    const e = dock({ startOfDayTick: 13 * H, leadTicks: H / 2 });
    expect(e.dueFor(0)).toBe(H);
    expect(e.dueFor(H / 2)).toBe(H); // 13:30 + 30 min = 14:00 exactly
    expect(e.dueFor(H / 2 + 1)).toBe(DAY - 13 * H + TEN); // tomorrow 10:00
  });

  it('a start of day after the last cut-off: the first due is tomorrow', () => {
    const e = dock({ startOfDayTick: 20 * H });
    expect(e.dueFor(0)).toBe(4 * H + TEN);
  });
});

describe('Dock.dueFor: other day lengths and single cut-offs', () => {
  it('works with a short simulated day (100 ticks, cut-offs at 30 and 70)', () => {
    const d = dock({ dayTicks: 100, cutoffs: [30, 70], startOfDayTick: 50, leadTicks: 5 });
    // Tick t is day-time t + 50; earliest = t + 55.
    expect(d.dueFor(0)).toBe(20); // 55 -> 70 -> tick 20
    expect(d.dueFor(15)).toBe(20); // 70 -> 70
    expect(d.dueFor(16)).toBe(80); // 71 -> next day 30 = 130 -> tick 80
    expect(d.dueFor(75)).toBe(80); // 130 -> 130
    expect(d.dueFor(76)).toBe(120); // 131 -> 170 -> tick 120
  });

  it('one cut-off a day', () => {
    const d = dock({ cutoffs: [17 * H] });
    expect(d.dueFor(17 * H)).toBe(17 * H);
    expect(d.dueFor(17 * H + 1)).toBe(DAY + 17 * H);
    expect(d.dueFor(2 * DAY)).toBe(2 * DAY + 17 * H);
  });

  it('a cut-off at midnight (0) is met by an arrival at midnight and otherwise the next midnight', () => {
    const d = dock({ cutoffs: [0] });
    expect(d.dueFor(0)).toBe(0);
    expect(d.dueFor(1)).toBe(DAY);
    expect(d.dueFor(DAY)).toBe(DAY);
  });

  it('no cut-offs: -1 for every arrival, whatever the lead and start', () => {
    const d = dock({ cutoffs: [], leadTicks: 500, startOfDayTick: 3 * H });
    for (const a of [0, 1, TEN, DAY, 5 * DAY + 17]) expect(d.dueFor(a)).toBe(-1);
  });

  it('the due tick is never before arrival + lead and is always a cut-off of the day clock', () => {
    const cut = [TEN, TWO_PM, 18 * H];
    for (const start of [0, 7 * H, 15 * H]) {
      for (const lead of [0, 1800, 5 * H]) {
        const d = dock({ cutoffs: cut, leadTicks: lead, startOfDayTick: start });
        for (let a = 0; a < 3 * DAY; a += 997) {
          const due = d.dueFor(a);
          expect(due).toBeGreaterThanOrEqual(a + lead);
          expect(cut).toContain((((due + start) % DAY) + DAY) % DAY);
          // ... and it is the first such: no cut-off lies in [a + lead, due).
          for (let day = -1; day <= 4; day++) {
            for (const c of cut) {
              const abs = day * DAY + c - start;
              if (abs >= a + lead) expect(abs).toBeGreaterThanOrEqual(due);
            }
          }
        }
      }
    }
  });
});

describe('Dock as a sink', () => {
  it('always accepts, counts totes and tells the hook (tote, dock index, tick)', () => {
    const calls: [number, number, number][] = [];
    const d = new Dock(3, { name: 'd', cutoffs: [], leadTicks: 0, dayTicks: DAY, startOfDayTick: 0 }, (t, k, tick) =>
      calls.push([t, k, tick]),
    );
    expect(d.canAccept()).toBe(true);
    d.accept(11, 5);
    d.accept(12, 5);
    d.accept(4, 9);
    expect(d.canAccept()).toBe(true);
    expect(d.totesIn).toBe(3);
    expect(calls).toEqual([
      [11, 3, 5],
      [12, 3, 5],
      [4, 3, 9],
    ]);
    // The dock does not count items or orders itself (the books and the sorter do).
    expect(d.itemsIn).toBe(0);
    expect(d.ordersShipped).toBe(0);
  });
});
