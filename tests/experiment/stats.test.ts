import { describe, expect, it } from 'vitest';
import { confidenceInterval, normalQuantile, pairedDifference, tCdf, tQuantile } from '../../src/experiment/stats.js';

describe('Student t', () => {
  // Reference values (scipy.stats.t.ppf, to 9 decimals).
  const known: [number, number, number][] = [
    [0.975, 1, 12.706204736],
    [0.975, 2, 4.30265273],
    [0.975, 3, 3.182446305],
    [0.975, 4, 2.776445105],
    [0.975, 5, 2.570581836],
    [0.975, 9, 2.262157163],
    [0.975, 10, 2.228138852],
    [0.975, 20, 2.085963447],
    [0.975, 29, 2.045229642],
    [0.975, 30, 2.042272456],
    [0.975, 100, 1.983971519],
    [0.975, 1000, 1.962339081],
    [0.95, 10, 1.812461123],
    [0.995, 5, 4.032142984],
    [0.9, 3, 1.637744354],
    [0.999, 7, 4.785289629],
    [0.6, 15, 0.257885301],
  ];

  it('quantiles match reference values to 1e-8', () => {
    for (const [p, df, t] of known) expect(Math.abs(tQuantile(p, df) - t), `p=${p} df=${df}`).toBeLessThan(1e-8);
  });

  it('is symmetric, 0 at the median, and the normal quantile for huge df', () => {
    expect(tQuantile(0.025, 4)).toBeCloseTo(-2.776445105, 8);
    expect(tQuantile(0.5, 7)).toBe(0);
    expect(tQuantile(0.975, 1e9)).toBeCloseTo(1.959963985, 8);
    expect(normalQuantile(0.975)).toBeCloseTo(1.959963985, 8);
  });

  it('the CDF inverts the quantile', () => {
    for (const df of [1, 2, 3, 6, 11, 40]) {
      for (const p of [0.01, 0.1, 0.5, 0.8, 0.975, 0.9995]) expect(tCdf(tQuantile(p, df), df)).toBeCloseTo(p, 10);
    }
  });

  it('rejects nonsense', () => {
    expect(() => tQuantile(1, 3)).toThrow(RangeError);
    expect(() => tQuantile(0.9, 0)).toThrow(RangeError);
  });
});

describe('confidence intervals', () => {
  it('a hand-computed case: 10, 12, 14, 16', () => {
    // mean 13, s = sqrt(20/3), se = s/2, t(0.975, 3) = 3.182446305
    const ci = confidenceInterval([10, 12, 14, 16]);
    const hw = 3.182446305 * (Math.sqrt(20 / 3) / 2);
    expect(ci.n).toBe(4);
    expect(ci.mean).toBe(13);
    expect(ci.sd).toBeCloseTo(2.5819889, 7);
    expect(ci.halfWidth).toBeCloseTo(hw, 8);
    expect(ci.low).toBeCloseTo(8.8914795, 6);
    expect(ci.high).toBeCloseTo(17.1085205, 6);
  });

  it('paired differences: d = 1, 0, 2, 1', () => {
    // mean 1, s = sqrt(2/3), se = s/2
    const d = pairedDifference([10, 12, 14, 16], [9, 12, 12, 15]);
    const hw = 3.182446305 * (Math.sqrt(2 / 3) / 2);
    expect(d.mean).toBe(1);
    expect(d.low).toBeCloseTo(1 - hw, 8);
    expect(d.high).toBeCloseTo(1 + hw, 8);
    expect(d.low).toBeLessThan(0); // not significant at 95%
  });

  it('one value: a mean and no interval', () => {
    const ci = confidenceInterval([5]);
    expect(ci.mean).toBe(5);
    expect(Number.isNaN(ci.halfWidth)).toBe(true);
  });
});
