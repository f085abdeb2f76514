import { gzipSync } from 'node:zlib';
import { openRecording } from './open-recording.js';
import { OutputFile } from '../cli/output.js';
import type { Sim } from '../core/sim.js';
import { EventLog } from './event-log.js';
import { layoutInfo } from './layout-info.js';
import { ChunkBuilder, DEFAULT_CHUNK_FRAMES, encodeChunkHeader, encodeRecordingHeader, RecordingReader } from './recording.js';
import { Snapshotter } from './snapshot.js';

/**
 * Records a run to a file while it runs: tick 0, then a frame per tick,
 * compressed a chunk at a time, so memory stays at one chunk whatever the
 * run's length. Written as every output is (see OutputFile): to a temporary
 * file renamed over the target by `finish`, so the file appears whole or not
 * at all, or through a FIFO or device, which is never replaced.
 */
export class RunRecorder {
  private readonly out: OutputFile;
  private readonly chunks: ChunkBuilder;
  private readonly snap: Snapshotter;
  /** One tick's events at a time; a tick never has this many, so none are dropped. */
  private readonly events = new EventLog(1 << 20);
  private readonly detach: () => void;

  constructor(
    sim: Sim,
    file: string,
    chunkFrames = DEFAULT_CHUNK_FRAMES,
  ) {
    this.out = new OutputFile(file);
    this.chunks = new ChunkBuilder(chunkFrames);
    this.snap = new Snapshotter(sim.world);
    try {
      this.write(encodeRecordingHeader({ layout: { ...layoutInfo(sim.config), startTick: sim.world.tick }, chunkFrames }));
      this.add(sim.world.tick, this.snap.encode(this.events, 0));
    } catch (e) {
      this.abort();
      throw e;
    }
    this.detach = sim.observe((f) => {
      this.events.clear();
      this.events.add(f.tick - 1, f.events);
      this.add(f.tick, this.snap.encode(this.events, 1));
    });
  }

  private add(tick: number, frame: Uint8Array): void {
    const payload = this.chunks.add(tick, frame);
    if (payload) this.flush(payload, tick);
  }

  private flush(payload: Uint8Array, lastTick: number): void {
    const packed = gzipSync(payload, { level: 6 });
    const frames = lastTick - this.chunks.firstTick + 1;
    this.write(encodeChunkHeader(packed.length, this.chunks.firstTick, frames));
    this.write(packed);
  }

  /** Compressed bytes written so far, headers included. */
  get bytesWritten(): number {
    return this.out.bytesWritten;
  }

  private write(bytes: Uint8Array): void {
    this.out.write(bytes);
  }

  /** Writes the last chunk and moves the file into place. */
  finish(): void {
    this.detach();
    const first = this.chunks.firstTick;
    const frames = this.chunks.frames;
    const payload = this.chunks.take();
    try {
      if (payload) {
        const packed = gzipSync(payload, { level: 6 });
        this.write(encodeChunkHeader(packed.length, first, frames));
        this.write(packed);
      }
      this.out.commit();
    } catch (e) {
      this.abort();
      throw e;
    }
  }

  /** Gives up: removes the temporary file. */
  abort(): void {
    this.detach?.();
    this.out.abort();
  }
}

/** Opens a recording held in memory with node:zlib, every chunk's inflation capped (see openRecording). */
export function readRecording(bytes: Uint8Array): RecordingReader {
  return openRecording(bytes);
}
