import { readFileSync } from 'node:fs';
import { basename } from 'node:path';
import type { SimConfig } from '../../core/config.js';
import { recordingDifference, reportDifference } from '../../bundle/bundle-compare.js';
import { decodeBundle, encodeBundle, type Bundle } from '../../bundle/bundle.js';
import { openRecording } from '../../record/open-recording.js';
import { ScenarioError } from '../../scenario/errors.js';
import { readRegularBytes } from '../../scenario/read-file.js';
import { packageRoot } from '../package-root.js';
import { writeAtomic } from '../../output/output.js';

/** Largest bundle read: the viewer opens up to 2 GiB, and so does the CLI. */
export const MAX_BUNDLE_BYTES = 2 * 1024 * 1024 * 1024 - 1;

/** wsim's version, as `wsim --version` prints it. */
export function wsimVersion(): string {
  return (JSON.parse(readFileSync(new URL('package.json', packageRoot()), 'utf8')) as { version: string }).version;
}

/**
 * The scenario document as it ran, standing on its own: a map file's rows
 * inlined as `layout.grid`, the seed and duration the run used written in.
 */
export function selfContainedScenario(json: unknown, config: SimConfig, duration: string | undefined): Record<string, unknown> {
  const doc = structuredClone(json) as Record<string, unknown>;
  const layout = doc.layout as Record<string, unknown> | undefined;
  if (layout && typeof layout === 'object' && 'map' in layout) {
    const { map: _map, ...rest } = layout;
    doc.layout = { ...rest, grid: [...config.grid.rows] };
  }
  doc.seed = config.seed;
  if (duration !== undefined) doc.duration = duration;
  return doc;
}

/** Writes a bundle whole or not at all. */
export function writeBundle(file: string, scenarioFile: string, scenario: Record<string, unknown>, seed: number | string, report: object, recording: Uint8Array): number {
  const bytes = encodeBundle({ wsim: wsimVersion(), scenarioFile: basename(scenarioFile), scenario, seed, report: report as Record<string, unknown> }, recording);
  writeAtomic(file, (put) => put(bytes));
  return bytes.byteLength;
}

/** Reads a bundle: a regular file under the cap, its framing and its recording checked; every problem one line. */
export function readBundle(file: string): Bundle {
  const bytes = readRegularBytes(file, MAX_BUNDLE_BYTES, (why) => new ScenarioError(file, '', why));
  const b = decodeBundle(bytes, file);
  openRecording(b.recording, file);
  return b;
}

/** Where a re-run differs from the bundle, or null when report and recording are identical. */
export async function bundleDifference(b: Bundle, report: object, recording: Uint8Array): Promise<string | null> {
  const inReport = reportDifference(JSON.parse(JSON.stringify(b.header.report)), JSON.parse(JSON.stringify(report)));
  if (inReport) return `the report differs at ${inReport}`;
  return await recordingDifference(openRecording(b.recording), openRecording(recording));
}
