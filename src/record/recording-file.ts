import { openRecording } from './open-recording.js';
import type { Sim } from '../sim/sim.js';
import { EventLog } from './event-log.js';
import { frameSectionsInfo, layoutInfo, type LayoutInfo } from './layout-info.js';
import { DEFAULT_CHUNK_FRAMES, RecordingReader } from './recording.js';
import { RecordingWriter, type ByteSink } from './recording-writer.js';
import { Snapshotter } from './snapshot.js';

/**
 * Records a run to a file while it runs: tick 0, then a frame per tick,
 * compressed a chunk at a time with a keyframe at the start of each (see
 * RecordingWriter), so memory stays at one chunk whatever the run's length.
 */
export class RunRecorder {
  private readonly writer: RecordingWriter;
  private readonly snap: Snapshotter;
  /** One tick's events at a time; a tick never has this many, so none are dropped. */
  private readonly events = new EventLog(1 << 20);
  private detach: () => void = () => {};

  constructor(
    sim: Sim,
    /** A file, or a sink in memory (a repro bundle's recording). */
    file: string | ByteSink,
    chunkFrames = DEFAULT_CHUNK_FRAMES,
  ) {
    const layout: LayoutInfo = { ...layoutInfo(sim.config), startTick: sim.world.tick };
    // Declared only when there are some, so the header of a run without them is as it always was.
    if (sim.frameSections.length > 0) layout.frameSections = frameSectionsInfo(sim.frameSections);
    this.writer = new RecordingWriter(file, { layout, chunkFrames });
    this.snap = new Snapshotter(sim.world, { sections: sim.frameSections });
    try {
      this.writer.add(sim.world.tick, this.snap.encode(this.events, 0));
    } catch (e) {
      this.abort();
      throw e;
    }
    this.detach = sim.observe((f) => {
      this.events.clear();
      this.events.add(f.tick - 1, f.events);
      this.writer.add(f.tick, this.snap.encode(this.events, 1));
    });
  }

  /** Compressed bytes written so far, headers included. */
  get bytesWritten(): number {
    return this.writer.bytesWritten;
  }

  /** Writes the last chunk and moves the file into place. */
  finish(): void {
    this.detach();
    this.writer.finish();
  }

  /** Gives up: removes the temporary file. */
  abort(): void {
    this.detach();
    this.writer.abort();
  }
}

/** Opens a recording held in memory with node:zlib, every chunk's inflation capped (see openRecording). */
export function readRecording(bytes: Uint8Array): RecordingReader {
  return openRecording(bytes);
}
