import { ROBOT_STATE_NAMES } from '../../core/robots.js';
import { decodeFrame, type DecodedFrame } from '../../record/frame-codec.js';
import { readKeyframe, ViewState, type Keyframe } from '../../record/keyframe.js';
import type { LayoutInfo } from '../../record/layout-info.js';
import type { ControlInput, StatusMessage } from '../../live/protocol.js';
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

/** Heat map and KPI refresh while playing, ms. */
const STATE_MS = 250;
/** Playback timer period, ms. */
const STEP_MS = 33;
/** 'max' plays this many simulated seconds per wall second. */
const MAX_SPEED = 2000;

/**
 * A recording played back in the page: play, pause, step, speed, and a jump
 * to any tick (the scrubber). The congestion map and the KPI series are
 * built from every frame as it plays; a jump restores them from the
 * keyframe of the target's chunk and plays on from there, so they are
 * always those of the run up to the tick shown.
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
  /** Heat map and KPI series as of the frame shown. */
  private readonly state: ViewState;
  private stateSentAt = 0;
  private jumped = false;
  private disposed = false;

  private constructor(
    private readonly reader: RecordingReader,
    private readonly name?: string,
  ) {
    this.range = { first: reader.firstTick, last: reader.lastTick };
    this.tick = reader.firstTick;
    this.state = new ViewState(reader.layout);
  }

  /** The recording's layout. */
  get layout(): LayoutInfo {
    return this.reader.layout;
  }

  /**
   * Opens a recording; throws RecordingFormatError when the bytes are not
   * one. Its message is one line, "not a wsim recording: ...", prefixed with
   * `name` when given (the page titles the message with the file's name).
   */
  static open(bytes: Uint8Array, name?: string): ReplaySource {
    return new ReplaySource(new RecordingReader(bytes, gunzipCapped, name), name);
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
        const f = await this.catchUp(t);
        this.frame = f;
        this.onEvent({ type: 'frame', frame: f });
        this.sendViewState(f.tick, this.jumped);
        this.jumped = false;
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

  /**
   * Brings the heat map and the KPI series to `tick` and returns its frame:
   * frame by frame from the one shown when that is the shorter way, else
   * from the keyframe at the start of the tick's chunk (a seek decodes at
   * most one chunk). Recordings without keyframes start over at their first tick.
   */
  private async catchUp(tick: number): Promise<DecodedFrame> {
    const key = this.reader.keyTickOf(tick);
    let from: number;
    let f: DecodedFrame;
    if (this.shown >= 0 && tick >= this.shown && tick - this.shown <= tick - key) {
      if (tick === this.shown && this.frame) return this.frame;
      from = this.shown;
      f = this.frame!;
    } else {
      this.jumped = true;
      f = decodeFrame(await this.reader.frameAt(key));
      const k = this.keyframe(f);
      from = key;
      if (k) this.state.restore(f, k);
      else {
        this.state.reset();
        this.state.add(f);
      }
    }
    for (let t = from + 1; t <= tick; t++) {
      f = decodeFrame(await this.reader.frameAt(t));
      this.state.add(f);
    }
    this.shown = f.tick;
    return f;
  }

  /** The keyframe a chunk's first frame carries, checked; a bad one is the recording's error. */
  private keyframe(f: DecodedFrame): Keyframe | null {
    try {
      return readKeyframe(f, this.reader.layout.width * this.reader.layout.height);
    } catch (e) {
      throw new RecordingFormatError(this.name, `tick ${f.tick}: ${(e as Error).message}`);
    }
  }

  /** The heat map and the KPI series, at most every 250 ms while playing, at once after a jump. */
  private sendViewState(tick: number, now: boolean): void {
    const wall = performance.now();
    if (!now && wall - this.stateSentAt < STATE_MS) return;
    this.stateSentAt = wall;
    const h = this.state.heat;
    this.onEvent({ type: 'heat', tick, wait: h.wait.slice(), max: h.max });
    this.onEvent({ type: 'kpi', snapshot: this.state.kpi.snapshot() });
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
