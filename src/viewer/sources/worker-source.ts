import type { ControlInput } from '../../live/protocol.js';
import type { FromWorker, ToWorker } from '../worker/messages.js';
import { binaryEvent, jsonEvent } from './decode.js';
import type { Source, SourceEvent } from './source.js';

/** A run in the page's own Web Worker. */
export class WorkerSource implements Source {
  readonly kind = 'local' as const;
  onEvent: (e: SourceEvent) => void = () => {};
  private readonly worker: Worker;
  /** A frame arrived since the last acknowledgement. */
  private unacked = 0;

  constructor(load: { file: string; json?: unknown; text?: string; speed: number | 'max'; playing: boolean }) {
    this.worker = new Worker(new URL('../worker/sim-worker.ts', import.meta.url), { type: 'module', name: 'wsim-sim' });
    this.worker.onmessage = (e: MessageEvent<FromWorker>) => {
      const m = e.data;
      if (m.type === 'frame' || m.type === 'heat') {
        if (m.type === 'frame') this.unacked++;
        const ev = binaryEvent(m.bytes);
        if (ev) this.onEvent(ev);
      } else this.onEvent(jsonEvent(m));
    };
    this.worker.onerror = (e) => this.onEvent({ type: 'error', message: `the simulation stopped: ${e.message}` });
    this.post({ type: 'load', ...load });
  }

  private post(m: ToWorker): void {
    this.worker.postMessage(m);
  }

  send(c: ControlInput): void {
    this.post({ type: 'control', control: c });
  }

  frameDrawn(): void {
    // At most one acknowledgement per animation frame: the worker then sends
    // about one frame per display refresh, however fast it simulates.
    if (this.unacked > 0) {
      this.unacked--;
      this.post({ type: 'ack' });
    }
  }

  dispose(): void {
    this.worker.terminate();
  }
}
