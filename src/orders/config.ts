/** Arrival rate multiplier as a piecewise-constant function of simulated time. */
export interface RateSegment {
  fromTick: number;
  multiplier: number;
}

/** Order arrivals and what an order holds: the `demand` section of the resolved scenario. */
export interface DemandConfig {
  ordersPerHour: number;
  /** Sorted by fromTick; the first segment starts at 0. Repeats every `profilePeriodTicks` if > 0. */
  profile: RateSegment[];
  profilePeriodTicks: number;
  linesMin: number;
  linesMax: number;
  skuCount: number;
  zipf: number;
  /** Pods each SKU is stored in. */
  replicas: number;
  slotting: string;
  /** Due time after arrival, in ticks (for SLA), when the order's dock has no cut-off. */
  dueTicks: number;
  /** Arrival rate multiplier on top of the profile (a 3x sale day = 3). */
  peakFactor: number;
  /** Units per order line. */
  unitsMin: number;
  unitsMax: number;
  /** Probability that a line after an order's first is drawn from the first line's SKU family (0 = independent lines). */
  affinity?: number;
  /** SKUs per family (for affinity and correlated slotting). */
  familySize?: number;
  /** Ticks between re-slotting looks of a re-slotting strategy (dynamic). */
  reslotEveryTicks?: number;
}

/** A service class of orders (same-day, express, standard...): the `serviceClasses` entries of the resolved scenario. */
export interface ServiceClassConfig {
  name: string;
  /** Share of the orders drawn into this class (the shares add up to 1). */
  share: number;
  /** Due time after arrival, ticks; -1 when the class has carrier cut-offs instead. */
  dueTicks: number;
  /** Carrier cut-offs as ticks after midnight, ascending (empty when the class has a due time). */
  cutoffTicks: number[];
  /** Higher is served first. */
  priority: number;
  /** Place in the order of service: 0 for the highest priority; classes of equal priority share a rank. */
  rank: number;
}

/** When arrived orders are released to picking: the `release` section of the resolved scenario. */
export interface ReleaseConfig {
  /** Wave times as ticks after midnight, ascending; orders arriving between waves are held until the next one. */
  waveTicks: number[];
}
