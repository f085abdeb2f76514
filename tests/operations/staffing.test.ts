import { describe, expect, it } from 'vitest';
import { DutyRank, headsFor, learnedHoursPerOrder, plannedOrders, setDuty } from '../../src/operations/staffing.js';

describe('staffing rules', () => {
  it('plans the coming hour for the forecast (proactive) or the last hour (reactive), plus the backlog', () => {
    expect(plannedOrders('proactive', 180, 120, 15)).toBe(195);
    expect(plannedOrders('reactive', 180, 120, 15)).toBe(135);
    expect(plannedOrders('fixed', 180, 120, 15)).toBeNull();
    // Nothing to go on yet: no sizing.
    expect(plannedOrders('proactive', null, null, 15)).toBeNull();
    expect(plannedOrders('reactive', 180, null, 15)).toBeNull();
  });

  it('heads = ceil(orders x hours per order / target utilisation), clamped to [min, max]', () => {
    // 195 orders x 0.06 robot-hours = 11.7 busy robot-hours; at 70% busy: 16.71 -> 17 robots.
    expect(headsFor(195, 0.06, 0.7, 2, 24)).toBe(17);
    // 135 x 0.06 / 0.7 = 11.57 -> 12.
    expect(headsFor(135, 0.06, 0.7, 2, 24)).toBe(12);
    // A quiet hour: 10 x 0.06 / 0.7 = 0.86 -> 1, raised to the minimum of 2.
    expect(headsFor(10, 0.06, 0.7, 2, 24)).toBe(2);
    // More than the fleet: the fleet.
    expect(headsFor(1000, 0.06, 0.7, 2, 24)).toBe(24);
    // An exact fit is not rounded up by float noise: 70 x 0.1 / 0.7 = 10.
    expect(headsFor(70, 0.1, 0.7, 0, 24)).toBe(10);
    // Work per order not known yet: everyone.
    expect(headsFor(195, null, 0.7, 2, 24)).toBe(24);
    // A minimum above the size is capped by the size.
    expect(headsFor(0, 0.06, 0.7, 5, 3)).toBe(3);
  });

  it('learns the work per order as busy hours over orders completed', () => {
    expect(learnedHoursPerOrder(12, 200)).toBeCloseTo(0.06, 12);
    expect(learnedHoursPerOrder(3, 0)).toBeNull();
  });

  it('puts the fullest available robots on duty, takes idle ones off first, and changes as few as it can', () => {
    const I = DutyRank.Idle;
    const C = DutyRank.Charging;
    const B = DutyRank.Busy;
    const U = DutyRank.Unavailable;
    const rank = [I, B, C, I, U, B];
    const battery = [50, 90, 30, 80, 100, 60];
    const duty = new Uint8Array([1, 1, 1, 1, 1, 1]);
    // Down to 3: the broken one first, then the idle ones, lowest battery first (robot 0 at 50, then robot 3 at 80).
    setDuty(duty, 3, rank, battery);
    expect(Array.from(duty)).toEqual([0, 1, 1, 0, 0, 1]);
    // Down to 1: the charging one (2) before busy ones; then the busy one with less battery (5 at 60).
    setDuty(duty, 1, rank, battery);
    expect(Array.from(duty)).toEqual([0, 1, 0, 0, 0, 0]);
    // Up to 4: available robots with the most battery (3 at 80, 5 at 60, 0 at 50), the broken one last.
    setDuty(duty, 4, rank, battery);
    expect(Array.from(duty)).toEqual([1, 1, 0, 1, 0, 1]);
    // Same count: nothing changes.
    setDuty(duty, 4, rank, battery);
    expect(Array.from(duty)).toEqual([1, 1, 0, 1, 0, 1]);
    // Beyond the fleet: everyone.
    setDuty(duty, 9, rank, battery);
    expect(Array.from(duty)).toEqual([1, 1, 1, 1, 1, 1]);
  });
});
