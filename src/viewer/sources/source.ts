import type { DecodedFrame } from '../../record/frame-codec.js';
import type { KpiSnapshot } from '../../record/kpi-series.js';
import type { RobotInfo } from '../../record/inspect.js';
import type { LayoutInfo } from '../../record/layout-info.js';
import type { ControlInput, StatusMessage } from '../../live/protocol.js';

/** Where a run comes from: the page's own worker, `wsim serve` over ws, or a recording. */
export type SourceKind = 'local' | 'live' | 'replay';

/** A scenario problem with its path into the file, as the CLI prints it: `file: path: detail`. */
export interface Problem {
  file: string;
  path: string;
  detail: string;
}

/** What a source tells the viewer. */
export type SourceEvent =
  | { type: 'hello'; layout: LayoutInfo }
  | { type: 'frame'; frame: DecodedFrame }
  | { type: 'heat'; tick: number; wait: Float32Array; max: number }
  /** The KPI series up to the latest frame (replays: the viewer shows it instead of building its own). */
  | { type: 'kpi'; snapshot: KpiSnapshot }
  | { type: 'status'; status: StatusMessage }
  | { type: 'robot'; info: RobotInfo & { recorded?: boolean } }
  | { type: 'error'; message: string; problems?: Problem[] }
  /** The connection to a server dropped (live only); `retrying` while the source reconnects. */
  | { type: 'disconnected'; message: string; retrying: boolean };

/** A run the viewer can watch and steer. */
export interface Source {
  readonly kind: SourceKind;
  /** Set by the viewer before anything is sent. */
  onEvent: (e: SourceEvent) => void;
  send(c: ControlInput): void;
  /** The viewer drew the latest frame: a source that paces itself on the display may send the next. */
  frameDrawn(): void;
  dispose(): void;
  /** Replays only: first and last tick, and a jump to a tick. */
  readonly range?: { first: number; last: number };
  seek?(tick: number): void;
}
