import type { TickDistribution } from '../core/config.js';
import { randExp, randNormal, type Rng } from '../core/rng.js';

/** Draws one value (ticks) from a pick-time distribution. */
export function drawTicks(d: TickDistribution, rng: Rng): number {
  switch (d.kind) {
    case 'fixed':
      return d.value;
    case 'uniform':
      return d.min + (d.max - d.min) * rng.next();
    case 'exponential':
      return randExp(rng, d.mean);
    case 'lognormal': {
      // Parameters of the underlying normal from the wanted mean and sd.
      const s2 = Math.log(1 + (d.sd * d.sd) / (d.mean * d.mean));
      const mu = Math.log(d.mean) - s2 / 2;
      return Math.exp(mu + Math.sqrt(s2) * randNormal(rng));
    }
  }
}
