import { gzipSync } from 'node:zlib';
import { OutputFile } from '../output/output.js';
import { decodeFrame } from './frame-codec.js';
import { appendSections, ViewState } from './keyframe.js';
import { ChunkBuilder, DEFAULT_CHUNK_FRAMES, encodeChunkHeader, encodeRecordingHeader, type RecordingHeader } from './recording.js';

/** Where a recording's bytes go: an OutputFile, or memory. */
export interface ByteSink {
  write(bytes: Uint8Array): void;
  commit(): void;
  abort(): void;
  readonly bytesWritten: number;
}

/** A recording kept in memory (served by `wsim view` without a file). */
export class MemorySink implements ByteSink {
  private parts: Uint8Array[] = [];
  bytesWritten = 0;
  write(bytes: Uint8Array): void {
    this.parts.push(bytes.slice());
    this.bytesWritten += bytes.byteLength;
  }
  commit(): void {}
  abort(): void {
    this.parts = [];
    this.bytesWritten = 0;
  }
  /** Everything written, in one buffer. */
  bytes(): Uint8Array {
    const out = new Uint8Array(this.bytesWritten);
    let at = 0;
    for (const p of this.parts) {
      out.set(p, at);
      at += p.byteLength;
    }
    return out;
  }
}

/**
 * Writes a recording one frame at a time (see recording.ts for the format):
 * frames are gathered into chunks, each compressed when full, and the first
 * frame of every chunk carries a keyframe (see keyframe.ts), so memory stays
 * at one chunk whatever the run's length. The file is written as every
 * output is (OutputFile): whole or not at all, never over a FIFO or device.
 */
export class RecordingWriter {
  private readonly out: ByteSink;
  private readonly chunks: ChunkBuilder;
  private readonly state: ViewState;

  /**
   * `to`: a file name, or a sink (a recording kept in memory: MemorySink).
   * `pack`: how a chunk is gzipped (zlib level 6; the browser passes gzipStored).
   */
  constructor(
    to: string | ByteSink,
    header: RecordingHeader,
    private readonly pack: (payload: Uint8Array) => Uint8Array = (p) => gzipSync(p, { level: 6 }),
  ) {
    this.out = typeof to === 'string' ? new OutputFile(to) : to;
    this.chunks = new ChunkBuilder(header.chunkFrames ?? DEFAULT_CHUNK_FRAMES);
    this.state = new ViewState(header.layout);
    try {
      this.out.write(encodeRecordingHeader(header));
    } catch (e) {
      this.abort();
      throw e;
    }
  }

  /** Adds the frame of `tick` (the next one): counted into the keyframe state, and made a keyframe when it starts a chunk. */
  add(tick: number, frame: Uint8Array): void {
    this.state.add(decodeFrame(frame));
    if (this.chunks.frames === 0) frame = appendSections(frame, this.state.sections());
    const payload = this.chunks.add(tick, frame);
    if (payload) this.flush(payload, this.chunks.chunkFrames);
  }

  private flush(payload: Uint8Array, frames: number): void {
    const first = this.chunks.firstTick;
    const packed = this.pack(payload);
    this.out.write(encodeChunkHeader(packed.length, first, frames));
    this.out.write(packed);
  }

  /** Compressed bytes written so far, headers included. */
  get bytesWritten(): number {
    return this.out.bytesWritten;
  }

  /** Writes the last chunk and moves the file into place. */
  finish(): void {
    const frames = this.chunks.frames;
    const payload = this.chunks.take();
    try {
      if (payload) this.flush(payload, frames);
      this.out.commit();
    } catch (e) {
      this.abort();
      throw e;
    }
  }

  /** Gives up: removes the temporary file. */
  abort(): void {
    this.out.abort();
  }
}
