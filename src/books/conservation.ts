import type { BooksPart } from '../core/feature.js';
import type { World } from '../core/world.js';
import { CellKind } from '../layout/grid.js';
import { PodState } from '../storage/pods.js';
import { BooksTallies } from './tally.js';

/**
 * Conservation at the end of a run: every order, line, unit, tote and pod the
 * run created is accounted for exactly once, as completed, still in progress
 * (recounted where it is, from the engine's own state: order slots, pod and
 * tote line lists, units in totes and loose on sorters, totes in slots and on
 * equipment, pods in storage and on robots) or dropped with a reason.
 *
 * The order book, the tote book and the pods are recounted here; what the
 * equipment holds (staged totes, the outbound network, pack stations, carts)
 * each feature tells through its `BooksPart`, registered in `BOOKS`
 * (src/sim/features.ts).
 *
 * Lines cancelled unpicked (finite stock: a stock-out waiting longer than
 * `inventory.cancelAfter`) and their units are dropped under `cancelled`;
 * otherwise `dropped` stays empty (a total of 0) until faults (a damaged
 * unit, a lost tote, a pod taken out of service) report theirs through the
 * `drops` argument of `checkConservation`.
 */

/** The entities whose books must close. */
export type ConservedEntity = 'orders' | 'lines' | 'items' | 'totes' | 'pods';

/** Units, totes, ... taken out of the flow on purpose, by reason (e.g. `{ damaged: 3 }`). */
export type DroppedCounts = Partial<Record<ConservedEntity, Readonly<Record<string, number>>>>;

/** One entity's books: created = completed + in progress + dropped, with in progress recounted where it is. */
export interface EntityBalance<Where> {
  created: number;
  /** Orders completed, lines picked, units delivered, totes released; pods leave only when dropped, so 0 for pods. */
  completed: number;
  /** Recounted from the engine's state (the sum of `where`), not from the books' difference counters. */
  inProgress: number;
  /** By reason, keys sorted; empty today. */
  dropped: Record<string, number>;
  /** created - completed - inProgress - sum(dropped): 0 when the books close (numeric, so CI assertions can gate on it). */
  imbalance: number;
  /** The books close and no consistency problem was found for this entity. */
  balanced: boolean;
  /** Where the ones in progress are. */
  where: Where;
}

export interface ConservationReport {
  /** Every entity balanced. */
  balanced: boolean;
  /** Open order slots: still to pick (lines left), or picked and on their way to the dock. */
  orders: EntityBalance<{ picking: number; inTransit: number }>;
  /** Open lines: waiting on a pod, on a pod's visit (assigned, travelling or being picked), in a zone tote, or (with finite stock only) waiting for stock. */
  lines: EntityBalance<{ pendingOnPods: number; onPodVisits: number; inZoneTotes: number; backordered?: number }>;
  /** Units not yet at the dock: in live totes (picked or still to pick), or loose on sorters. */
  items: EntityBalance<{ inTotes: number; looseOnSorters: number }>;
  /**
   * Totes in use: still being picked into, staged at stations, in the outbound
   * network (belts, sorter inductions, AGV buffers and vehicles, pack stations), or closed
   * and on a picker's cart waiting to be dropped at the depot.
   */
  totes: EntityBalance<{ picking: number; staged: number; inOutbound: number; onCarts: number }>;
  /** Pods: resting in storage (stored, or waiting for the robot assigned to lift them), or on robots. */
  pods: EntityBalance<{ stored: number; onRobots: number }>;
  /** One line per problem, at most MAX_PROBLEMS (then a count of the rest). */
  problems: string[];
}

/** Problems listed in full; beyond that only counted. */
export const MAX_PROBLEMS = 20;

function droppedOf(d: Readonly<Record<string, number>> | undefined): { dropped: Record<string, number>; total: number } {
  const dropped: Record<string, number> = {};
  let total = 0;
  if (d) {
    for (const k of Object.keys(d).sort()) {
      dropped[k] = d[k];
      total += d[k];
    }
  }
  return { dropped, total };
}

/** Lines cancelled unpicked (a stock-out waiting too long) and their units are dropped, under `cancelled`. */
function withCancelled(drops: DroppedCounts, lines: number, items: number): DroppedCounts {
  if (lines === 0) return drops;
  return { ...drops, lines: { ...drops.lines, cancelled: lines }, items: { ...drops.items, cancelled: items } };
}

/**
 * Recounts the material flow of a world, normally once at the end of a run.
 * O(order slots + line lists + tote slots + pods + robots + storage cells);
 * allocates only the report (and one scratch array over storage cells).
 */
export function checkConservation(w: World, parts: readonly BooksPart[], given: DroppedCounts = {}): ConservationReport {
  const { books, totes, pods, robots: r, storage, grid } = w;
  const drops = withCancelled(given, books.linesCancelled, books.itemsCancelled);
  const problems: string[] = [];
  let more = 0;
  const bad = new Set<ConservedEntity>();
  const problem = (e: ConservedEntity, m: string) => {
    bad.add(e);
    if (problems.length < MAX_PROBLEMS) problems.push(`${e}: ${m}`);
    else more++;
  };

  // ---- Totes: live slots (order >= 0), independent of the `live` counter.
  // ToteBook grows `order` filled with -1, so every slot not in use reads -1.
  const toteSlots = totes.order.length;
  let liveTotes = 0;
  let openTotes = 0; // lines still to pick into them
  let closedTotes = 0;
  let itemsInTotes = 0;
  let linesLeftInTotes = 0;
  for (let t = 0; t < toteSlots; t++) {
    if (totes.order[t] < 0) continue;
    liveTotes++;
    itemsInTotes += totes.items[t];
    linesLeftInTotes += totes.linesLeft[t];
    if (totes.items[t] < 0) problem('items', `tote ${t} holds ${totes.items[t]} units`);
    if (totes.linesLeft[t] > 0) openTotes++;
    else closedTotes++;
  }
  // What the equipment holds, feature by feature.
  const tally = new BooksTallies((e, m) => problem(e as ConservedEntity, m));
  for (const part of parts) part.count(w, tally);
  const staged = tally.held('totes', 'staged');
  const inOutbound = tally.held('totes', 'inOutbound');
  const cartSlots = tally.roomAt('totes', 'onCarts');
  const onCarts = closedTotes - staged - inOutbound;
  if (onCarts < 0) problem('totes', `${staged} staged + ${inOutbound} in the outbound network, but only ${closedTotes} live totes are closed`);
  else if (onCarts > cartSlots) problem('totes', `${onCarts} closed totes are neither staged nor in the outbound network, but carts hold only ${cartSlots}`);
  if (totes.live !== liveTotes) problem('totes', `the book counts ${totes.live} in use, recounted ${liveTotes}`);

  // ---- Orders: a slot is open while its units are not all delivered (it is freed the moment they are).
  // Slots never used, or freed, read items == itemsDone; every order has at least one unit.
  const orderSlots = books.items.length;
  const openOrder = new Uint8Array(orderSlots);
  let ordersPicking = 0;
  let ordersInTransit = 0;
  let remainingLines = 0;
  let undelivered = 0;
  for (let o = 0; o < orderSlots; o++) {
    const left = books.items[o] - books.itemsDone[o];
    if (left === 0) continue;
    if (left < 0) {
      problem('items', `order ${books.orderId[o]} (slot ${o}) has ${books.itemsDone[o]} of ${books.items[o]} units delivered`);
      continue;
    }
    openOrder[o] = 1;
    undelivered += left;
    remainingLines += books.remaining[o];
    if (books.remaining[o] > 0) ordersPicking++;
    else ordersInTransit++;
  }
  const ordersOpen = ordersPicking + ordersInTransit;
  if (books.openOrders !== ordersOpen) problem('orders', `the book counts ${books.openOrders} open, recounted ${ordersOpen} slots with units not yet delivered`);
  for (let t = 0; t < toteSlots; t++) {
    const o = totes.order[t];
    if (o < 0) continue;
    if (o >= orderSlots || !openOrder[o]) problem('totes', `tote ${t} belongs to order slot ${o}, which is not open`);
  }

  // ---- Lines: walk every list an open line can be on (bounded, so a corrupt cycle cannot hang the check).
  const bound = books.linesCreated - books.linesPicked + 1;
  let steps = 0;
  const walk = (head: number, what: () => string): number => {
    let n = 0;
    for (let l = head; l >= 0; l = books.lineNext[l]) {
      if (++steps > bound + 1) {
        if (steps === bound + 2) problem('lines', `more lines on lists than open (a cycle?) at ${what()}`);
        return n;
      }
      n++;
    }
    return n;
  };
  let pendingOnPods = 0;
  let onPodVisits = 0;
  for (let p = 0; p < pods.n; p++) {
    pendingOnPods += walk(pods.pendHead[p], () => `pod ${p} (pending)`);
    onPodVisits += walk(pods.visitHead[p], () => `pod ${p} (visit)`);
  }
  let inZoneTotes = 0;
  for (let t = 0; t < toteSlots; t++) if (totes.order[t] >= 0) inZoneTotes += walk(totes.lineHead[t], () => `tote ${t}`);
  // Lines waiting for stock (finite inventory): on no pod's list, held by the stock.
  const backordered = tally.told('lines', 'backordered') ? tally.held('lines', 'backordered') : null;
  const linesOpen = pendingOnPods + onPodVisits + inZoneTotes + (backordered ?? 0);
  if (books.openLines !== linesOpen) problem('lines', `the book counts ${books.openLines} open, ${linesOpen} are on pod and tote lists`);
  if (linesLeftInTotes !== linesOpen) problem('lines', `live totes wait for ${linesLeftInTotes} lines, ${linesOpen} are on pod and tote lists`);
  if (remainingLines !== linesOpen) problem('lines', `open orders wait for ${remainingLines} lines, ${linesOpen} are on pod and tote lists`);

  // ---- Items: in live totes (picked or not) and loose on sorters.
  const loose = tally.held('items', 'looseOnSorters');
  if (undelivered !== itemsInTotes + loose) problem('items', `open orders await ${undelivered} units, but totes hold ${itemsInTotes} and sorters ${loose}`);

  // ---- Pods: resting in storage by state, on robots by the robots' own record.
  let stored = 0;
  let onRobots = 0;
  const carrier = new Int32Array(pods.n).fill(-1);
  for (let i = 0; i < r.n; i++) {
    const p = r.pod[i];
    if (p < 0) continue;
    if (p >= pods.n) {
      problem('pods', `robot ${i} carries pod ${p}, which does not exist`);
      continue;
    }
    onRobots++;
    if (carrier[p] >= 0) problem('pods', `pod ${p} is on robots ${carrier[p]} and ${i}`);
    carrier[p] = i;
    if (pods.robot[p] !== i) problem('pods', `robot ${i} carries pod ${p}, but the pod records robot ${pods.robot[p]}`);
  }
  const restingOn = new Int32Array(storage.cells.length).fill(-1);
  for (let p = 0; p < pods.n; p++) {
    const st = pods.state[p];
    const resting = st === PodState.Stored || st === PodState.Assigned;
    if (resting) {
      stored++;
      if (carrier[p] >= 0) problem('pods', `pod ${p} rests in storage (state ${st}) but is on robot ${carrier[p]}`);
      const c = pods.cell[p];
      const loc = c >= 0 && c < storage.locOf.length ? storage.locOf[c] : -1;
      if (loc < 0 || grid.kind[c] !== CellKind.Storage) problem('pods', `pod ${p} rests on cell ${c}, which is not a storage location`);
      else {
        if (restingOn[loc] >= 0) problem('pods', `pods ${restingOn[loc]} and ${p} rest on one location (cell ${c})`);
        restingOn[loc] = p;
        if (storage.owner[loc] !== p) problem('pods', `pod ${p} rests on cell ${c}, which storage gives to pod ${storage.owner[loc]}`);
      }
    } else if (carrier[p] < 0) problem('pods', `pod ${p} is carried (state ${st}) but on no robot`);
  }

  // ---- The balances.
  const balance = <W>(e: ConservedEntity, created: number, completed: number, where: W, done: string): EntityBalance<W> => {
    let inProgress = 0;
    for (const v of Object.values(where as Record<string, number>)) inProgress += v;
    const { dropped, total } = droppedOf(drops[e]);
    const imbalance = created - completed - inProgress - total;
    if (imbalance !== 0) problem(e, `created ${created} != ${done} ${completed} + in progress ${inProgress} + dropped ${total}`);
    return { created, completed, inProgress, dropped, imbalance, balanced: false, where };
  };
  const orders = balance('orders', books.ordersCreated, books.ordersCompleted, { picking: ordersPicking, inTransit: ordersInTransit }, 'completed');
  const lineWhere = backordered === null ? { pendingOnPods, onPodVisits, inZoneTotes } : { pendingOnPods, onPodVisits, inZoneTotes, backordered };
  const lines = balance('lines', books.linesCreated, books.linesPicked, lineWhere, 'picked');
  const items = balance('items', books.itemsCreated, books.itemsDelivered, { inTotes: itemsInTotes, looseOnSorters: loose }, 'delivered');
  const toteBalance = balance(
    'totes',
    totes.created,
    totes.released,
    { picking: openTotes, staged, inOutbound, onCarts: Math.max(0, onCarts) },
    'released',
  );
  const podBalance = balance('pods', pods.n, 0, { stored, onRobots }, 'retired');
  orders.balanced = !bad.has('orders');
  lines.balanced = !bad.has('lines');
  items.balanced = !bad.has('items');
  toteBalance.balanced = !bad.has('totes');
  podBalance.balanced = !bad.has('pods');
  if (more > 0) problems.push(`... and ${more} more`);
  return {
    balanced: bad.size === 0,
    orders,
    lines,
    items,
    totes: toteBalance,
    pods: podBalance,
    problems,
  };
}
