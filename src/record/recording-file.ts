import { closeSync, openSync, renameSync, rmSync, writeSync } from 'node:fs';
import { gunzipSync, gzipSync } from 'node:zlib';
import type { Sim } from '../core/sim.js';
import { EventLog } from './event-log.js';
import { layoutInfo } from './layout-info.js';
import { ChunkBuilder, DEFAULT_CHUNK_FRAMES, encodeChunkHeader, encodeRecordingHeader, RecordingReader } from './recording.js';
import { Snapshotter } from './snapshot.js';

/**
 * Records a run to a file while it runs: tick 0, then a frame per tick,
 * compressed a chunk at a time, so memory stays at one chunk whatever the
 * run's length. Written to a temporary file beside the target and renamed
 * over it by `finish`: the file appears whole or not at all.
 */
export class RunRecorder {
  private readonly tmp: string;
  private fd: number;
  private readonly chunks: ChunkBuilder;
  private readonly snap: Snapshotter;
  /** One tick's events at a time; a tick never has this many, so none are dropped. */
  private readonly events = new EventLog(1 << 20);
  private readonly detach: () => void;
  /** Compressed bytes written so far, headers included. */
  bytesWritten = 0;

  constructor(
    sim: Sim,
    private readonly file: string,
    chunkFrames = DEFAULT_CHUNK_FRAMES,
  ) {
    this.tmp = `${file}.${process.pid}.tmp`;
    this.fd = openSync(this.tmp, 'w');
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

  private write(bytes: Uint8Array): void {
    let at = 0;
    while (at < bytes.length) at += writeSync(this.fd, bytes, at, bytes.length - at);
    this.bytesWritten += bytes.length;
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
      closeSync(this.fd);
      this.fd = -1;
      renameSync(this.tmp, this.file);
    } catch (e) {
      this.abort();
      throw e;
    }
  }

  /** Gives up: removes the temporary file. */
  abort(): void {
    if (this.fd >= 0) closeSync(this.fd);
    this.fd = -1;
    rmSync(this.tmp, { force: true });
  }
}

/** Opens a recording held in memory with node:zlib. */
export function readRecording(bytes: Uint8Array): RecordingReader {
  return new RecordingReader(bytes, (b) => gunzipSync(b));
}
