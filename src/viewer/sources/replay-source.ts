import { ROBOT_STATE_NAMES } from '../../core/robots.js';
import { decodeFrame, type DecodedFrame } from '../../record/frame-codec.js';
import { HeatMap } from '../../record/heat.js';
import type { ControlInput, StatusMessage } from '../../record/protocol.js';
import { RecordingFormatError, RecordingReader } from '../../record/recording.js';
import type { Source, SourceEvent } from './source.js';

/**
 * Inflates one gzip chunk with the browser's DecompressionStream, piece by
 * piece, and gives up (RangeError) as soon as the output passes `maxBytes`:
 * a small chunk crafted to inflate to gigabytes never fills the tab's memory.
 */
export async function gunzipCapped(bytes: Uint8Array, maxBytes: number): Promise<Uint8Array> {
  const reader = new Blob([bytes as Uint8Array<ArrayBuffer>]).stream().pipeThrough(new DecompressionStream('gzip')).getReader();
  const parts: Uint8Array[] = [];
  let total = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    total += value.byteLength;
    if (total > maxBytes) {
      await reader.cancel();
      throw new RangeError(`inflates to more than ${maxBytes} bytes`);
    }
    parts.push(value);
  }
  const out = new Uint8Array(total);
  let at = 0;
  for (const p of parts) {
    out.set(p, at);
    at += p.byteLength;
  }
  return out;
}

/** Playback timer period, ms. */
const STEP_MS = 33;
/** 'max' plays this many simulated seconds per wall second. */
const MAX_SPEED = 2000;

/**
 * A recording played back in the page: play, pause, step, speed, and a jump
 * to any tick (the scrubber). The congestion map is rebuilt from the frames
 * as they play, and starts over after a jump backwards.
 */
export class ReplaySource implements Source {
  readonly kind = 'replay' as const;
  onEvent: (e: SourceEvent) => void = () => {};
  readonly range: { first: number; last: number };
  private tick: number;
  private shown = -1;
  private frame: DecodedFrame | null = null;
  private playing = false;
  private speed: number | 'max' = 10;
  private fraction = 0;
  private lastWall = 0;
  private timer: ReturnType<typeof setInterval> | null = null;
  private busy = false;
  private want: number | null = null;
  private readonly heat: HeatMap;
  private heatShownAt = 0;
  private disposed = false;

  private constructor(private readonly reader: RecordingReader) {
    this.range = { first: reader.firstTick, last: reader.lastTick };
    this.tick = reader.firstTick;
    const l = reader.layout;
    this.heat = new HeatMap(l.width * l.height, l.robots);
  }

  /**
   * Opens a recording; throws RecordingFormatError when the bytes are not
   * one. Its message is one line, "not a wsim recording: ...", prefixed with
   * `name` when given (the page titles the message with the file's name).
   */
  static open(bytes: Uint8Array, name?: string): ReplaySource {
    return new ReplaySource(new RecordingReader(bytes, gunzipCapped, name));
  }

  /** Sends the layout and the first frame; call once the viewer listens. */
  start(): void {
    this.onEvent({ type: 'hello', layout: { ...this.reader.layout, startTick: this.range.first } });
    this.status();
    this.seek(this.range.first);
  }

  seek(tick: number): void {
    this.tick = Math.max(this.range.first, Math.min(this.range.last, Math.round(tick)));
    this.fraction = 0;
    void this.show(this.tick);
  }

  /** Decodes and sends one tick's frame; jumps asked for meanwhile collapse into the latest. */
  private async show(tick: number): Promise<void> {
    if (this.busy) {
      this.want = tick;
      return;
    }
    this.busy = true;
    try {
      let t: number | null = tick;
      while (t !== null && !this.disposed) {
        this.want = null;
        const f = decodeFrame(await this.reader.frameAt(t));
        if (f.tick < this.shown || f.tick > this.shown + 1) this.heat.reset();
        this.heat.update(f.cell, f.state, f.robotCount);
        this.shown = f.tick;
        this.frame = f;
        this.onEvent({ type: 'frame', frame: f });
        const now = performance.now();
        if (now - this.heatShownAt > 500) {
          this.heatShownAt = now;
          this.onEvent({ type: 'heat', tick: f.tick, wait: this.heat.wait.slice(), max: this.heat.max });
        }
        t = this.want;
      }
    } catch (e) {
      // A damaged chunk found while playing: the reader's one line says what and where.
      const message = e instanceof RecordingFormatError ? e.message : `cannot read the recording: ${(e as Error).message}`;
      this.onEvent({ type: 'error', message });
      this.pause();
    } finally {
      this.busy = false;
    }
  }

  private status(): void {
    const s: StatusMessage = {
      type: 'status',
      playing: this.playing,
      speed: this.speed,
      tick: this.tick,
      ticks: this.range.last,
      done: this.tick >= this.range.last,
      seed: this.reader.layout.seed,
    };
    this.onEvent({ type: 'status', status: s });
  }

  private play(): void {
    if (this.playing) return;
    if (this.tick >= this.range.last) this.seek(this.range.first);
    this.playing = true;
    this.lastWall = performance.now();
    this.timer = setInterval(() => this.advance(), STEP_MS);
    this.status();
  }

  private pause(): void {
    if (this.timer) clearInterval(this.timer);
    this.timer = null;
    if (!this.playing) return;
    this.playing = false;
    this.status();
  }

  private advance(): void {
    const now = performance.now();
    const speed = this.speed === 'max' ? MAX_SPEED : this.speed;
    this.fraction += ((now - this.lastWall) / 1000) * (speed / this.reader.layout.tickSeconds);
    this.lastWall = now;
    const whole = Math.floor(this.fraction);
    if (whole < 1) return;
    this.fraction -= whole;
    this.tick = Math.min(this.range.last, this.tick + whole);
    void this.show(this.tick);
    if (this.tick >= this.range.last) this.pause();
  }

  send(c: ControlInput): void {
    switch (c.type) {
      case 'play':
        return this.play();
      case 'pause':
        return this.pause();
      case 'step':
        this.pause();
        return this.seek(this.tick + (c.count ?? 1));
      case 'speed':
        this.speed = c.speed;
        return this.status();
      case 'restart':
        this.seek(this.range.first);
        return this.status();
      case 'inspect':
        return this.inspect(c.robot);
    }
  }

  /** What a recording knows about a robot: no goal or path (those are not recorded). */
  private inspect(robot: number): void {
    const f = this.frame;
    if (!f || robot < 0 || robot >= f.robotCount) return;
    const cap = this.reader.layout.batteryCapacityWh;
    this.onEvent({
      type: 'robot',
      info: {
        robot,
        tick: f.tick,
        cell: f.cell[robot],
        state: ROBOT_STATE_NAMES[f.state[robot]] ?? String(f.state[robot]),
        goal: -1,
        taskPod: -1,
        pod: f.pod[robot],
        station: -1,
        batteryWh: Math.round((f.battery[robot] / 65535) * cap * 100) / 100,
        capacityWh: cap,
        path: [],
        recorded: true,
      },
    });
  }

  frameDrawn(): void {}

  dispose(): void {
    this.disposed = true;
    this.pause();
  }
}
