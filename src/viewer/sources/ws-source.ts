import type { ControlInput, RunMessage } from '../../live/protocol.js';
import { binaryEvent, jsonEvent } from './decode.js';
import type { Source, SourceEvent } from './source.js';

/** Wait before reconnecting to a server that went away. */
const RETRY_MS = 2000;

/**
 * The run of `wsim serve`, watched over its ws stream. The server paces
 * itself (it drops telemetry frames to a viewer that cannot keep up), so
 * there is nothing to acknowledge. Reconnects when the connection drops.
 */
export class WsSource implements Source {
  readonly kind = 'live' as const;
  onEvent: (e: SourceEvent) => void = () => {};
  private ws: WebSocket | null = null;
  private disposed = false;
  private retry: ReturnType<typeof setTimeout> | null = null;

  constructor(private readonly url: string) {
    this.connect();
  }

  private connect(): void {
    const ws = new WebSocket(this.url);
    ws.binaryType = 'arraybuffer';
    this.ws = ws;
    ws.onmessage = (e: MessageEvent<ArrayBuffer | string>) => {
      if (typeof e.data === 'string') {
        let m: RunMessage;
        try {
          m = JSON.parse(e.data) as RunMessage;
        } catch {
          return;
        }
        this.onEvent(jsonEvent(m));
      } else {
        const ev = binaryEvent(e.data);
        if (ev) this.onEvent(ev);
      }
    };
    ws.onclose = (e) => {
      if (this.disposed || this.ws !== ws) return;
      const why = e.reason ? `${e.reason} (${e.code})` : `code ${e.code}`;
      this.onEvent({ type: 'disconnected', message: `lost the connection to the server: ${why}; reconnecting`, retrying: true });
      this.retry = setTimeout(() => this.connect(), RETRY_MS);
    };
  }

  send(c: ControlInput): void {
    if (this.ws?.readyState === WebSocket.OPEN) this.ws.send(JSON.stringify(c));
  }

  frameDrawn(): void {}

  dispose(): void {
    this.disposed = true;
    if (this.retry) clearTimeout(this.retry);
    this.ws?.close(1000, 'viewer closed');
  }
}
