import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { vi } from 'vitest';
import { main } from '../../src/cli/main.js';
import { scenarioPath } from '../helpers/scenarios.js';

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

/** Runs the CLI in-process, capturing what it prints. */
export async function cli(...args: string[]) {
  let out = '';
  let err = '';
  const o = vi.spyOn(process.stdout, 'write').mockImplementation((s) => ((out += String(s)), true));
  const e = vi.spyOn(process.stderr, 'write').mockImplementation((s) => ((err += String(s)), true));
  try {
    const code = await main(args);
    return { code, out, err };
  } finally {
    o.mockRestore();
    e.mockRestore();
  }
}
