import { describe, expect, it } from 'vitest';
import { formatDuration, parseDuration } from '../../src/core/duration.js';
import { randPoisson, rngStream } from '../../src/core/rng.js';
import { IntHistogram } from '../../src/metrics/histogram.js';
import { OrderBook } from '../../src/orders/books.js';

describe('durations', () => {
  it('parses seconds and unit strings', () => {
    expect(parseDuration(90)).toBe(90);
    expect(parseDuration('8h')).toBe(28800);
    expect(parseDuration('90m')).toBe(5400);
    expect(parseDuration('1h30m')).toBe(5400);
    expect(parseDuration('1.5h')).toBe(5400);
    expect(parseDuration('45s')).toBe(45);
    expect(parseDuration('120')).toBe(120);
    for (const bad of ['', 'h', '8x', '-1h', 'soon', '1h 2']) expect(parseDuration(bad)).toBeNull();
    expect(parseDuration(-1)).toBeNull();
    expect(parseDuration(NaN)).toBeNull();
    expect(formatDuration(3723)).toBe('1h 02m 03s');
  });
});

describe('random streams', () => {
  it('are reproducible per (seed, name) and independent across names', () => {
    const a = rngStream(1, 'demand');
    const b = rngStream(1, 'demand');
    const c = rngStream(1, 'planner');
    const xs = Array.from({ length: 5 }, () => a.next());
    expect(Array.from({ length: 5 }, () => b.next())).toEqual(xs);
    expect(Array.from({ length: 5 }, () => c.next())).not.toEqual(xs);
  });

  it('Poisson draws have the requested mean', () => {
    const rng = rngStream(7, 'p');
    for (const lambda of [0.3, 4, 50]) {
      let sum = 0;
      const n = 20000;
      for (let k = 0; k < n; k++) sum += randPoisson(rng, lambda);
      expect(sum / n).toBeGreaterThan(lambda * 0.95);
      expect(sum / n).toBeLessThan(lambda * 1.05);
    }
  });
});

describe('histogram', () => {
  it('gives exact nearest-rank percentiles', () => {
    const h = new IntHistogram();
    for (let v = 1; v <= 100; v++) h.add(v);
    expect(h.percentile(0.5)).toBe(50);
    expect(h.percentile(0.95)).toBe(95);
    expect(h.percentile(0.99)).toBe(99);
    expect(h.mean()).toBe(50.5);
    h.add(5000);
    expect(h.max).toBe(5000);
    expect(h.percentile(1)).toBe(5000);
  });
});

describe('order book', () => {
  it('recycles slots and keeps created = completed + open', () => {
    const b = new OrderBook(2);
    for (let round = 0; round < 50; round++) {
      const o = b.openOrder(round, round + 10, 0, 2);
      const l1 = b.openLine(o, 1, 0, 0);
      const l2 = b.openLine(o, 2, 0, 0);
      expect(b.pickLine(l1)).toBe(-1);
      expect(b.pickLine(l2)).toBe(o);
      b.closeOrder(o);
      expect(b.ordersCreated).toBe(b.ordersCompleted + b.openOrders);
      expect(b.linesCreated).toBe(b.linesPicked + b.openLines);
    }
    expect(b.openOrders).toBe(0);
    expect(b.orderId.length).toBe(2); // never grew: slots were reused
  });
});
