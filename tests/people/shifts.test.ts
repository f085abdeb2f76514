import { describe, expect, it } from 'vitest';
import { onDuty, tickOfDay, type ShiftTicks } from '../../src/people/shifts.js';

const DAY = 100;

describe('onDuty', () => {
  it('an empty shift list is always on duty', () => {
    for (const t of [0, 1, 57, 1e6]) expect(onDuty([], t, DAY, 0)).toBe(true);
  });

  it('is on duty from a shift start (inclusive) to its end (exclusive)', () => {
    const shifts: ShiftTicks[] = [{ start: 20, end: 60, breaks: [] }];
    expect(onDuty(shifts, 19, DAY, 0)).toBe(false);
    expect(onDuty(shifts, 20, DAY, 0)).toBe(true);
    expect(onDuty(shifts, 59, DAY, 0)).toBe(true);
    expect(onDuty(shifts, 60, DAY, 0)).toBe(false);
  });

  it('is off duty during a break inside the shift', () => {
    const shifts: ShiftTicks[] = [{ start: 20, end: 60, breaks: [{ start: 30, end: 35 }] }];
    const on = Array.from({ length: DAY }, (_, t) => onDuty(shifts, t, DAY, 0));
    expect(on.slice(28, 37)).toEqual([true, true, false, false, false, false, false, true, true]);
    expect(on.filter(Boolean)).toHaveLength(35);
  });

  it('repeats every day and counts ticks from the start-of-day offset', () => {
    const shifts: ShiftTicks[] = [{ start: 20, end: 60, breaks: [] }];
    expect(onDuty(shifts, 20 + 3 * DAY, DAY, 0)).toBe(true);
    expect(onDuty(shifts, 60 + 3 * DAY, DAY, 0)).toBe(false);
    // The simulation starts at tick-of-day 50: sim tick 0 is on duty, sim tick 10 (tod 60) is not.
    expect(onDuty(shifts, 0, DAY, 50)).toBe(true);
    expect(onDuty(shifts, 9, DAY, 50)).toBe(true);
    expect(onDuty(shifts, 10, DAY, 50)).toBe(false);
    expect(onDuty(shifts, 70, DAY, 50)).toBe(true); // tod 20 of the next day
    expect(tickOfDay(75, DAY, 50)).toBe(25);
  });

  it('handles a shift wrapping past midnight, with a break that wraps too', () => {
    const night: ShiftTicks[] = [{ start: 80, end: 20, breaks: [{ start: 95, end: 5 }] }];
    const on = (tod: number) => onDuty(night, tod, DAY, 0);
    expect(on(79)).toBe(false);
    expect(on(80)).toBe(true);
    expect(on(94)).toBe(true);
    expect(on(95)).toBe(false);
    expect(on(99)).toBe(false);
    expect(on(0)).toBe(false);
    expect(on(4)).toBe(false);
    expect(on(5)).toBe(true);
    expect(on(19)).toBe(true);
    expect(on(20)).toBe(false);
    expect(on(50)).toBe(false);
  });

  it('with overlapping shifts, a break in one does not take the person off the other', () => {
    const shifts: ShiftTicks[] = [
      { start: 0, end: 50, breaks: [{ start: 40, end: 50 }] },
      { start: 45, end: 90, breaks: [] },
    ];
    expect(onDuty(shifts, 42, DAY, 0)).toBe(false);
    expect(onDuty(shifts, 47, DAY, 0)).toBe(true);
  });
});
