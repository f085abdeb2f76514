import { describe, expect, it } from 'vitest';
import { Fifo } from '../../src/outbound/fifo.js';

/** A small deterministic generator (LCG) so the operation sequence is fixed and independent of the engine's streams. */
function lcg(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (Math.imul(s, 1664525) + 1013904223) >>> 0;
    return s / 2 ** 32;
  };
}

/** Every record of `q` front to back, read through `at`. */
function contents(q: Fifo): number[][] {
  const out: number[][] = [];
  for (let k = 0; k < q.length; k++) out.push(Array.from({ length: q.width }, (_, f) => q.at(k, f)));
  return out;
}

describe('Fifo', () => {
  it('keeps records in order with every field, and fills missing fields with 0', () => {
    const q = new Fifo(4, 2);
    q.push(1, 2, 3, 4);
    q.push(5);
    q.push(6, 7);
    expect(q.length).toBe(3);
    expect(contents(q)).toEqual([
      [1, 2, 3, 4],
      [5, 0, 0, 0],
      [6, 7, 0, 0],
    ]);
    expect([q.peek(0), q.peek(1), q.peek(2), q.peek(3)]).toEqual([1, 2, 3, 4]);
    expect(q.peek()).toBe(1);
    q.shift();
    expect(q.peek()).toBe(5);
    expect(q.peek(1)).toBe(0);
    expect(q.at(1, 1)).toBe(7);
  });

  it('a width-1 queue ignores the extra arguments and does not spill them into the next record', () => {
    const q = new Fifo(1, 2);
    q.push(10, 11, 12, 13);
    q.push(20, 21, 22, 23);
    expect(contents(q)).toEqual([[10], [20]]);
  });

  it('wraps around a fixed capacity without growing when length stays at or below it', () => {
    const q = new Fifo(2, 3);
    let next = 0;
    let expectFront = 0;
    // Keep 3 records in a ring of 3 through 100 push/shift cycles: the head passes the end of the buffer many times.
    for (let i = 0; i < 3; i++, next++) q.push(next, -next - 1);
    for (let cycle = 0; cycle < 100; cycle++) {
      expect(q.peek(0)).toBe(expectFront);
      expect(q.peek(1)).toBe(-expectFront - 1);
      expect(q.at(2, 0)).toBe(expectFront + 2);
      q.shift();
      expectFront++;
      q.push(next, -next - 1);
      next++;
      expect(q.length).toBe(3);
    }
    expect(contents(q)).toEqual([
      [100, -101],
      [101, -102],
      [102, -103],
    ]);
  });

  it('grows while wrapped (head in the middle of the buffer) and keeps the order', () => {
    const q = new Fifo(3, 4);
    for (let i = 0; i < 4; i++) q.push(i, i * 10, i * 100);
    q.shift();
    q.shift(); // head now at slot 2
    for (let i = 4; i < 9; i++) q.push(i, i * 10, i * 100); // wraps, then grows twice (4 -> 8 -> 16)
    expect(q.length).toBe(7);
    expect(contents(q)).toEqual([2, 3, 4, 5, 6, 7, 8].map((i) => [i, i * 10, i * 100]));
  });

  it('initial capacity 0 is treated as 1 and still grows', () => {
    const q = new Fifo(1, 0);
    for (let i = 0; i < 5; i++) q.push(i);
    expect(contents(q).map((r) => r[0])).toEqual([0, 1, 2, 3, 4]);
  });

  it('shift on an empty queue throws, also after it has been used and emptied', () => {
    const q = new Fifo(2);
    expect(() => q.shift()).toThrow('shift on an empty queue');
    q.push(1, 2);
    q.shift();
    expect(q.length).toBe(0);
    expect(() => q.shift()).toThrow('shift on an empty queue');
    expect(q.length).toBe(0);
  });

  it('holds negative and large Int32 values exactly', () => {
    const q = new Fifo(2, 1);
    q.push(-1, 2 ** 31 - 1);
    q.push(-(2 ** 31), 0);
    expect(contents(q)).toEqual([
      [-1, 2 ** 31 - 1],
      [-(2 ** 31), 0],
    ]);
  });

  for (const width of [1, 2, 3, 4]) {
    for (const initial of [1, 3, 16]) {
      it(`matches a plain array over 20000 random operations (width ${width}, initial ${initial})`, () => {
        const rand = lcg(width * 1000 + initial);
        const q = new Fifo(width, initial);
        const model: number[][] = [];
        let serial = 0;
        let maxLen = 0;
        let shifts = 0;
        // Mismatches are collected rather than asserted one by one (a few hundred thousand expects are slow).
        const bad: string[] = [];
        const check = (what: string, got: number, want: number) => {
          if (got !== want && bad.length < 5) bad.push(`${what}: got ${got}, want ${want}`);
        };
        for (let op = 0; op < 20000; op++) {
          // Phases bias towards pushing or shifting so the length swings up and down (growth and many wrap-arounds).
          const pushBias = Math.floor(op / 2000) % 2 === 0 ? 0.6 : 0.4;
          const r = rand();
          if (r < pushBias) {
            const rec = [serial, -serial - 1, serial * 7, serial ^ 0x5555].slice(0, width);
            serial++;
            q.push(rec[0], rec[1], rec[2], rec[3]);
            model.push(rec);
          } else if (model.length > 0) {
            const f = Math.floor(rand() * width);
            check(`op ${op} peek(${f}) before shift`, q.peek(f), model[0][f]);
            q.shift();
            model.shift();
            shifts++;
          } else {
            let threw = false;
            try {
              q.shift();
            } catch {
              threw = true;
            }
            if (!threw) bad.push(`op ${op}: shift on empty did not throw`);
          }
          check(`op ${op} length`, q.length, model.length);
          maxLen = Math.max(maxLen, model.length);
          if (op % 64 === 0) {
            // Every record and field now and then; a random one, the front and the back otherwise.
            for (let k = 0; k < model.length; k++) {
              for (let f = 0; f < width; f++) check(`op ${op} at(${k}, ${f})`, q.at(k, f), model[k][f]);
            }
          } else if (model.length > 0) {
            const f = Math.floor(rand() * width);
            for (const k of [Math.floor(rand() * model.length), model.length - 1]) {
              check(`op ${op} at(${k}, ${f})`, q.at(k, f), model[k][f]);
            }
          }
          if (model.length > 0) for (let f = 0; f < width; f++) check(`op ${op} peek(${f})`, q.peek(f), model[0][f]);
        }
        expect(bad).toEqual([]);
        expect(contents(q)).toEqual(model);
        // The run really exercised growth and wrap-around.
        expect(maxLen).toBeGreaterThan(Math.max(initial, 16));
        expect(shifts).toBeGreaterThan(5000);
      });
    }
  }
});
