import { gunzipSync } from 'node:zlib';
import { RecordingReader } from './recording.js';

/**
 * Inflates a recording chunk with node:zlib, giving up (RangeError) as soon
 * as the output would pass `maxBytes`: a crafted chunk never costs more.
 */
export function gunzipCapped(bytes: Uint8Array, maxBytes: number): Uint8Array {
  return gunzipSync(bytes, { maxOutputLength: maxBytes });
}

/** Opens a recording held in memory, every chunk's inflation capped; `file` names it in errors. */
export function openRecording(bytes: Uint8Array, file?: string): RecordingReader {
  return new RecordingReader(bytes, gunzipCapped, file);
}
