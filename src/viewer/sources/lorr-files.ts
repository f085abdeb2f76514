/**
 * A League of Robot Runners output opened in the page together with its
 * problem JSON and the map, agents and tasks files the problem names. The
 * browser cannot read paths, so the named files are matched by file name
 * among the files handed over together; the conversion is the one
 * `wsim view OUT.json --problem P.json` uses.
 */
import { parseLorrOutput } from '../../lorr/output.js';
import { parseLorrProblem, type LorrFileKey } from '../../lorr/problem.js';
import { traceFromOutput } from '../../lorr/trace.js';
import { gzipStored } from '../../record/gzip-stored.js';
import { LORR_CHUNK_FRAMES, writeLorrRecording } from '../../lorr/record.js';
import { MemorySink } from '../../record/recording-writer.js';
import { ScenarioError } from '../../scenario/errors.js';
import { parseJsonText } from '../../scenario/load.js';
import { MAX_JSON_BYTES, MAX_LIST_BYTES, MAX_LORR_OUTPUT_BYTES, MAX_MAP_BYTES } from '../../scenario/read-file.js';

const KEYS: readonly LorrFileKey[] = ['mapFile', 'agentFile', 'taskFile'];
const LIMIT: Record<LorrFileKey, number> = { mapFile: MAX_MAP_BYTES, agentFile: MAX_LIST_BYTES, taskFile: MAX_LIST_BYTES };

/** The last part of a path as written in a problem ('/' or '\' separated). */
function baseName(p: string): string {
  return p.split(/[\\/]/).pop() ?? p;
}

/** Whether a JSON text's start looks like a start-kit output. */
export function looksLikeLorrOutput(head: string): boolean {
  return /^\s*\{/.test(head) && head.includes('"actionModel"') && (head.includes('"teamSize"') || head.includes('"actualPaths"')) && !head.includes('"layout"');
}

/** Whether a JSON text's start looks like a start-kit problem. */
export function looksLikeLorrProblem(head: string): boolean {
  return /^\s*\{/.test(head) && head.includes('"mapFile"') && head.includes('"agentFile"') && !head.includes('"actionModel"');
}

async function headOf(f: File): Promise<string> {
  return f.slice(0, 64 * 1024).text();
}

async function textOf(f: File, limit: number): Promise<string> {
  if (f.size > limit) throw new Error(`${f.name} is ${f.size} bytes; the limit is ${limit}`);
  return f.text();
}

/**
 * Opens a LoRR output from `files` (its problem and the problem's files among
 * them) as recording bytes. Null when no file is a LoRR output. Throws an
 * Error with one line when the set is incomplete, naming what is missing.
 */
export async function lorrRecordingFromFiles(files: readonly File[]): Promise<{ bytes: Uint8Array; name: string } | null> {
  const heads = await Promise.all(files.map(headOf));
  const out = files.find((_, i) => looksLikeLorrOutput(heads[i]));
  if (!out) return null;
  const problemFile = files.find((_, i) => looksLikeLorrProblem(heads[i]));
  if (!problemFile) {
    throw new Error(`${out.name} is a League of Robot Runners output: open it together with its problem JSON and the map, agents and tasks files the problem names`);
  }
  const problemText = await textOf(problemFile, MAX_JSON_BYTES);
  const doc = parseJsonText(problemFile.name, problemText) as Record<string, unknown>;
  const byName = new Map(files.map((f) => [f.name, f]));
  const missing = KEYS.map((k) => doc[k]).filter((w): w is string => typeof w === 'string' && w !== '' && !byName.has(baseName(w)));
  if (missing.length > 0) {
    throw new Error(`${problemFile.name} names ${missing.map(baseName).join(', ')}, not among the files opened: open them together with ${out.name} and ${problemFile.name}`);
  }
  const texts = new Map<string, string>();
  for (const k of KEYS) {
    const w = doc[k];
    if (typeof w === 'string' && byName.has(baseName(w))) texts.set(baseName(w), await textOf(byName.get(baseName(w))!, LIMIT[k]));
  }
  const problem = parseLorrProblem(problemFile.name, problemText, {
    locate: (_key, written) => baseName(written),
    read: (key, name) => {
      const t = texts.get(name);
      if (t === undefined) throw new ScenarioError(problemFile.name, key, `${name} is not among the files opened`);
      return t;
    },
  });
  const output = parseLorrOutput(parseJsonText(out.name, await textOf(out, MAX_LORR_OUTPUT_BYTES)), out.name);
  const trace = traceFromOutput(problem, output, out.name);
  const sink = new MemorySink();
  writeLorrRecording(trace, sink, LORR_CHUNK_FRAMES, gzipStored);
  return { bytes: sink.bytes(), name: `${out.name} on ${problemFile.name}` };
}
