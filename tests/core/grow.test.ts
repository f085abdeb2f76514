import { describe, expect, it } from 'vitest';
import { grown } from '../../src/core/grow.js';

describe('grown', () => {
  it('copies into a larger array of the same type, new entries filled', () => {
    const a = Int32Array.from([3, -4, 5]);
    const b = grown(a, 6, -1);
    expect(b).toBeInstanceOf(Int32Array);
    expect(Array.from(b)).toEqual([3, -4, 5, -1, -1, -1]);
    const f = grown(Float64Array.from([0.5]), 3);
    expect(f).toBeInstanceOf(Float64Array);
    expect(Array.from(f)).toEqual([0.5, 0, 0]);
    expect(grown(Uint8Array.from([7]), 2)).toBeInstanceOf(Uint8Array);
  });
});
