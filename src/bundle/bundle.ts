/**
 * Repro bundles (`wsim run SCENARIO --bundle FILE`): one file that holds
 * everything needed to see a run again and to run it again: the scenario
 * (its map inlined), the seed, the wsim version, the KPI report and the
 * recording.
 *
 * ```
 * 8 bytes   'WSIMBDL' then 0x01 (format version)
 * u32       header length H, then H bytes of JSON (BundleHeader)
 * N bytes   the recording (N = header.recordingBytes), to the end of the file
 * ```
 *
 * Readers (the CLI and the viewer) hold every file to the format: the magic,
 * a header of at most 64 MiB that parses and says `"format": "wsim-bundle"`,
 * version 1, a scenario object, a seed, and a recording of exactly the size
 * it states, which is then read as any recording is. Every problem is one
 * line: `FILE: not a wsim bundle: WHAT`. Browser-safe: no node: imports.
 */
import { ScenarioError } from '../scenario/errors.js';

export const BUNDLE_MAGIC = new Uint8Array([0x57, 0x53, 0x49, 0x4d, 0x42, 0x44, 0x4c, 0x01]); // 'WSIMBDL' 1
export const BUNDLE_FORMAT = 'wsim-bundle';
export const BUNDLE_VERSION = 1;
/** Largest header: a scenario with a 4-million-cell map inlined, and its report. */
export const MAX_BUNDLE_HEADER = 64 * 1024 * 1024;

export interface BundleHeader {
  format: typeof BUNDLE_FORMAT;
  version: typeof BUNDLE_VERSION;
  /** wsim's version that made it. */
  wsim: string;
  /** The scenario file's name when it was bundled (for messages). */
  scenarioFile: string;
  /** The scenario document, layout map inlined as grid rows, seed and duration as run. */
  scenario: Record<string, unknown>;
  seed: number | string;
  /** The KPI report of the run (`wallSeconds` as measured then). */
  report: Record<string, unknown>;
  recordingBytes: number;
}

export interface Bundle {
  header: BundleHeader;
  recording: Uint8Array;
}

/** True when the bytes start like a bundle. */
export function isBundle(bytes: Uint8Array): boolean {
  if (bytes.byteLength < BUNDLE_MAGIC.length) return false;
  for (let k = 0; k < BUNDLE_MAGIC.length; k++) if (bytes[k] !== BUNDLE_MAGIC[k]) return false;
  return true;
}

/** The bundle's bytes: magic, header, recording. */
export function encodeBundle(header: Omit<BundleHeader, 'format' | 'version' | 'recordingBytes'>, recording: Uint8Array): Uint8Array {
  const full: BundleHeader = { format: BUNDLE_FORMAT, version: BUNDLE_VERSION, ...header, recordingBytes: recording.byteLength };
  const json = new TextEncoder().encode(JSON.stringify(full));
  const out = new Uint8Array(BUNDLE_MAGIC.length + 4 + json.length + recording.byteLength);
  out.set(BUNDLE_MAGIC, 0);
  new DataView(out.buffer).setUint32(BUNDLE_MAGIC.length, json.length, true);
  out.set(json, BUNDLE_MAGIC.length + 4);
  out.set(recording, BUNDLE_MAGIC.length + 4 + json.length);
  return out;
}

/** A file that is not a readable bundle: one line, `FILE: not a wsim bundle: WHAT` (exit 2 in the CLI). */
export class BundleFormatError extends ScenarioError {
  constructor(file: string | undefined, reason: string) {
    super(file ?? '', '', `not a wsim bundle: ${reason}`);
    if (file === undefined) this.message = this.detail;
  }
}

const isObject = (v: unknown): v is Record<string, unknown> => v !== null && typeof v === 'object' && !Array.isArray(v);

/** Splits a bundle into its header and recording, checking both framings; the recording itself is checked by its reader. */
export function decodeBundle(bytes: Uint8Array, file?: string): Bundle {
  const fail = (why: string) => new BundleFormatError(file, why);
  if (!isBundle(bytes)) throw fail("bad magic: a bundle starts with 'WSIMBDL' and version 1");
  const start = BUNDLE_MAGIC.length + 4;
  if (bytes.byteLength < start) throw fail(`truncated in its header (${bytes.byteLength} bytes)`);
  const hlen = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength).getUint32(BUNDLE_MAGIC.length, true);
  if (hlen > MAX_BUNDLE_HEADER) throw fail(`its header says it is ${hlen} bytes; at most ${MAX_BUNDLE_HEADER}`);
  if (start + hlen > bytes.byteLength) throw fail(`truncated in its header (${hlen} bytes announced, ${bytes.byteLength - start} present)`);
  let json: unknown;
  try {
    json = JSON.parse(new TextDecoder().decode(bytes.subarray(start, start + hlen)));
  } catch {
    throw fail('its header is not valid JSON');
  }
  if (!isObject(json)) throw fail('its header is not a JSON object');
  if (json.format !== BUNDLE_FORMAT) throw fail(`header.format: expected "${BUNDLE_FORMAT}"`);
  if (json.version !== BUNDLE_VERSION) throw fail(`header.version: ${JSON.stringify(json.version)?.slice(0, 20)} is not supported (this wsim reads version ${BUNDLE_VERSION})`);
  if (typeof json.wsim !== 'string') throw fail('header.wsim: expected the wsim version (a string)');
  if (typeof json.scenarioFile !== 'string' || json.scenarioFile.length > 4096) throw fail('header.scenarioFile: expected a file name');
  if (!isObject(json.scenario)) throw fail('header.scenario: expected the scenario (an object)');
  if (typeof json.seed !== 'number' && typeof json.seed !== 'string') throw fail('header.seed: expected a number or a string');
  if (!isObject(json.report)) throw fail('header.report: expected the KPI report (an object)');
  const n = json.recordingBytes;
  const rest = bytes.byteLength - start - hlen;
  if (typeof n !== 'number' || !Number.isInteger(n) || n < 0) throw fail('header.recordingBytes: expected a whole number');
  if (n !== rest) throw fail(`header.recordingBytes says ${n}, but ${rest} bytes follow the header${n > rest ? ' (the file is cut short)' : ''}`);
  return { header: json as unknown as BundleHeader, recording: bytes.subarray(start + hlen) };
}

/**
 * Where the viewer opens a bundle: the start (simulated seconds) of the
 * longest stall its report lists (`robots.stalls`: any list of entries with
 * `startSeconds` and `durationSeconds`), or null when the report has none.
 */
export function longestStallStart(report: Record<string, unknown>): number | null {
  const robots = report.robots;
  const stalls = isObject(robots) ? robots.stalls : undefined;
  if (!isObject(stalls)) return null;
  let best: { start: number; duration: number } | null = null;
  for (const list of Object.values(stalls)) {
    if (!Array.isArray(list)) continue;
    for (const s of list.slice(0, 1000)) {
      if (!isObject(s) || typeof s.startSeconds !== 'number' || !Number.isFinite(s.startSeconds) || s.startSeconds < 0) continue;
      const duration = typeof s.durationSeconds === 'number' && Number.isFinite(s.durationSeconds) ? s.durationSeconds : 0;
      if (!best || duration > best.duration) best = { start: s.startSeconds, duration };
    }
  }
  return best ? best.start : null;
}
