import { decodeFrame, isFrame } from '../../record/frame-codec.js';
import { decodeHeat, isHeat } from '../../record/heat.js';
import type { RunMessage } from '../../live/protocol.js';
import type { SourceEvent } from './source.js';

/** A binary message from a run (frame or heat map) as a viewer event, or null if it is neither. */
export function binaryEvent(buf: ArrayBuffer): SourceEvent | null {
  const bytes = new Uint8Array(buf);
  if (isFrame(bytes)) return { type: 'frame', frame: decodeFrame(bytes) };
  if (isHeat(bytes)) {
    const h = decodeHeat(bytes);
    return { type: 'heat', tick: h.tick, wait: h.wait, max: h.max };
  }
  return null;
}

/** A run's JSON message as a viewer event. */
export function jsonEvent(m: RunMessage): SourceEvent {
  switch (m.type) {
    case 'hello':
      return { type: 'hello', layout: m.layout };
    case 'status':
      return { type: 'status', status: m };
    case 'robot': {
      const { type: _t, ...info } = m;
      return { type: 'robot', info };
    }
    case 'error':
      return { type: 'error', message: m.message, problems: m.problems };
  }
}
