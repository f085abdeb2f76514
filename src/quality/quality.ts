import { grown } from '../core/grow.js';
import { rngStream, type Rng } from '../core/rng.js';
import type { World } from '../core/world.js';
import type { QualityConfig } from './schema.js';

/**
 * Pick accuracy. Each picked line is picked wrong (a wrong item or a unit
 * missing) with the error rate of who picked it: people at stations without
 * arms and in picker zones, arms at stations with them. Each error is
 * caught at the pack check with its probability and put right there;
 * otherwise the order ships wrong. The draws come from their own seeded
 * streams (`pick-errors`, `pack-check`), one per line and one per error,
 * so turning accuracy on changes nothing else in a run. An order's errors
 * are counted on the books of quality when it ships (completes).
 */
export class QualityBook {
  pickErrors = 0;
  pickErrorsByPeople = 0;
  pickErrorsByArms = 0;
  /** Errors on shipped orders caught at the pack check. */
  caughtAtPack = 0;
  /** Orders shipped with at least one error the check missed. */
  ordersShippedWrong = 0;
  ordersShipped = 0;
  private readonly errorRng: Rng;
  private readonly checkRng: Rng;
  /** Per order slot: the order id + 1 the counts below belong to (a slot is reused by later orders). */
  private mark = new Int32Array(1024);
  private caught = new Int32Array(1024);
  private missed = new Int32Array(1024);

  constructor(
    readonly config: QualityConfig,
    seed: number | string,
  ) {
    this.errorRng = rngStream(seed, 'pick-errors');
    this.checkRng = rngStream(seed, 'pack-check');
  }

  /** Line `l` (still on the book) was picked: an error is drawn by who picked it, and whether the check will catch it. */
  linePicked(w: World, l: number): void {
    const { books } = w;
    const s = books.lineStation[l];
    const picking = w.site.picking;
    const arm = s >= 0 && picking !== null && picking.armOf[s] >= 0;
    const rate = arm ? this.config.armErrorRate : this.config.peopleErrorRate;
    if (rate <= 0 || this.errorRng.next() >= rate) return;
    this.pickErrors++;
    if (arm) this.pickErrorsByArms++;
    else this.pickErrorsByPeople++;
    const o = books.lineOrder[l];
    this.slot(o, books.orderId[o]);
    if (this.checkRng.next() < this.config.packCheck) this.caught[o]++;
    else this.missed[o]++;
  }

  /** Order slot `o` shipped (its last unit arrived where it ends). */
  orderShipped(w: World, o: number): void {
    this.ordersShipped++;
    if (o >= this.mark.length || this.mark[o] !== w.books.orderId[o] + 1) return;
    this.caughtAtPack += this.caught[o];
    if (this.missed[o] > 0) this.ordersShippedWrong++;
    this.mark[o] = 0;
  }

  /** Orders shipped with a wrong or missing item, over orders shipped. */
  misShipmentRate(): number {
    return this.ordersShipped > 0 ? this.ordersShippedWrong / this.ordersShipped : 0;
  }

  /** Makes the counts of slot `o` those of order `id`. */
  private slot(o: number, id: number): void {
    if (o >= this.mark.length) {
      const size = Math.max(o + 1, this.mark.length * 2);
      this.mark = grown(this.mark, size);
      this.caught = grown(this.caught, size);
      this.missed = grown(this.missed, size);
    }
    if (this.mark[o] === id + 1) return;
    this.mark[o] = id + 1;
    this.caught[o] = 0;
    this.missed[o] = 0;
  }
}
