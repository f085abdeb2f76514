import { decodeBundle, isBundle, longestStallStart } from '../../record/bundle.js';
import { isRecording } from '../../record/recording.js';
import { ReplaySource } from './replay-source.js';

/** Largest recording or bundle opened in the page. */
export const MAX_RECORDING_BYTES = 2 * 1024 * 1024 * 1024;

/** A file the viewer plays back: a recording, or a bundle's recording opened where its report points. */
export interface OpenedReplay {
  source: ReplaySource;
  /** Tick to show first: a bundle's longest stall, else the start. */
  startTick: number;
}

/**
 * Opens a recording or a repro bundle as a replay; null when the file is
 * neither (the caller tries it as a scenario). A LoRR output, which needs
 * its problem and the problem's map, agents and tasks files, is refused
 * with one line saying how to open it. Every problem throws an Error whose
 * message is one line.
 */
export async function openReplayFile(f: File): Promise<OpenedReplay | null> {
  const head = new Uint8Array(await f.slice(0, 8).arrayBuffer());
  const recording = isRecording(head);
  const bundle = isBundle(head);
  if (!recording && !bundle) {
    if (await isLorrOutput(f)) {
      throw new Error(
        `${f.name} is a League of Robot Runners output: it needs its problem (and the problem's map, agents and tasks files); open it with \`wsim view ${f.name} --problem PROBLEM.json\``,
      );
    }
    return null;
  }
  if (f.size > MAX_RECORDING_BYTES) throw new Error(`${f.name} is ${f.size} bytes; recordings and bundles up to 2 GiB open here`);
  const bytes = new Uint8Array(await f.arrayBuffer());
  if (recording) return { source: ReplaySource.open(bytes), startTick: 0 };
  const b = decodeBundle(bytes);
  const source = ReplaySource.open(b.recording);
  const stall = longestStallStart(b.header.report);
  const tickSeconds = source.layout.tickSeconds;
  return { source, startTick: stall === null ? source.range.first : Math.round(stall / tickSeconds) };
}

/** Whether a JSON file looks like a start-kit output (its first 64 KiB name the action model and paths or team size). */
async function isLorrOutput(f: File): Promise<boolean> {
  const text = await f.slice(0, 64 * 1024).text();
  return /^\s*\{/.test(text) && text.includes('"actionModel"') && (text.includes('"teamSize"') || text.includes('"actualPaths"')) && !text.includes('"layout"');
}
