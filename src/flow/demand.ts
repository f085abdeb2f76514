import { EventKind } from '../core/events.js';
import { randInt, randPoisson } from '../core/rng.js';
import type { World } from '../core/world.js';
import { PodState } from './pods.js';

/** Arrival-rate multiplier at `tick` from the piecewise profile (repeating when it has a period). */
export function rateMultiplier(w: World, tick: number): number {
  const d = w.config.demand;
  const t = d.profilePeriodTicks > 0 ? tick % d.profilePeriodTicks : tick;
  let m = 1;
  for (const seg of d.profile) {
    if (seg.fromTick > t) break;
    m = seg.multiplier;
  }
  return m;
}

function sampleSku(w: World): number {
  const u = w.rng.demand.next();
  const cdf = w.skuCdf;
  let lo = 0;
  let hi = cdf.length - 1;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (cdf[mid] < u) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/** The station with the fewest open lines (lowest index on ties): orders are spread by workload. */
function chooseStation(w: World): number {
  const open = w.stations.openLines;
  let best = 0;
  for (let s = 1; s < open.length; s++) if (open[s] < open[best]) best = s;
  return best;
}

/**
 * The pod to pick a line of `sku` from for station `s`: a pod already heading
 * there takes it on its visit; otherwise a stored pod nearest the station;
 * a busy pod only when every copy is busy.
 */
function choosePod(w: World, sku: number, s: number): number {
  const { pods } = w;
  const field = w.fields.get(w.stations.cell[s], true);
  let best = -1;
  let bestScore = Infinity;
  for (let k = pods.podStart[sku]; k < pods.podStart[sku + 1]; k++) {
    const p = pods.podsOfSku[k];
    const st = pods.state[p];
    let score: number;
    if (st !== PodState.Stored && st !== PodState.Returning && pods.station[p] === s) score = -1;
    else if (st === PodState.Stored) score = field[pods.cell[p]];
    else score = 1e6 + field[pods.home[p]];
    if (score < bestScore) {
      bestScore = score;
      best = p;
    }
  }
  return best;
}

/** Appends line `l` to a pod list stored in (head, tail) arrays. */
function append(w: World, head: Int32Array, tail: Int32Array, p: number, l: number): void {
  w.books.lineNext[l] = -1;
  if (tail[p] < 0) head[p] = l;
  else w.books.lineNext[tail[p]] = l;
  tail[p] = l;
}

export function appendVisit(w: World, p: number, l: number): void {
  append(w, w.pods.visitHead, w.pods.visitTail, p, l);
}

export function appendPending(w: World, p: number, l: number): void {
  append(w, w.pods.pendHead, w.pods.pendTail, p, l);
}

/** Queues pod p for a robot if it is stored, has work and is not queued yet. */
export function requestPod(w: World, p: number): void {
  const { pods } = w;
  if (pods.queued[p] || pods.state[p] !== PodState.Stored || pods.pendHead[p] < 0) return;
  pods.queued[p] = 1;
  w.requests.items[w.requests.length++] = p;
}

/** Hook for the station stage: a line joined a visit already being picked. */
export type OnLineJoinedPick = (w: World, station: number) => void;

/**
 * Demand stage: draws this tick's order arrivals (Poisson at the profiled
 * rate), splits them into lines and routes each line to a pod and station.
 */
export function demandStage(w: World, onJoinedPick: OnLineJoinedPick): void {
  const d = w.config.demand;
  const lambda = (d.ordersPerHour / 3600) * w.config.tickSeconds * rateMultiplier(w, w.tick);
  const arrivals = randPoisson(w.rng.demand, lambda);
  const { books, pods, stations } = w;
  for (let a = 0; a < arrivals; a++) {
    const lines = randInt(w.rng.demand, d.linesMin, d.linesMax);
    const s = chooseStation(w);
    const o = books.openOrder(w.tick, w.tick + d.dueTicks, s, lines);
    w.events.push(EventKind.OrderCreated, books.orderId[o], lines);
    stations.openLines[s] += lines;
    for (let k = 0; k < lines; k++) {
      const sku = sampleSku(w);
      const p = choosePod(w, sku, s);
      const l = books.openLine(o, sku, s, p);
      const st = pods.state[p];
      if ((st === PodState.Assigned || st === PodState.ToStation || st === PodState.Picking) && pods.station[p] === s) {
        appendVisit(w, p, l);
        if (st === PodState.Picking) onJoinedPick(w, s);
      } else {
        appendPending(w, p, l);
        requestPod(w, p);
      }
    }
  }
}
