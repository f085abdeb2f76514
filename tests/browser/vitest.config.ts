import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vitest/config';

/**
 * End-to-end tests in Chromium (`npm run test:browser`, which builds the
 * viewer first). Kept apart from `npm test`, which needs no browser.
 */
export default defineConfig({
  root: fileURLToPath(new URL('../../', import.meta.url)),
  test: {
    include: ['tests/browser/**/*.test.ts'],
    testTimeout: 120_000,
    hookTimeout: 120_000,
    pool: 'forks',
    // One browser at a time: the machine's cores go to the pages being measured.
    fileParallelism: false,
  },
});
