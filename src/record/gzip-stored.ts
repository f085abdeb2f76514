/**
 * gzip without compression (deflate "stored" blocks): what a recording made
 * in the browser is packed with, where no synchronous compressor exists.
 * Any gzip reader (DecompressionStream, zlib) inflates it.
 */

const BLOCK = 65535;
let table: Uint32Array | null = null;

function crc32(bytes: Uint8Array): number {
  if (!table) {
    table = new Uint32Array(256);
    for (let n = 0; n < 256; n++) {
      let c = n;
      for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
      table[n] = c >>> 0;
    }
  }
  let c = 0xffffffff;
  for (let i = 0; i < bytes.length; i++) c = table[(c ^ bytes[i]) & 0xff] ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
}

/** Wraps `payload` in a gzip member of stored deflate blocks (5 bytes per 64 KiB, plus 18). */
export function gzipStored(payload: Uint8Array): Uint8Array {
  const blocks = Math.max(1, Math.ceil(payload.length / BLOCK));
  const out = new Uint8Array(10 + payload.length + 5 * blocks + 8);
  const view = new DataView(out.buffer);
  out.set([0x1f, 0x8b, 8, 0, 0, 0, 0, 0, 0, 0xff]);
  let at = 10;
  for (let b = 0; b < blocks; b++) {
    const from = b * BLOCK;
    const len = Math.min(BLOCK, payload.length - from);
    out[at] = b === blocks - 1 ? 1 : 0;
    view.setUint16(at + 1, len, true);
    view.setUint16(at + 3, ~len & 0xffff, true);
    out.set(payload.subarray(from, from + len), at + 5);
    at += 5 + len;
  }
  view.setUint32(at, crc32(payload), true);
  view.setUint32(at + 4, payload.length >>> 0, true);
  return out;
}
