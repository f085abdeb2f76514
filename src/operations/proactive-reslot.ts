import type { World } from '../core/world.js';
import type { HoltWinters } from './forecast.js';
import type { PeakReslotRule } from './operations-config.js';
import { Reslotter } from '../storage/reslot.js';
import type { OperationsPolicy } from './staffing.js';

/**
 * Re-slotting passes at peaks: when a peak is expected, the pods picked most
 * so far (the fast movers, as counted during the run) that sit too far from
 * the stations are brought nearer by idle robots on duty, through the
 * dynamic re-slotting's moves (see Reslotter).
 *
 * An hour is a peak when its orders reach `peakRatio` x the mean hourly
 * orders seen so far. The proactive policy looks at the forecasts of the
 * next `leadHours` hours (the coming one included), so the pass starts ahead
 * of the peak; the reactive one at the hour that just ended, so its pass
 * starts once the peak is under way. One pass per peak: a new pass starts
 * only after an hour that was not expected to be a peak.
 */
export class PeakReslot {
  /** Passes started. */
  passes = 0;
  private readonly reslotter: Reslotter;
  /** Our own re-slotter when the slotting strategy does not run one (stepped by us, no timed looks). */
  private readonly own: Reslotter | null;
  private sum = 0;
  private seen = 0;
  private inPeak = false;

  constructor(
    w: World,
    readonly rule: PeakReslotRule,
    existing: Reslotter | null,
  ) {
    this.own = existing === null ? new Reslotter(w, 0) : null;
    this.reslotter = existing ?? this.own!;
  }

  /** Feeds the orders of a whole hour that just ended. */
  observe(actual: number): void {
    this.sum += actual;
    this.seen++;
  }

  /** Mean orders per whole hour so far, or null before one. */
  meanSoFar(): number | null {
    return this.seen > 0 ? this.sum / this.seen : null;
  }

  /**
   * At the start of an hour: starts a pass when a peak is now expected and
   * was not at the last hour. Returns whether it started one.
   */
  atHourStart(w: World, policy: OperationsPolicy, forecaster: HoltWinters, hourOfDay: number, lastHour: number | null): boolean {
    const mean = this.meanSoFar();
    let expected: number | null = null;
    if (policy === 'proactive') {
      for (let k = 1; k <= this.rule.leadHours; k++) {
        const f = forecaster.forecast(hourOfDay + k - 1, k);
        if (f !== null && (expected === null || f > expected)) expected = f;
      }
    } else if (policy === 'reactive') expected = lastHour;
    const peak = mean !== null && mean > 0 && expected !== null && expected >= this.rule.peakRatio * mean;
    const start = peak && !this.inPeak;
    this.inPeak = peak;
    if (start) {
      this.reslotter.look(w);
      this.passes++;
    }
    return start;
  }

  /** After the assignment stage: our re-slotter's moves (the strategy's own is stepped by the engine). */
  step(w: World): void {
    this.own?.step(w);
  }
}
