import { MAX_PENALTY } from './guided-field.js';
import { countHeldUp } from './held-up.js';

/** Steps between updates of the learned traffic costs. */
export const TRAFFIC_WINDOW = 50;
/** Weight of the latest window in the smoothed jam share. */
const TRAFFIC_NEW = 0.5;
/** Penalty of a cell where robots waited every step (capped at MAX_PENALTY). */
const TRAFFIC_SCALE = 2 * MAX_PENALTY;

/**
 * Congestion-aware guidance, learned as a run goes: counts, per cell, the
 * steps robots with a goal were held up there (see countHeldUp: no forward
 * move for three steps, waiting or turning in place: counting waits alone, a
 * block of robots packed tight and turning every way looked like free flow,
 * and grew until the whole floor crawled); every TRAFFIC_WINDOW steps it
 * turns the smoothed share into a cost of entering the cell, for the guided
 * fields made from then on (GuidedCache.setPenalty). Robots passing by then
 * route round a jam instead of joining it, and the jam drains instead of
 * growing. Counted in steps, so a run stays deterministic. The one learner
 * of `wsim lorr` (LifelongControl) and of the warehouse engine
 * (`fleet.guidance: traffic`, see GuidedSteering).
 */
export class TrafficPenalty {
  /** Steps held up per cell, in the current window. */
  private readonly waits: Uint16Array;
  /** Steps each robot has gone without moving forward, toward a goal. */
  private readonly held: Uint32Array;
  /** Smoothed share of steps a robot stood waiting in each cell. */
  private readonly jam: Float32Array;
  /** Extra cost of entering each cell (0..MAX_PENALTY), as last learned. */
  readonly penalty: Uint8Array;

  constructor(cells: number, robots: number) {
    this.held = new Uint32Array(robots);
    this.waits = new Uint16Array(cells);
    this.jam = new Float32Array(cells);
    this.penalty = new Uint8Array(cells);
  }

  /**
   * Counts step `step`'s held-up robots from their actions (OP_F: moved
   * forward; anything else: stood, waiting or turning), their cells after the
   * step and their goals. At the end of a window, updates and returns the
   * penalty; otherwise returns null.
   */
  observe(step: number, acts: Uint8Array, cell: Int32Array, goal: Int32Array): Uint8Array | null {
    countHeldUp(acts, cell, goal, this.held, this.waits);
    if ((step + 1) % TRAFFIC_WINDOW !== 0) return null;
    const { waits, jam, penalty } = this;
    for (let c = 0; c < waits.length; c++) {
      jam[c] = jam[c] * (1 - TRAFFIC_NEW) + (waits[c] / TRAFFIC_WINDOW) * TRAFFIC_NEW;
      waits[c] = 0;
      penalty[c] = Math.min(MAX_PENALTY, Math.round(jam[c] * TRAFFIC_SCALE));
    }
    return penalty;
  }
}
