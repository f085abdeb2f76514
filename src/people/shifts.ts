/**
 * Working hours of people on the floor: shifts and breaks in ticks of the
 * day, repeating every day.
 */

/** A span of the day `[start, end)` in ticks. `end < start` wraps past midnight; `start === end` is empty. */
export interface DaySpan {
  start: number;
  end: number;
}

/** A shift in ticks of the day (0..dayTicks), with breaks inside it. A shift may wrap past midnight (end < start). */
export interface ShiftTicks extends DaySpan {
  breaks: DaySpan[];
}

/** Whether tick-of-day `tod` falls in `span`. */
export function inDaySpan(span: DaySpan, tod: number): boolean {
  return span.start <= span.end ? tod >= span.start && tod < span.end : tod >= span.start || tod < span.end;
}

/** Tick of the day (0..dayTicks-1) at simulation tick `tick`. */
export function tickOfDay(tick: number, dayTicks: number, startOfDayTick: number): number {
  const t = (startOfDayTick + tick) % dayTicks;
  return t < 0 ? t + dayTicks : t;
}

/**
 * Whether a person is on duty (in a shift and not on a break) at `tick` (sim
 * ticks since start), given `startOfDayTick` = the tick-of-day at which the
 * simulation starts and `dayTicks` ticks per day. Empty shift list = always on
 * duty. With overlapping shifts, being on duty in any one of them counts.
 */
export function onDuty(shifts: ShiftTicks[], tick: number, dayTicks: number, startOfDayTick: number): boolean {
  if (shifts.length === 0) return true;
  const tod = tickOfDay(tick, dayTicks, startOfDayTick);
  for (let s = 0; s < shifts.length; s++) {
    const shift = shifts[s];
    if (!inDaySpan(shift, tod)) continue;
    let onBreak = false;
    for (let b = 0; b < shift.breaks.length && !onBreak; b++) onBreak = inDaySpan(shift.breaks[b], tod);
    if (!onBreak) return true;
  }
  return false;
}
