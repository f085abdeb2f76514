import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vitest/config';
import { nodeStandIns } from './src/viewer/shims/plugin.js';

const here = (p: string) => fileURLToPath(new URL(p, import.meta.url));

export default defineConfig({
  // The viewer: `npm run dev` serves it, `npm run build` writes the static site to dist/.
  root: here('src/viewer'),
  publicDir: here('public'),
  base: './',
  // The scenario loader imports node:fs and node:path (for files named by
  // path); the browser gets stand-ins. Tests run in Node and keep the real ones.
  plugins: process.env.VITEST ? [] : [nodeStandIns()],
  build: {
    outDir: here('dist'),
    emptyOutDir: true,
    chunkSizeWarningLimit: 2000,
  },
  // Workers are bundled apart and take their own plugins (the engine runs in one).
  worker: { format: 'es', plugins: () => (process.env.VITEST ? [] : [nodeStandIns()]) },
  server: { fs: { allow: [here('.')] } },
  test: {
    root: here('.'),
    include: ['tests/**/*.test.ts'],
    // Browser tests need Chromium and a built viewer: `npm run test:browser`.
    exclude: ['tests/browser/**', 'node_modules/**'],
    testTimeout: 60_000,
    hookTimeout: 60_000,
    pool: 'forks',
  },
});
