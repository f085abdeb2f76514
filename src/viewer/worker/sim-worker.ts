/**
 * The viewer's simulation worker: runs the engine off the page's thread and
 * sends the page one frame at a time. The page acknowledges each frame it
 * drew; with at most two frames unacknowledged, a simulation running faster
 * than the display sends only its latest state per animation frame, with the
 * events of the ticks in between (counted only beyond a bound, see EventLog).
 */
import { LiveRun, type Clock, type Reader } from '../../live/live-run.js';
import { checkControl, type RunMessage } from '../../live/protocol.js';
import { configLoader, errorMessage, parseScenarioText } from './load.js';
import type { FromWorker, ToWorker } from './messages.js';

/** The few worker-scope functions used here (the project compiles against the DOM library). */
const scope = self as unknown as {
  postMessage(m: FromWorker, transfer?: Transferable[]): void;
  onmessage: ((e: MessageEvent<ToWorker>) => void) | null;
};

/** Frames the page may hold unacknowledged. */
const CREDITS = 2;
/** Heat map refresh, in ms of wall time. */
const HEAT_MS = 1000;

/**
 * Timers with a zero-delay path through a MessageChannel: setTimeout(0)
 * is clamped to 4 ms when nested, which would cost a run at 'max' speed a
 * good part of its time.
 */
function workerClock(): Clock {
  const channel = new MessageChannel();
  const queue = new Map<number, () => void>();
  let nextId = 1;
  channel.port1.onmessage = (e: MessageEvent<number>) => {
    const fn = queue.get(e.data);
    queue.delete(e.data);
    fn?.();
  };
  return {
    now: () => performance.now(),
    setTimer(fn, ms) {
      if (ms > 0) return setTimeout(fn, ms);
      const id = nextId++;
      queue.set(id, fn);
      channel.port2.postMessage(id);
      return -id;
    },
    clearTimer(h) {
      const id = h as number;
      if (id < 0) queue.delete(-id);
      else clearTimeout(id);
    },
  };
}

let run: LiveRun | null = null;
let reader: Reader | null = null;
let credits = CREDITS;
let heatTick = -1;
const clock = workerClock();

function post(m: RunMessage): void {
  scope.postMessage(m);
}

/** Sends the latest state if the page has room for it. */
function pump(): void {
  if (!run || !reader || credits <= 0 || !run.behind(reader)) return;
  const bytes = run.takeFrame(reader);
  credits--;
  scope.postMessage({ type: 'frame', bytes: bytes.buffer as ArrayBuffer }, [bytes.buffer as ArrayBuffer]);
}

function sendHeat(): void {
  if (!run || run.tick === heatTick) return;
  heatTick = run.tick;
  const bytes = run.heatBytes();
  scope.postMessage({ type: 'heat', bytes: bytes.buffer as ArrayBuffer }, [bytes.buffer as ArrayBuffer]);
}

function load(m: Extract<ToWorker, { type: 'load' }>): void {
  run?.dispose();
  run = null;
  reader = null;
  try {
    const json = m.json !== undefined ? m.json : parseScenarioText(m.file, m.text ?? '');
    const configFor = configLoader(m.file, json);
    run = new LiveRun({
      configFor,
      speed: m.speed,
      playing: m.playing,
      clock,
      onTicks: pump,
      onReset: () => {
        heatTick = -1;
        post({ type: 'hello', layout: run!.layout });
      },
      onStatus: () => post(run!.status()),
    });
  } catch (e) {
    post(errorMessage(e));
    return;
  }
  reader = run.openReader();
  credits = CREDITS;
  heatTick = -1;
  post({ type: 'hello', layout: run.layout });
  post(run.status());
  pump();
  run.start();
}

setInterval(sendHeat, HEAT_MS);

scope.onmessage = (e) => {
  const m = e.data;
  switch (m.type) {
    case 'load':
      load(m);
      return;
    case 'ack':
      credits = Math.min(CREDITS, credits + 1);
      pump();
      return;
    case 'control': {
      if (!run) return;
      const c = checkControl(m.control);
      if (!c.ok) {
        post({ type: 'error', message: c.message });
        return;
      }
      try {
        const info = run.apply(c.control);
        if (c.control.type === 'inspect') {
          if (info) post({ type: 'robot', ...info });
          else post({ type: 'error', message: `there is no robot ${c.control.robot}` });
        }
        if (c.control.type === 'step' || c.control.type === 'restart') post(run.status());
      } catch (err) {
        post(errorMessage(err));
      }
      return;
    }
  }
};
