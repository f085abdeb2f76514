import type { World } from '../core/world.js';
import { dailyUnitsBySku, meanMultiplier } from '../inventory/fill.js';
import { HoltWinters } from '../operations/forecast.js';
import { fitOrder, inventoryPosition } from './position.js';
import type { ReplenishmentPolicy } from './replenishment.js';

/**
 * forecast: at every truck, each SKU is ordered up to its share of the
 * units the in-run forecast expects over the next `horizonHours` (hour by
 * hour, so a coming peak raises it ahead of time), plus `safetyDays` of its
 * base demand. The forecaster is the operations' Holt-Winters over hourly
 * order counts, fed by this policy at every hour of the site clock; until
 * it has seen a whole day (and knows the day's shape) the base rate, at the
 * mean of the demand profile, stands in.
 */
export class ForecastPolicy implements ReplenishmentPolicy {
  readonly name = 'forecast';
  private readonly model = new HoltWinters();
  private readonly daily: Float64Array;
  private readonly share: Float64Array;
  private readonly want: Float64Array;
  private lastOrders = 0;
  /** Units per order (mean lines x mean units) and the base orders per hour. */
  private readonly unitsPerOrder: number;
  private readonly baseOrdersPerHour: number;

  constructor(
    w: World,
    private readonly horizonHours: number,
    private readonly safetyDays: number,
  ) {
    const d = w.config.demand;
    this.daily = dailyUnitsBySku(w);
    const cdf = w.skuCdf;
    this.share = Float64Array.from(cdf, (c, s) => c - (s > 0 ? cdf[s - 1] : 0));
    this.want = new Float64Array(cdf.length);
    this.unitsPerOrder = ((d.linesMin + d.linesMax) / 2) * ((d.unitsMin + d.unitsMax) / 2);
    this.baseOrdersPerHour = d.ordersPerHour * d.peakFactor * meanMultiplier(w);
  }

  /** The hour of the day (0 = midnight) `tick` falls in. */
  private hourOf(w: World, tick: number): number {
    return Math.floor((((tick + w.config.startOfDayTick) % w.config.dayTicks) * w.config.tickSeconds) / 3600);
  }

  hour(w: World): void {
    const created = w.books.ordersCreated;
    // The hour that just ended.
    this.model.observe(this.hourOf(w, w.tick - 1), created - this.lastOrders);
    this.lastOrders = created;
  }

  /** Orders forecast over the next `horizonHours` hours from now. */
  expectedOrders(w: World): number {
    const now = this.hourOf(w, w.tick);
    let orders = 0;
    for (let h = 0; h < this.horizonHours; h++) orders += this.model.seasonal ? (this.model.forecast((now + h) % 24, h + 1) ?? 0) : this.baseOrdersPerHour;
    return orders;
  }

  order(w: World, cap: number | null, out: Float64Array): void {
    const units = this.expectedOrders(w) * this.unitsPerOrder;
    const pods = w.pods;
    for (let s = 0; s < this.want.length; s++) {
      this.want[s] = 0;
      if (pods.podStart[s + 1] === pods.podStart[s]) continue;
      const target = Math.ceil(units * this.share[s] + this.safetyDays * this.daily[s]);
      const position = inventoryPosition(w, s);
      if (position < target) this.want[s] = target - position;
    }
    fitOrder(w, this.want, cap, out);
  }
}
