import type { World } from '../core/world.js';
import { PodState } from '../storage/pods.js';

/**
 * Order-to-station assignment: which goods-to-person station a new order is
 * picked at. Strategies are picked by name in the scenario
 * (`stations.orderAssignment`); add one by registering a factory in
 * ORDER_ASSIGNMENTS.
 */
export interface OrderAssignment {
  readonly name: string;
  /**
   * The station for a new order whose pod-held SKUs are `skus[0..count)`
   * (count >= 1), of service-class rank `rank` (0 = highest priority; 0
   * without classes).
   */
  choose(w: World, skus: Int32Array, count: number, rank?: number): number;
  /** A pod line of `sku` was routed to station s (after `choose`). */
  lineOpened?(s: number, sku: number): void;
  /** A pod line of `sku` was picked at station s. */
  linePicked?(s: number, sku: number): void;
}

/**
 * Whether station s may take new orders: no fault is on it (closed, or a
 * broken robot on it), or every station has one (orders must go somewhere;
 * they wait for the station).
 */
export function takesOrders(closed: Uint8Array, s: number): boolean {
  if (closed[s] === 0) return true;
  for (let k = 0; k < closed.length; k++) if (closed[k] === 0) return false;
  return true;
}

/** The station with the fewest open lines (lowest index on ties) among those taking orders: orders are spread by workload. */
export function leastLoadedStation(w: World): number {
  const open = w.stations.openLines;
  const closed = w.stations.closed;
  let best = -1;
  for (let s = 0; s < open.length; s++) if (takesOrders(closed, s) && (best < 0 || open[s] < open[best])) best = s;
  return best;
}

/**
 * With service classes: the station with the fewest open lines an order of
 * `rank` waits behind (those of its priority and above, since pods are
 * fetched highest priority first), lowest index on ties, among those taking
 * orders.
 */
function leastLoadedAhead(w: World, rank: number): number {
  const classes = w.orderClasses!;
  const closed = w.stations.closed;
  let best = -1;
  let bestLoad = 0;
  for (let s = 0; s < w.stations.n; s++) {
    if (!takesOrders(closed, s)) continue;
    const load = classes.loadAhead(s, rank);
    if (best < 0 || load < bestLoad) {
      best = s;
      bestLoad = load;
    }
  }
  return best;
}

/**
 * The balance guard of the matching strategies: a station is a candidate
 * while its open lines are at most `max(lines, ceil(share * least))` above
 * the least-loaded station's, so matching never piles every order onto one
 * station.
 */
export const BALANCE = { share: 0.25, lines: 4 } as const;

/**
 * Highest score among stations within the balance guard; ties: fewer open
 * lines, then lower index. Stations closed by a fault (`closed`) are skipped
 * unless every one is closed.
 */
export function bestBalanced(open: Int32Array, score: ArrayLike<number>, closed: Uint8Array | null = null): number {
  const ok = (s: number) => closed === null || takesOrders(closed, s);
  let min = Infinity;
  for (let s = 0; s < open.length; s++) if (ok(s) && open[s] < min) min = open[s];
  const limit = min + Math.max(BALANCE.lines, Math.ceil(min * BALANCE.share));
  let best = -1;
  for (let s = 0; s < open.length; s++) {
    if (open[s] > limit || !ok(s)) continue;
    if (best < 0 || score[s] > score[best] || (score[s] === score[best] && open[s] < open[best])) best = s;
  }
  return best;
}

/**
 * The load the balance guard weighs for an order of `rank`: each station's
 * open lines, or, with service classes, the open lines of that priority and
 * above (the ones the order waits behind), written into `scratch`.
 */
function loadFor(w: World, rank: number, scratch: Int32Array): Int32Array {
  const classes = w.orderClasses;
  if (!classes) return w.stations.openLines;
  for (let s = 0; s < w.stations.n; s++) scratch[s] = classes.loadAhead(s, rank);
  return scratch;
}

/** Whether skus[k] already appeared in skus[0..k). */
function repeated(skus: Int32Array, k: number): boolean {
  for (let j = 0; j < k; j++) if (skus[j] === skus[k]) return true;
  return false;
}

/** Least loaded: the station with the fewest open lines (the default); with service classes, the fewest an order waits behind. */
class LeastLoaded implements OrderAssignment {
  readonly name = 'least-loaded';
  choose(w: World, _skus: Int32Array, _count: number, rank = 0): number {
    return w.orderClasses ? leastLoadedAhead(w, rank) : leastLoadedStation(w);
  }
}

/** First come, first served: orders go to the stations in turn (round robin, layout order), whatever their load. */
class RoundRobin implements OrderAssignment {
  readonly name = 'fcfs';
  private next = 0;
  choose(w: World): number {
    // Closed stations are passed over (their turn is skipped, not saved).
    const n = w.stations.n;
    for (let k = 0; k < n; k++) {
      const s = (this.next + k) % n;
      if (!takesOrders(w.stations.closed, s)) continue;
      this.next = s + 1;
      return s;
    }
    const s = this.next % n;
    this.next = s + 1;
    return s;
  }
}

/**
 * Lines in common: the station whose open (not yet picked) lines share the
 * most distinct SKUs with the order, within the balance guard; so orders for
 * the same SKUs meet at one station and one pod visit can serve several.
 * With service classes the guard weighs the lines the order waits behind
 * (its priority and above), as least-loaded does.
 */
class LinesInCommon implements OrderAssignment {
  readonly name = 'lines-in-common';
  /** Open lines per SKU, per station. */
  private open: Map<number, number>[] = [];
  private score = new Float64Array(0);
  private load = new Int32Array(0);
  choose(w: World, skus: Int32Array, count: number, rank = 0): number {
    const n = w.stations.n;
    while (this.open.length < n) this.open.push(new Map());
    if (this.score.length < n) {
      this.score = new Float64Array(n);
      this.load = new Int32Array(n);
    }
    this.score.fill(0, 0, n);
    for (let k = 0; k < count; k++) {
      if (repeated(skus, k)) continue;
      for (let s = 0; s < n; s++) if ((this.open[s].get(skus[k]) ?? 0) > 0) this.score[s]++;
    }
    return bestBalanced(loadFor(w, rank, this.load), this.score, w.stations.closed);
  }
  lineOpened(s: number, sku: number): void {
    while (this.open.length <= s) this.open.push(new Map());
    const m = this.open[s];
    m.set(sku, (m.get(sku) ?? 0) + 1);
  }
  linePicked(s: number, sku: number): void {
    const m = this.open[s];
    if (!m) return;
    const c = (m.get(sku) ?? 0) - 1;
    if (c > 0) m.set(sku, c);
    else m.delete(sku);
  }
}

/**
 * Pod matching: the station where pods holding the order's SKUs are already
 * bound: assigned to it, on their way, being picked there, or waiting with
 * lines for it. The order's lines then ride those pods' visits (one visit
 * serves several orders). Scores count the order's distinct SKUs with such a
 * pod; within the balance guard (with service classes, over the lines the
 * order waits behind); no match anywhere = least loaded.
 */
class PodMatching implements OrderAssignment {
  readonly name = 'pod-matching';
  private score = new Float64Array(0);
  private seen = new Int32Array(0);
  private load = new Int32Array(0);
  choose(w: World, skus: Int32Array, count: number, rank = 0): number {
    const { pods, books } = w;
    const n = w.stations.n;
    if (this.score.length < n) {
      this.score = new Float64Array(n);
      this.seen = new Int32Array(n);
      this.load = new Int32Array(n);
    }
    this.score.fill(0, 0, n);
    this.seen.fill(-1, 0, n);
    for (let k = 0; k < count; k++) {
      if (repeated(skus, k)) continue;
      const sku = skus[k];
      for (let j = pods.podStart[sku]; j < pods.podStart[sku + 1]; j++) {
        const p = pods.podsOfSku[j];
        const st = pods.state[p];
        let s = -1;
        if ((st === PodState.Assigned || st === PodState.ToStation || st === PodState.Picking) && pods.station[p] >= 0) s = pods.station[p];
        else if (pods.pendHead[p] >= 0) s = books.lineStation[pods.pendHead[p]];
        if (s >= 0 && this.seen[s] !== k) {
          this.seen[s] = k;
          this.score[s]++;
        }
      }
    }
    return bestBalanced(loadFor(w, rank, this.load), this.score, w.stations.closed);
  }
}

/** Order-to-station assignment strategies by the name a scenario gives in `stations.orderAssignment`. */
export const ORDER_ASSIGNMENTS: Record<string, () => OrderAssignment> = {
  'least-loaded': () => new LeastLoaded(),
  fcfs: () => new RoundRobin(),
  'lines-in-common': () => new LinesInCommon(),
  'pod-matching': () => new PodMatching(),
};
