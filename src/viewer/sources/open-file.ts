import { decodeBundle, isBundle, longestStallStart } from '../../bundle/bundle.js';
import { isRecording } from '../../record/recording.js';
import { lorrRecordingFromFiles } from './lorr-files.js';
import { ReplaySource } from './replay-source.js';

/** Largest recording or bundle opened in the page. */
export const MAX_RECORDING_BYTES = 2 * 1024 * 1024 * 1024;

/** A file the viewer plays back: a recording, or a bundle's recording opened where its report points. */
export interface OpenedReplay {
  source: ReplaySource;
  /** Tick to show first: a bundle's longest stall, else the start. */
  startTick: number;
  /** What to call it. */
  name: string;
}

/**
 * Opens files picked or dropped together: a LoRR output with its problem and
 * the problem's map, agents and tasks files (matched by name), else the first
 * file as a recording or bundle (see openReplayFile). Null when the first
 * file is neither (the caller tries it as a scenario).
 */
export async function openReplayFiles(files: readonly File[]): Promise<OpenedReplay | null> {
  const lorr = await lorrRecordingFromFiles(files);
  if (lorr) return { source: ReplaySource.open(lorr.bytes), startTick: 0, name: lorr.name };
  return openReplayFile(files[0]);
}

/**
 * Opens a recording or a repro bundle as a replay; null when the file is
 * neither (the caller tries it as a scenario). Every problem throws an Error
 * whose message is one line.
 */
export async function openReplayFile(f: File): Promise<OpenedReplay | null> {
  const head = new Uint8Array(await f.slice(0, 8).arrayBuffer());
  const recording = isRecording(head);
  const bundle = isBundle(head);
  if (!recording && !bundle) return null;
  if (f.size > MAX_RECORDING_BYTES) throw new Error(`${f.name} is ${f.size} bytes; recordings and bundles up to 2 GiB open here`);
  const bytes = new Uint8Array(await f.arrayBuffer());
  if (recording) return { source: ReplaySource.open(bytes), startTick: 0, name: f.name };
  const b = decodeBundle(bytes);
  const source = ReplaySource.open(b.recording);
  const stall = longestStallStart(b.header.report);
  const tickSeconds = source.layout.tickSeconds;
  return { source, startTick: stall === null ? source.range.first : Math.round(stall / tickSeconds), name: f.name };
}
