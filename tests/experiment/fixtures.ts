import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { scenarioPath } from '../helpers/scenarios.js';
export { cli } from '../helpers/cli.js';

export const tempDir = () => mkdtempSync(join(tmpdir(), 'wsim-exp-'));

/** A small experiment on the default scenario (10 simulated minutes per run). */
export function smallExperiment(overrides: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    name: 'small',
    base: scenarioPath('default.json'),
    duration: '10m',
    replications: 3,
    seed: 1,
    variants: [
      { name: 'twelve', set: {} },
      { name: 'two', description: 'far fewer robots', set: { 'robots.count': 2 } },
    ],
    ...overrides,
  };
}

export function writeJson(dir: string, name: string, doc: unknown): string {
  const file = join(dir, name);
  writeFileSync(file, JSON.stringify(doc, null, 2));
  return file;
}

