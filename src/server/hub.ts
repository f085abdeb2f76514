import type { WebSocket } from 'ws';
import type { LiveRun, Reader } from '../live/live-run.js';
import { parseControl, type Control, type RunMessage } from '../live/protocol.js';
import { WorkBudget } from './budget.js';

/**
 * How the hub treats viewers. Memory per viewer is bounded by `highWaterBytes`
 * plus one frame (socket buffer), plus its event log (EventLog's limit).
 */
export interface HubOptions {
  /** Bytes a viewer's socket may have queued before its telemetry frames are skipped (latest state wins). */
  highWaterBytes: number;
  /** A viewer stuck above the high-water mark this long (ms) is disconnected. */
  stallMs: number;
  /** Frames per second sent to each viewer at most. */
  maxFps: number;
  /** Heat map and status refresh, ms. */
  refreshMs: number;
  /** Control messages a viewer may send per second (a burst of twice that is allowed). */
  messagesPerSecond: number;
  /** Viewers connected at once; one more is closed with CLOSE_BUSY. */
  maxViewers: number;
  /** Wall-clock ms per second that restarts and steps may take, all viewers together (Infinity: no limit). */
  workMsPerSecond: number;
  /** Ms of such work allowed in one go after a quiet spell. */
  workBurstMs: number;
}

export const DEFAULT_HUB: HubOptions = {
  highWaterBytes: 1024 * 1024,
  stallMs: 30_000,
  maxFps: 30,
  refreshMs: 1000,
  messagesPerSecond: 20,
  maxViewers: 32,
  // A quarter of the event loop: frames keep flowing to everyone while commands flood in.
  workMsPerSecond: 250,
  // A restart and a step in a row on a small floor (a costlier command still starts, then its debt is waited out),
  // yet a flood's first burst holds frames back only briefly.
  workBurstMs: 200,
};

/** Close code for a viewer dropped for not reading (1008, policy violation: it stopped taking its stream). */
export const CLOSE_TOO_SLOW = 1008;

/** Close code for a viewer over the server's limit (1013, try again later). */
export const CLOSE_BUSY = 1013;

/** Commands that make the run compute outside its pace, paid from the shared work budget. */
function expensive(c: Control): boolean {
  return c.type === 'restart' || c.type === 'step';
}

class Viewer {
  framesSent = 0;
  framesSkipped = 0;
  /** Replies and refreshes left out while the socket was full. */
  messagesSkipped = 0;
  bytesSent = 0;
  /** When the socket went above the high-water mark (ms), or -1. */
  stalledSince = -1;
  helloPending = true;
  statusPending = true;
  tokens: number;
  tokensAt: number;
  constructor(
    readonly ws: WebSocket,
    readonly reader: Reader,
    burst: number,
    now: number,
  ) {
    this.tokens = burst;
    this.tokensAt = now;
  }
}

/** Per-viewer figures, for tests and the server's log. */
export interface ViewerStats {
  framesSent: number;
  framesSkipped: number;
  messagesSkipped: number;
  bytesSent: number;
  bufferedAmount: number;
  pendingEvents: number;
  droppedEvents: number;
}

/**
 * Streams one run to any number of viewers. Each viewer gets frames at most
 * `maxFps` times a second, each the run's latest state plus the events since
 * that viewer's previous frame. A viewer whose socket is backed up (more
 * than `highWaterBytes` queued, as `ws.bufferedAmount` reports) is skipped:
 * it gets the latest state once it drains, with all the events it missed
 * (counted only, past the event log's limit); if it stays backed up for
 * `stallMs`, it is disconnected. Nothing grows without bound per viewer.
 *
 * Server-wide, at most `maxViewers` are connected (one more is closed with
 * CLOSE_BUSY and a reason), and viewers' restarts and steps share one budget
 * of wall time (`workMsPerSecond`): beyond it they are refused with a
 * "server busy" reply, so however many viewers send them, the event loop
 * stays free to stream frames.
 */
export class Hub {
  private readonly viewers = new Set<Viewer>();
  private readonly opts: HubOptions;
  private readonly frameTimer: ReturnType<typeof setInterval>;
  private readonly refreshTimer: ReturnType<typeof setInterval>;
  private readonly budget: WorkBudget;
  /** Viewers disconnected for not reading. */
  dropped = 0;
  /** Connections closed at once because maxViewers were connected. */
  refused = 0;
  /** Commands refused because the shared work budget was spent. */
  busy = 0;

  constructor(
    private readonly run: LiveRun,
    opts: Partial<HubOptions> = {},
  ) {
    this.opts = { ...DEFAULT_HUB, ...opts };
    this.budget = new WorkBudget(this.opts.workMsPerSecond, this.opts.workBurstMs, performance.now());
    this.frameTimer = setInterval(() => this.flush(), Math.max(1, Math.floor(1000 / this.opts.maxFps)));
    this.refreshTimer = setInterval(() => this.refresh(), this.opts.refreshMs);
  }

  get count(): number {
    return this.viewers.size;
  }

  /** Takes a newly connected viewer: layout, status and the current state go out at once. */
  add(ws: WebSocket): void {
    if (this.viewers.size >= this.opts.maxViewers) return this.refuse(ws);
    const v = new Viewer(ws, this.run.openReader(), this.opts.messagesPerSecond * 2, performance.now());
    this.viewers.add(v);
    ws.on('message', (data, isBinary) => this.onMessage(v, data as Buffer, isBinary));
    // Errors (an oversized message, a broken connection) end in 'close'; they must not reach the process.
    ws.on('error', () => {});
    ws.on('close', () => {
      this.viewers.delete(v);
      this.run.closeReader(v.reader);
      this.markStatus();
    });
    this.send(v);
    this.markStatus();
  }

  /** Closes a connection over the limit at once, saying why (a browser viewer shows the reason and retries). */
  private refuse(ws: WebSocket): void {
    this.refused++;
    ws.on('error', () => {});
    ws.close(CLOSE_BUSY, `server busy: ${this.opts.maxViewers} viewers already connected; try again later`);
    // A peer that does not answer the close must not hold the socket.
    setTimeout(() => ws.terminate(), 1000).unref?.();
  }

  /** Everyone needs the layout again (the run restarted). */
  reset(): void {
    for (const v of this.viewers) v.helloPending = true;
    this.flush();
  }

  /** Status changed (play, pause, speed, done): sent at once to whoever can take it. */
  markStatus(): void {
    for (const v of this.viewers) v.statusPending = true;
    this.flush();
  }

  stats(ws: WebSocket): ViewerStats | null {
    for (const v of this.viewers) {
      if (v.ws !== ws) continue;
      return {
        framesSent: v.framesSent,
        framesSkipped: v.framesSkipped,
        messagesSkipped: v.messagesSkipped,
        bytesSent: v.bytesSent,
        bufferedAmount: v.ws.bufferedAmount,
        pendingEvents: v.reader.events.count,
        droppedEvents: v.reader.events.droppedTotal,
      };
    }
    return null;
  }

  /** All viewers' figures. */
  allStats(): ViewerStats[] {
    return [...this.viewers].map((v) => this.stats(v.ws)!);
  }

  close(): void {
    clearInterval(this.frameTimer);
    clearInterval(this.refreshTimer);
    for (const v of this.viewers) v.ws.terminate();
    this.viewers.clear();
  }

  /** Sends each viewer what it is owed, if its socket has room. */
  flush(): void {
    for (const v of this.viewers) this.send(v);
  }

  private room(v: Viewer): boolean {
    return v.ws.readyState === v.ws.OPEN && v.ws.bufferedAmount <= this.opts.highWaterBytes;
  }

  private send(v: Viewer): void {
    const ws = v.ws;
    if (ws.readyState !== ws.OPEN) return;
    const now = performance.now();
    if (ws.bufferedAmount > this.opts.highWaterBytes) {
      if (this.run.behind(v.reader)) v.framesSkipped++;
      if (v.stalledSince < 0) v.stalledSince = now;
      else if (now - v.stalledSince > this.opts.stallMs) {
        // It has not read for stallMs: give up on it rather than hold its stream.
        this.dropped++;
        ws.close(CLOSE_TOO_SLOW, 'not reading its stream');
        // A peer that does not read will not complete the closing handshake either.
        setTimeout(() => ws.terminate(), 1000).unref?.();
        v.stalledSince = Number.POSITIVE_INFINITY;
      }
      return;
    }
    v.stalledSince = -1;
    if (v.helloPending) {
      v.helloPending = false;
      this.json(v, { type: 'hello', layout: this.run.layout });
    }
    if (v.statusPending) {
      v.statusPending = false;
      this.json(v, { ...this.run.status(), viewers: this.viewers.size });
    }
    if (this.run.behind(v.reader)) {
      const bytes = this.run.takeFrame(v.reader);
      ws.send(bytes, { binary: true });
      v.framesSent++;
      v.bytesSent += bytes.length;
    }
  }

  private json(v: Viewer, m: RunMessage): void {
    const text = JSON.stringify(m);
    v.ws.send(text);
    v.bytesSent += text.length;
  }

  /** A reply to one viewer; left out when its socket is backed up (it is not reading anyway). */
  private reply(v: Viewer, m: RunMessage): void {
    if (this.room(v)) this.json(v, m);
    else v.messagesSkipped++;
  }

  private refresh(): void {
    if (this.viewers.size === 0) return;
    const heat = this.run.heatBytes();
    for (const v of this.viewers) {
      v.statusPending = true;
      if (this.room(v)) {
        v.ws.send(heat, { binary: true });
        v.bytesSent += heat.length;
      } else v.messagesSkipped++;
    }
    this.flush();
  }

  private onMessage(v: Viewer, data: Buffer, isBinary: boolean): void {
    // Token bucket: a viewer cannot make the run do unbounded work.
    const now = performance.now();
    const rate = this.opts.messagesPerSecond;
    v.tokens = Math.min(rate * 2, v.tokens + ((now - v.tokensAt) / 1000) * rate);
    v.tokensAt = now;
    if (v.tokens < 1) return this.reply(v, { type: 'error', message: `too many messages: at most ${rate} a second` });
    v.tokens--;
    if (isBinary) return this.reply(v, { type: 'error', message: 'control messages are JSON text, not binary' });
    const parsed = parseControl(data.toString('utf8'));
    if (!parsed.ok) return this.reply(v, { type: 'error', message: parsed.message });
    const c = parsed.control;
    const wait = expensive(c) ? this.budget.waitMs(now) : 0;
    if (wait > 0) return this.refuseCommand(v, c, wait);
    const start = performance.now();
    this.apply(v, c);
    // Every command pays what it really took (its frames and replies included), so cheap ones count too.
    const end = performance.now();
    this.budget.charge(end - start, end);
  }

  private refuseCommand(v: Viewer, c: Control, waitMs: number): void {
    this.busy++;
    const seconds = Math.max(0.1, Math.ceil(waitMs / 100) / 10);
    const message = `server busy: ${c.type} refused, restarts and steps from all viewers are over this server's limit; try again in ${seconds} s`;
    this.reply(v, { type: 'error', message });
  }

  private apply(v: Viewer, c: Control): void {
    try {
      const info = this.run.apply(c);
      if (c.type === 'inspect') {
        if (info) this.reply(v, { type: 'robot', ...info });
        else this.reply(v, { type: 'error', message: `there is no robot ${c.robot}` });
      }
      if (c.type === 'step') this.markStatus();
    } catch (e) {
      this.reply(v, { type: 'error', message: (e as Error).message });
    }
  }
}
