import { STOCK_SECTION } from '../inventory/frame.js';
import type { DecodedFrame } from '../record/frame-codec.js';
import type { ControlInput } from '../live/protocol.js';
import type { SourceKind } from './sources/source.js';
import { shortPods } from './ui/stock.js';

/** Timing of one animation frame's JavaScript, ms. */
export interface FrameTiming {
  /** Layers updating (interpolation, particles, overlays). */
  update: number;
  /** pixi turning the stage into draw calls. */
  render: number;
}

/**
 * What the page exposes as `window.__wsim` for end-to-end tests and the
 * viewer benchmark: where the run comes from, the latest frame's tick and
 * robot cells, errors on screen, and per-frame timings.
 */
export interface TestHook {
  ready: boolean;
  source: SourceKind | null;
  scenario: string | null;
  tick: number;
  robots: number;
  /** Orders completed by the latest frame's tick. */
  ordersCompleted: number;
  /** Lines waiting for stock in the latest frame, and pods marked for them (-1: the run has no finite stock). */
  stockWaiting: number;
  shortPods: number;
  framesReceived: number;
  framesDrawn: number;
  /** Animation frames the page has drawn (for frames per second). */
  animationFrames: number;
  bytesReceived: number;
  renderer: string;
  cells(): number[];
  errors(): string[];
  /** Recent frame timings (last 600). */
  timings: FrameTiming[];
  snapshot(): string;
  /** Where robot i is drawn, in CSS pixels from the canvas' top left corner. */
  robotOnScreen(i: number): [number, number] | null;
  /** The followed robot, or -1. */
  selected(): number;
  /** Sends a control to the run (pause, step, restart with a seed), as the toolbar does. */
  control(c: ControlInput): void;
}

/** Creates the hook with empty readers and publishes it as `window.__wsim`. */
export function createHook(): TestHook {
  const hook: TestHook = {
    ready: false,
    source: null,
    scenario: null,
    tick: -1,
    robots: 0,
    ordersCompleted: 0,
    stockWaiting: -1,
    shortPods: -1,
    framesReceived: 0,
    framesDrawn: 0,
    animationFrames: 0,
    bytesReceived: 0,
    renderer: '',
    cells: () => [],
    errors: () => [],
    timings: [],
    snapshot: () => '',
    robotOnScreen: () => null,
    selected: () => -1,
    control: () => {},
  };
  (window as unknown as { __wsim: TestHook }).__wsim = hook;
  return hook;
}

/** Records a received frame's tick, robot count, orders completed, stock-out figures and size. */
export function hookFrame(hook: TestHook, f: DecodedFrame): void {
  hook.tick = f.tick;
  hook.robots = f.robotCount;
  hook.ordersCompleted = f.ordersCompleted;
  const stock = f.named.get(STOCK_SECTION);
  hook.stockWaiting = stock ? (stock[0] ?? 0) : -1;
  hook.shortPods = stock ? shortPods(f) : -1;
  hook.framesReceived++;
  hook.bytesReceived += f.bytes;
}
