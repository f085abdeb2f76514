import { isFixed } from '../core/robots.js';
import type { World } from '../core/world.js';
import { UNREACHABLE } from '../layout/distance.js';

/** Ticks without coming closer to its goal after which a robot gives up the lead. */
export const STUCK_TICKS = 40;

/**
 * PIBT lets the longest-waiting robot win, which is complete only where every
 * aisle has a way round. In one-wide aisles, where loaded robots cannot slip
 * under pods, two streams meeting head-on can push each other back and forth
 * for ever with the same leaders. A robot that has not come closer to its
 * goal for STUCK_TICKS drops to the back of the priority order (its
 * `goalSince` restarts), so that another robot leads and one stream clears.
 */
export class StuckWatch {
  private readonly best: Int32Array;
  private readonly since: Int32Array;
  private readonly progressAt: Int32Array;
  /** Each robot's field replacements (robots.replans) when last measured: a fresh field restarts the measure. */
  private readonly replans: Uint32Array;
  constructor(n: number) {
    this.best = new Int32Array(n).fill(UNREACHABLE);
    this.since = new Int32Array(n).fill(-1);
    this.progressAt = new Int32Array(n);
    this.replans = new Uint32Array(n);
  }

  update(w: World): void {
    const r = w.robots;
    const tick = w.tick;
    for (let i = 0; i < r.n; i++) {
      const f = r.field[i];
      if (f === null || r.goal[i] === r.cell[i] || isFixed(r.state[i])) continue;
      const d = f[r.cell[i]];
      // The field was replaced by a fresh one because a fault blocked or opened cells it had reached.
      const replanned = r.replans[i] !== this.replans[i];
      this.replans[i] = r.replans[i];
      if (r.goalSince[i] !== this.since[i] && tick - r.goalSince[i] <= 1) {
        // A new goal: start watching afresh.
        this.best[i] = d;
        this.progressAt[i] = tick;
        this.since[i] = r.goalSince[i];
      } else if (replanned) {
        // The same goal, re-planned round a fault: distances on the new field are not comparable; start afresh.
        this.best[i] = d;
        this.progressAt[i] = tick;
      } else if (d < this.best[i]) {
        this.best[i] = d;
        this.progressAt[i] = tick;
      } else if (tick - this.progressAt[i] > STUCK_TICKS) {
        r.goalSince[i] = tick;
        this.since[i] = tick;
        this.progressAt[i] = tick;
        w.metrics.yields++;
      }
    }
  }
}
