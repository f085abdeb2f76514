import { EventKind } from '../core/events.js';
import { cdfIndex, randInt, randPoisson } from '../core/rng.js';
import { cellBlocked, type World } from '../core/world.js';
import { sampleFromFamily } from './families.js';
import { PodState } from '../storage/pods.js';
import { lazyStorageDistance } from '../storage/storage.js';

/**
 * Arrival-rate multiplier at `tick` from the piecewise profile. An hourly
 * profile repeats and follows the day clock (hour 0 = midnight, so a run
 * starting at 06:00 reads the 06:00 multiplier first); segments count from
 * the start of the run.
 */
export function rateMultiplier(w: World, tick: number): number {
  const d = w.config.demand;
  const t = d.profilePeriodTicks > 0 ? (tick + w.config.startOfDayTick) % d.profilePeriodTicks : tick;
  let m = 1;
  for (const seg of d.profile) {
    if (seg.fromTick > t) break;
    m = seg.multiplier;
  }
  return m;
}

function sampleSku(w: World): number {
  return cdfIndex(w.skuCdf, w.rng.demand.next());
}

/**
 * The pod to pick a line of `qty` units of `sku` from for station `s`: a pod
 * already heading there takes it on its visit; otherwise a stored pod nearest
 * the station; a busy pod only when every copy is busy. With finite stock
 * (src/inventory) only pods with `qty` units free are candidates, and -1
 * means none has them (a stock-out).
 */
export function choosePod(w: World, sku: number, s: number, qty: number): number {
  const { pods, grid } = w;
  const stock = w.inventory ?? null;
  // One copy: nothing to choose.
  if (stock === null && pods.podStart[sku + 1] - pods.podStart[sku] === 1) return pods.podsOfSku[pods.podStart[sku]];
  // Grown only as far as the candidates (a complete field would be searched again after every fault that blocks a cell).
  const field = w.fields.lazy(w.stations.cell[s], true);
  let best = -1;
  let bestScore = Infinity;
  for (let k = pods.podStart[sku]; k < pods.podStart[sku + 1]; k++) {
    if (stock !== null && stock.available(k) < qty) continue;
    const p = pods.podsOfSku[k];
    const st = pods.state[p];
    let score: number;
    if (st !== PodState.Stored && st !== PodState.Returning && pods.station[p] === s) score = -1;
    // A pod cut off by a fault (closed area, broken robot on it) ranks with the busy ones.
    else if (st === PodState.Stored) score = lazyStorageDistance(grid, field, pods.cell[p]) + (cellBlocked(w, pods.cell[p], -1) ? 1e6 : 0);
    else score = 1e6 + lazyStorageDistance(grid, field, pods.home[p]);
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

/**
 * Hook for the station stage: a line wants to join the visit station `station`
 * is picking now. Returns whether the visit takes it (false: it waits for the
 * pod's next visit).
 */
export type OnLineJoinedPick = (w: World, station: number, line: number) => boolean;

/** Per-order scratch for the demand stage, sized to the longest order (no allocation per order). */
export class DemandScratch {
  readonly sku: Int32Array;
  readonly qty: Int32Array;
  /** Tote per zone for the order being opened (-1 = none yet). */
  readonly zoneTote: Int32Array;
  readonly faces: number[] = [];
  /** The order's SKUs held in pods (for the order-to-station strategy). */
  readonly podSku: Int32Array;
  /** Opens a held order (arrival tick, class) when its release comes: set once by the demand feature. */
  release: (arrival: number, cls: number) => void = () => {};
  constructor(maxLines: number, zones: number) {
    this.podSku = new Int32Array(maxLines);
    this.sku = new Int32Array(maxLines);
    this.qty = new Int32Array(maxLines);
    this.zoneTote = new Int32Array(zones);
  }
}

/** The dock an order ships from: drawn by the docks' shares when there are several. */
function chooseDock(w: World): number {
  const out = w.config.outbound;
  if (out === null || out.docks.length === 0) return -1;
  if (out.docks.length === 1) return 0;
  let total = 0;
  for (const d of out.docks) total += d.share;
  let u = w.rng.demand.next() * total;
  for (let k = 0; k < out.docks.length; k++) {
    u -= out.docks[k].share;
    if (u < 0) return k;
  }
  return out.docks.length - 1;
}

/**
 * Demand stage: draws this tick's order arrivals (Poisson at the profiled
 * rate) and opens them. With service classes, each arrival's class is drawn
 * and the order waits for its release (at once, or at the next wave); the
 * orders released go highest priority first.
 */
export function demandStage(w: World, onJoinedPick: OnLineJoinedPick, scratch: DemandScratch): void {
  const d = w.config.demand;
  const lambda = (d.ordersPerHour / 3600) * w.config.tickSeconds * rateMultiplier(w, w.tick) * d.peakFactor;
  const arrivals = randPoisson(w.rng.demand, lambda);
  const classes = w.orderClasses ?? null;
  if (classes === null) {
    for (let a = 0; a < arrivals; a++) openArrival(w, w.tick, -1, onJoinedPick, scratch);
    return;
  }
  for (let a = 0; a < arrivals; a++) classes.arrive(classes.draw(), w.tick);
  if (classes.held.size > 0 && classes.releasing(w.tick)) classes.held.releaseAll(scratch.release);
}

/**
 * Opens an order that arrived at `arrival` (this tick, or earlier when it
 * was held for a wave) in service class `cls` (-1 without classes): splits it
 * into lines and routes each line: SKUs held in pods go to the order's
 * goods-to-person station and a pod; SKUs of a person-to-goods zone go to
 * that zone. Each pick point gets one tote per order.
 */
export function openArrival(w: World, arrival: number, cls: number, onJoinedPick: OnLineJoinedPick, scratch: DemandScratch): void {
  const d = w.config.demand;
  const { books, pods, stations, totes } = w;
  const { skuZone, skuFace, zones } = w.site;
  const affinity = d.affinity ?? 0;
  const fam = w.families;
  const orders = w.orderAssignment;
  const classes = cls >= 0 ? w.orderClasses! : null;
  {
    const lines = randInt(w.rng.demand, d.linesMin, d.linesMax);
    const dock = chooseDock(w);
    let podLines = 0;
    for (let k = 0; k < lines; k++) {
      // With affinity, a later line comes from the first line's family (no extra draw without it).
      const sku =
        k > 0 && affinity > 0 && fam !== null && w.rng.demand.next() < affinity
          ? sampleFromFamily(fam, fam.of[scratch.sku[0]], w.rng.demand)
          : sampleSku(w);
      scratch.sku[k] = sku;
      scratch.qty[k] = d.unitsMax > d.unitsMin ? randInt(w.rng.demand, d.unitsMin, d.unitsMax) : d.unitsMin;
      if (skuZone[sku] < 0) scratch.podSku[podLines++] = sku;
    }
    const rank = classes === null ? 0 : classes.classes[cls].rank;
    const s = podLines > 0 ? orders.choose(w, scratch.podSku, podLines, rank) : -1;
    const dockDue = dock >= 0 && w.site.outbound !== null ? w.site.outbound.docks[dock].dueFor(arrival) : -1;
    // A service class's due time (or cut-off) takes the place of the dock's.
    const classDue = classes !== null ? classes.dueFor(cls, arrival) : -1;
    const due = classDue >= 0 ? classDue : dockDue >= 0 ? dockDue : arrival + d.dueTicks;
    const o = books.openOrder(arrival, due, s, lines, dock);
    if (classes !== null) {
      classes.orderOpened(o, cls);
      w.shipping?.orderOpened(w, o, cls);
      if (s >= 0) classes.linesOpened(s, o, podLines);
    }
    w.events.push(EventKind.OrderCreated, books.orderId[o], lines);
    const podTote = podLines > 0 ? totes.open(o, dock) : -1;
    if (s >= 0) stations.openLines[s] += podLines;
    scratch.zoneTote.fill(-1);
    for (let k = 0; k < lines; k++) {
      const sku = scratch.sku[k];
      const qty = scratch.qty[k];
      const z = skuZone[sku];
      if (z >= 0) {
        let t = scratch.zoneTote[z];
        if (t < 0) t = scratch.zoneTote[z] = totes.open(o, dock);
        const l = books.openLine(o, sku, -1, -1, t, qty);
        totes.items[t] += qty;
        totes.linesLeft[t]++;
        books.lineNext[l] = totes.lineHead[t];
        totes.lineHead[t] = l;
        continue;
      }
      const p = choosePod(w, sku, s, qty);
      const l = books.openLine(o, sku, s, p, podTote, qty);
      orders.lineOpened?.(s, sku);
      totes.items[podTote] += qty;
      totes.linesLeft[podTote]++;
      // Finite stock: the pod's units are promised to the line, or no pod has them and the line waits.
      if (w.inventory) w.inventory.lineRouted(w, l, p);
      if (p < 0) continue;
      const st = pods.state[p];
      // The station check comes first: joining a visit being picked adds pick work at that station.
      if (pods.station[p] === s && (st === PodState.Assigned || st === PodState.ToStation || (st === PodState.Picking && onJoinedPick(w, s, l)))) {
        appendVisit(w, p, l);
      } else {
        appendPending(w, p, l);
        requestPod(w, p);
      }
    }
    // Hand each zone its tote with the walkway cell of every line.
    for (let z = 0; z < zones.length; z++) {
      const t = scratch.zoneTote[z];
      if (t < 0) continue;
      scratch.faces.length = 0;
      for (let l = totes.lineHead[t]; l >= 0; l = books.lineNext[l]) scratch.faces.push(skuFace[books.lineSku[l]]);
      zones[z].addTote(t, scratch.faces);
    }
  }
}
