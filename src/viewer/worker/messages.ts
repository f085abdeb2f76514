import type { ControlInput, RunMessage } from '../../live/protocol.js';

/** Page -> worker. */
export type ToWorker =
  /** Load a scenario: parsed JSON (built-in) or the text of a file the user opened. */
  | { type: 'load'; file: string; json?: unknown; text?: string; speed: number | 'max'; playing: boolean }
  | { type: 'control'; control: ControlInput }
  /** The page drew a frame: one more may be sent. */
  | { type: 'ack' };

/** Worker -> page: the run's JSON messages, plus frames and heat maps as transferred buffers. */
export type FromWorker = RunMessage | { type: 'frame'; bytes: ArrayBuffer } | { type: 'heat'; bytes: ArrayBuffer };
