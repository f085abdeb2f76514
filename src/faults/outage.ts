import { randExp, type Rng } from '../core/rng.js';
import type { OutageSpec } from './types.js';

/**
 * One source of outages on the run's clock: a scheduled window, or
 * alternating up and down times drawn (exponential, from a seeded stream of
 * its own) as the run goes. Stepped once per tick; says when it goes down or
 * comes back up.
 */
export class Outage {
  down = false;
  /** Outages begun. */
  count = 0;
  /** Ticks spent down. */
  downTicks = 0;
  private nextChange: number;

  constructor(
    readonly spec: OutageSpec,
    private readonly rng: Rng | null,
  ) {
    this.nextChange = 'fromTick' in spec ? spec.fromTick : this.draw(spec.mtbfTicks);
  }

  private draw(mean: number): number {
    return Math.max(1, Math.round(randExp(this.rng!, mean)));
  }

  /** Advances to `tick`: +1 when the outage begins at this tick, -1 when it ends, 0 otherwise. */
  step(tick: number): -1 | 0 | 1 {
    let change: -1 | 0 | 1 = 0;
    const spec = this.spec;
    if ('fromTick' in spec) {
      const now = tick >= spec.fromTick && tick < spec.toTick;
      if (now !== this.down) change = now ? 1 : -1;
      this.down = now;
    } else if (tick >= this.nextChange) {
      this.down = !this.down;
      change = this.down ? 1 : -1;
      this.nextChange = tick + this.draw(this.down ? spec.mttrTicks : spec.mtbfTicks);
    }
    if (change === 1) this.count++;
    if (this.down) this.downTicks++;
    return change;
  }
}
