import { describe, expect, it } from 'vitest';
import { randPoisson, rngStream } from '../../src/core/rng.js';
import { ape, HoltWinters, mape } from '../../src/operations/forecast.js';

/** Feeds `series` hour by hour (hour 0 = midnight) and returns the one-hour-ahead forecast made before each. */
function oneAhead(model: HoltWinters, series: readonly number[]): (number | null)[] {
  return series.map((x, t) => {
    const f = model.forecast(t % 24, 1);
    model.observe(t % 24, x);
    return f;
  });
}

const days = (n: number, f: (t: number) => number) => Array.from({ length: 24 * n }, (_, t) => f(t));
const sine = (t: number) => 100 + 60 * Math.sin((2 * Math.PI * t) / 24);

describe('Holt-Winters forecaster', () => {
  it('a constant series is forecast exactly from the second hour on', () => {
    const f = oneAhead(new HoltWinters(), days(3, () => 42));
    expect(f[0]).toBeNull();
    for (let t = 1; t < f.length; t++) expect(f[t]).toBe(42);
  });

  it('on day 1 it forecasts the last hour (persistence): it knows nothing of the day yet', () => {
    const series = days(1, sine);
    const f = oneAhead(new HoltWinters(), series);
    for (let t = 1; t < 24; t++) expect(f[t]).toBe(series[t - 1]);
  });

  it('a pure daily sine: learned from day 1, day 2 is forecast exactly', () => {
    // Day 1 starts the model: level = the day's mean = 100 (a whole sine period sums to 0),
    // season j = x_j - 100 = the sine itself. From then on x - s[j] = 100 = level, so nothing moves.
    const series = days(2, sine);
    const f = oneAhead(new HoltWinters({ alpha: 0.5, beta: 0.1, gamma: 0.5 }), series);
    for (let t = 24; t < 48; t++) expect(f[t]).toBeCloseTo(series[t], 9);
    expect(mape(f.slice(24), series.slice(24))).toBeLessThan(1e-12);
    // Persistence (day 1's method) is far off on the same day: |x_t - x_{t-1}| / x_t.
    expect(mape(series.slice(23, 47), series.slice(24))).toBeGreaterThan(0.1);
  });

  it('season k follows the hour of the day it is fed with, not the count of hours seen', () => {
    // Start at 06:00: the first count fed is season 6.
    const model = new HoltWinters();
    for (let t = 6; t < 30; t++) model.observe(t % 24, sine(t));
    for (let h = 0; h < 24; h++) expect(model.forecast(h)).toBeCloseTo(sine(h), 9);
  });

  it('a level shift on day 3 is followed at the rate alpha sets', () => {
    // After the shift every count is 50 above the learned season: the level error shrinks by (1 - alpha)
    // per hour while the season takes gamma of what is left, so the forecast error after k hours is
    // 50 (1 - alpha)^k with gamma = 0.
    const alpha = 0.3;
    const series = days(3, (t) => sine(t) + (t >= 48 ? 50 : 0));
    const f = oneAhead(new HoltWinters({ alpha, beta: 0, gamma: 0 }), series);
    for (let k = 0; k < 24; k++) expect(series[48 + k] - f[48 + k]!).toBeCloseTo(50 * (1 - alpha) ** k, 9);
  });

  it('Poisson counts around a daily profile: day 2 error within a bound computed from the noise', () => {
    // The counts are Poisson with mean mu_t; no forecast beats E|X - mu| / mu ~ sqrt(2 / (pi mu)) on average.
    // Smoothing day 1's noisy counts into the seasons adds error of the same order: allow 2x the floor.
    const mu = (t: number) => 60 + 40 * Math.sin((2 * Math.PI * (t - 6)) / 24);
    const rng = rngStream(7, 'forecast-test');
    const series = days(4, (t) => randPoisson(rng, mu(t)));
    const f = oneAhead(new HoltWinters({ alpha: 0.1, beta: 0, gamma: 0.2 }), series);
    let floor = 0;
    for (let t = 24; t < 96; t++) floor += Math.sqrt(2 / (Math.PI * mu(t)));
    floor /= 72;
    const err = mape(f.slice(24), series.slice(24))!;
    expect(err).toBeLessThan(2 * floor);
    // And better than persistence over the same hours.
    expect(err).toBeLessThan(mape(series.slice(23, 95), series.slice(24))!);
  });

  it('never forecasts fewer than 0 orders, and refuses bad input', () => {
    const model = new HoltWinters({ alpha: 0.2, beta: 0, gamma: 0.3 });
    for (let t = 0; t < 24; t++) model.observe(t, t === 12 ? 240 : 0);
    for (let h = 0; h < 24; h++) expect(model.forecast(h)).toBeGreaterThanOrEqual(0);
    expect(() => model.observe(0, -1)).toThrow(RangeError);
    expect(() => new HoltWinters({ alpha: 1.5, beta: 0, gamma: 0 })).toThrow(/alpha/);
  });

  it('APE and MAPE skip hours without orders or without a forecast', () => {
    expect(ape(12, 10)).toBeCloseTo(0.2, 12);
    expect(ape(3, 0)).toBeNull();
    expect(mape([null, 12, 5, 9], [4, 10, 0, 10])).toBeCloseTo((0.2 + 0.1) / 2, 12);
    expect(mape([null], [3])).toBeNull();
  });
});
