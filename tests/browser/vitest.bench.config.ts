import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vitest/config';

/** The viewer benchmark (`npm run bench:viewer`): figures printed, not pass/fail thresholds. */
export default defineConfig({
  root: fileURLToPath(new URL('../../', import.meta.url)),
  test: {
    include: ['tests/browser/viewer.bench.ts'],
    testTimeout: 300_000,
    hookTimeout: 120_000,
    pool: 'forks',
  },
});
