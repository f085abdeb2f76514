import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vitest/config';

/** The viewer benchmarks (`npm run bench:viewer`, `npm run bench:viewer-lorr`): figures printed and written to test-output/. */
export default defineConfig({
  root: fileURLToPath(new URL('../../', import.meta.url)),
  test: {
    include: ['tests/browser/*.bench.ts'],
    testTimeout: 300_000,
    hookTimeout: 120_000,
    pool: 'forks',
  },
});
