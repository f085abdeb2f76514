import { gunzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { gzipStored } from '../../src/record/gzip-stored.js';

describe('gzip of stored blocks', () => {
  it('inflates with zlib to the same bytes: empty, one block, several blocks', () => {
    for (const n of [0, 1, 65535, 65536, 200_001]) {
      const bytes = Uint8Array.from({ length: n }, (_, i) => (i * 7919) & 0xff);
      expect(Buffer.from(gunzipSync(gzipStored(bytes))).equals(Buffer.from(bytes))).toBe(true);
    }
  });

  it('carries a checksum zlib verifies', () => {
    const packed = gzipStored(new Uint8Array([1, 2, 3, 4]));
    packed[packed.length - 8] ^= 1;
    expect(() => gunzipSync(packed)).toThrow();
  });
});
