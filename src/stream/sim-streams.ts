import { Observable, share } from 'rxjs';
import { EVENT_NAMES } from '../core/events.js';
import type { Frame } from '../core/frame.js';
import type { Sim } from '../sim/sim.js';

/** A discrete event as an object, for consumers at the boundary (CLI, server, viewer). */
export interface SimEvent {
  tick: number;
  kind: string;
  a: number;
  b: number;
}

/**
 * rxjs views of a simulation: `frames$` emits the engine's one batched frame
 * per tick (arrays shared with the engine: copy what you keep), `events$` the
 * discrete events as objects. The engine itself knows nothing of rxjs; these
 * streams only attach an observer, so a run with no subscriber pays nothing.
 */
export function simStreams(sim: Sim): { frames$: Observable<Frame>; events$: Observable<SimEvent> } {
  const frames$ = new Observable<Frame>((sub) => sim.observe((f) => sub.next(f))).pipe(share());
  const events$ = new Observable<SimEvent>((sub) =>
    sim.observe((f) => {
      const e = f.events;
      // Events were recorded during the tick that just ended (frame.tick is the count of ticks done).
      for (let k = 0; k < e.count; k++) sub.next({ tick: f.tick - 1, kind: EVENT_NAMES[e.kind[k]], a: e.a[k], b: e.b[k] });
    }),
  ).pipe(share());
  return { frames$, events$ };
}
