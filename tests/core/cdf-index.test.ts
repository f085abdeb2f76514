import { describe, expect, it } from 'vitest';
import { cdfIndex } from '../../src/core/rng.js';

describe('cdfIndex', () => {
  it('picks the first entry whose cumulative share reaches the draw, within a range', () => {
    const cdf = [0.1, 0.4, 0.4, 0.9, 1];
    expect(cdfIndex(cdf, 0)).toBe(0);
    expect(cdfIndex(cdf, 0.1)).toBe(0);
    expect(cdfIndex(cdf, 0.2)).toBe(1);
    expect(cdfIndex(cdf, 0.4)).toBe(1); // an empty entry (2) is never picked
    expect(cdfIndex(cdf, 0.95)).toBe(4);
    expect(cdfIndex(cdf, 0.2, 2, 4)).toBe(2);
    expect(cdfIndex(cdf, 0.95, 1, 3)).toBe(3); // past the range's end: its last entry
  });
});
