/**
 * Demand forecasting inside a run: Holt-Winters exponential smoothing on
 * hourly order counts with one season per hour of the day.
 *
 * Additive, not multiplicative: night hours often see no orders at all, and
 * multiplicative seasonal indices (count / level) break down at a level or a
 * count of zero. The model knows nothing of the scenario's demand profile; it
 * learns only from the counts it is fed, one per whole hour, in order.
 */

/** Smoothing weights, each in [0, 1]. */
export interface SmoothingParams {
  /** Level: how fast the forecast follows a shift in the whole day's volume. */
  alpha: number;
  /** Trend: how fast it follows a growth from hour to hour (0 = no trend). */
  beta: number;
  /** Season: how fast the shape of the day is relearned. */
  gamma: number;
}

export const DEFAULT_SMOOTHING: SmoothingParams = { alpha: 0.2, beta: 0, gamma: 0.3 };

/**
 * Additive Holt-Winters over `seasons` periods (24 hours of the day).
 *
 * Before it has seen a whole season, it forecasts the last count seen (a
 * persistence forecast: the best it can do without knowing the day's shape).
 * Once it has seen `seasons` counts it starts the model from them: level =
 * their mean, trend = 0, season k = count k minus the level. Then each count
 * x of season j updates
 *   level'  = alpha (x - s[j]) + (1 - alpha) (level + trend)
 *   trend'  = beta (level' - level) + (1 - beta) trend
 *   s[j]    = gamma (x - level') + (1 - gamma) s[j]
 * and the forecast `ahead` periods on, for season j, is
 * max(0, level + ahead * trend + s[j]).
 */
export class HoltWinters {
  private level = 0;
  private trend = 0;
  private readonly season: Float64Array;
  /** The first season's counts, kept until the model starts. */
  private readonly warm: Float64Array;
  private readonly warmSeason: Int32Array;
  private seen = 0;
  private last = 0;

  constructor(
    readonly params: SmoothingParams = DEFAULT_SMOOTHING,
    readonly seasons = 24,
  ) {
    for (const k of ['alpha', 'beta', 'gamma'] as const) {
      const v = params[k];
      if (!(v >= 0 && v <= 1)) throw new RangeError(`${k} must be in [0, 1], got ${v}`);
    }
    if (!Number.isInteger(seasons) || seasons < 1) throw new RangeError(`seasons must be a whole number >= 1, got ${seasons}`);
    this.season = new Float64Array(seasons);
    this.warm = new Float64Array(seasons);
    this.warmSeason = new Int32Array(seasons);
  }

  /** Counts fed so far. */
  get observations(): number {
    return this.seen;
  }

  /** True once a whole season has been seen and the seasonal model is in force. */
  get seasonal(): boolean {
    return this.seen >= this.seasons;
  }

  /**
   * The forecast for the count of season `season`, `ahead` periods after the
   * last count fed (1 = the next period); null before any count.
   */
  forecast(season: number, ahead = 1): number | null {
    if (this.seen === 0) return null;
    if (!this.seasonal) return this.last;
    return Math.max(0, this.level + ahead * this.trend + this.season[this.index(season)]);
  }

  /** Feeds the count of the period that just ended, whose season is `season`. */
  observe(season: number, count: number): void {
    if (!(count >= 0) || !Number.isFinite(count)) throw new RangeError(`count must be a finite number >= 0, got ${count}`);
    const j = this.index(season);
    this.last = count;
    if (this.seen < this.seasons) {
      this.warm[this.seen] = count;
      this.warmSeason[this.seen] = j;
      this.seen++;
      if (this.seen === this.seasons) this.start();
      return;
    }
    this.seen++;
    const { alpha, beta, gamma } = this.params;
    const prev = this.level;
    this.level = alpha * (count - this.season[j]) + (1 - alpha) * (prev + this.trend);
    this.trend = beta * (this.level - prev) + (1 - beta) * this.trend;
    this.season[j] = gamma * (count - this.level) + (1 - gamma) * this.season[j];
  }

  private start(): void {
    let sum = 0;
    for (let k = 0; k < this.seasons; k++) sum += this.warm[k];
    this.level = sum / this.seasons;
    this.trend = 0;
    for (let k = 0; k < this.seasons; k++) this.season[this.warmSeason[k]] = this.warm[k] - this.level;
  }

  private index(season: number): number {
    const j = season % this.seasons;
    return j < 0 ? j + this.seasons : j;
  }
}

/** Absolute percentage error of a forecast, or null when the actual is 0 (undefined there). */
export function ape(forecast: number, actual: number): number | null {
  return actual > 0 ? Math.abs(forecast - actual) / actual : null;
}

/** Mean absolute percentage error over the hours with a forecast and an actual above 0 (null when there are none). */
export function mape(forecasts: readonly (number | null)[], actuals: readonly number[]): number | null {
  let sum = 0;
  let n = 0;
  for (let k = 0; k < actuals.length; k++) {
    const f = forecasts[k];
    if (f === null || f === undefined) continue;
    const e = ape(f, actuals[k]);
    if (e === null) continue;
    sum += e;
    n++;
  }
  return n > 0 ? sum / n : null;
}
