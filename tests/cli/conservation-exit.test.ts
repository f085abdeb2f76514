import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { cli } from '../helpers/cli.js';

// Books that do not close cannot be produced by a correct engine, so the
// check is forced to report one: what `wsim run` does with it is under test.
const corrupt = vi.hoisted(() => ({ on: false }));
vi.mock('../../src/books/conservation.js', async (original) => {
  const real = await original<typeof import('../../src/books/conservation.js')>();
  return {
    ...real,
    checkConservation: (...args: Parameters<typeof real.checkConservation>) => {
      const c = real.checkConservation(...args);
      if (!corrupt.on) return c;
      return { ...c, balanced: false, items: { ...c.items, imbalance: 2, balanced: false }, problems: ['items: created 10 != delivered 6 + in progress 2 + dropped 0'] };
    },
  };
});

afterEach(() => {
  corrupt.on = false;
});

describe('wsim run and the books', () => {
  it('reports balanced books and exits 0 on a clean run', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'wsim-books-'));
    const { code, out } = await cli('run', '--duration', '10m', '--report', join(dir, 'r.json'));
    expect(code).toBe(0);
    expect(out).toContain('books         orders, lines, items, totes and pods balanced');
    const report = JSON.parse(readFileSync(join(dir, 'r.json'), 'utf8'));
    expect(Object.keys(report)).toContain('conservation');
    expect(report.conservation.balanced).toBe(true);
    expect(report.conservation.orders.created).toBe(report.orders.created);
  });

  it('writes the report, says what is off and exits 1 when the books do not close', async () => {
    corrupt.on = true;
    const dir = mkdtempSync(join(tmpdir(), 'wsim-books-'));
    const { code, out, err } = await cli('run', '--duration', '10m', '--report', join(dir, 'r.json'));
    expect(code).toBe(1);
    expect(out).toContain('books         NOT balanced: items off by 2');
    expect(err).toContain('conservation check failed');
    expect(err).toContain('items: created 10 != delivered 6');
    expect(JSON.parse(readFileSync(join(dir, 'r.json'), 'utf8')).conservation.balanced).toBe(false);
  });
});
