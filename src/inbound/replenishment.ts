import type { World } from '../core/world.js';
import { dailyUnitsBySku } from '../inventory/fill.js';

/**
 * A replenishment policy: what a truck that lists no SKUs brings. Policies
 * are picked by name (`replenishment.policy`); `none` has no policy object
 * (trucks bring units drawn from the demand mix).
 */
export interface ReplenishmentPolicy {
  readonly name: string;
  /** Fills `out` (cleared) with the units of each SKU to bring, at most `cap` in all when it is not null. */
  order(w: World, cap: number | null, out: Float64Array): void;
  /** Called at every hour boundary of the site clock (the forecast learns from it). */
  hour?(w: World): void;
}

declare module '../core/world.js' {
  interface World {
    /** The replenishment policy deciding truck loads (null or absent: none). */
    replenish?: ReplenishmentPolicy | null;
  }
}

/** A per-SKU level: a number of units, or days of the SKU's demand (see dailyUnitsBySku). */
export type StockLevel = { kind: 'units'; units: number } | { kind: 'days'; days: number };

/** The `replenishment` section of the resolved scenario. */
export interface ReplenishmentConfig {
  policy: 'none' | 'min-max' | 'forecast';
  /** min-max: reorder point and order-up-to level per SKU. */
  min: StockLevel;
  max: StockLevel;
  /** forecast: hours of forecast demand ordered up to, and safety stock in days of the base demand. */
  horizonHours: number;
  safetyDays: number;
}

/** A level in units for each SKU. */
export function levelBySku(w: World, level: StockLevel): Float64Array {
  if (level.kind === 'units') return new Float64Array(w.skuCdf.length).fill(level.units);
  const daily = dailyUnitsBySku(w);
  for (let s = 0; s < daily.length; s++) daily[s] = Math.ceil(daily[s] * level.days);
  return daily;
}
