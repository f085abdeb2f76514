/**
 * Hourly staffing rules of the operations policies: how many orders to plan
 * the coming hour for, and how many robots and people that takes. Pure
 * functions, so the decisions can be checked by hand.
 */

/**
 * - `fixed`: everyone on duty all the time (the forecast is still made and reported);
 * - `reactive`: plan the coming hour for the last hour's arrivals plus the backlog;
 * - `proactive`: plan it for the forecast of the coming hour plus the backlog.
 */
export type OperationsPolicy = 'fixed' | 'reactive' | 'proactive';

export const OPERATIONS_POLICIES: readonly OperationsPolicy[] = ['fixed', 'reactive', 'proactive'];

/**
 * Orders to plan the coming hour for, or null when the policy cannot size
 * yet (fixed always; reactive before a whole hour was seen; proactive before
 * the forecaster has a forecast). The backlog (orders open now) is work of
 * the coming hour too.
 */
export function plannedOrders(policy: OperationsPolicy, forecast: number | null, lastHour: number | null, backlog: number): number | null {
  if (policy === 'fixed') return null;
  const arrivals = policy === 'proactive' ? forecast : lastHour;
  return arrivals === null ? null : arrivals + backlog;
}

/**
 * Heads needed for `orders` orders in an hour when each takes `hoursPerOrder`
 * hours of work and people or robots are to be busy `targetUtilization` of
 * their time: ceil(orders x hoursPerOrder / targetUtilization), clamped to
 * [min, max]. `max` when the work per order is not known yet (null).
 */
export function headsFor(orders: number, hoursPerOrder: number | null, targetUtilization: number, min: number, max: number): number {
  if (hoursPerOrder === null) return max;
  const need = Math.ceil((orders * hoursPerOrder) / targetUtilization - 1e-9);
  return Math.max(Math.min(min, max), Math.min(max, need));
}

/**
 * Work per order learned from the run so far: busy hours over orders
 * completed, or null before any order is complete.
 */
export function learnedHoursPerOrder(busyHours: number, ordersCompleted: number): number | null {
  return ordersCompleted > 0 ? busyHours / ordersCompleted : null;
}

/** What a robot is doing, for choosing who goes on or off duty. */
export const enum DutyRank {
  /** Idle: can go off duty (or start work) at once. */
  Idle = 0,
  /** Heading to or on a charger. */
  Charging = 1,
  /** Working a task: goes off duty only when it is done. */
  Busy = 2,
  /** Broken down or flat: of no use on duty. */
  Unavailable = 3,
}

/**
 * Sets `onDuty` so exactly `want` robots are on it, changing as few as
 * possible. Added first: available robots with the most battery. Taken off
 * first: idle ones, then charging ones, then busy ones (which finish their
 * task first), lowest battery first; unavailable robots go before all of
 * them. Ties go to the lower index. `rank[i]` is a DutyRank.
 */
export function setDuty(onDuty: Uint8Array, want: number, rank: ArrayLike<number>, battery: ArrayLike<number>): void {
  const n = onDuty.length;
  want = Math.max(0, Math.min(n, want));
  let have = 0;
  for (let i = 0; i < n; i++) have += onDuty[i];
  if (have === want) return;
  const pool: number[] = [];
  for (let i = 0; i < n; i++) if (onDuty[i] === (have < want ? 0 : 1)) pool.push(i);
  if (have < want) {
    pool.sort((a, b) => Number(rank[a] === DutyRank.Unavailable) - Number(rank[b] === DutyRank.Unavailable) || battery[b] - battery[a] || a - b);
    for (let k = 0; k < want - have; k++) onDuty[pool[k]] = 1;
  } else {
    const order = (i: number) => (rank[i] === DutyRank.Unavailable ? -1 : rank[i]);
    pool.sort((a, b) => order(a) - order(b) || battery[a] - battery[b] || a - b);
    for (let k = 0; k < have - want; k++) onDuty[pool[k]] = 0;
  }
}
