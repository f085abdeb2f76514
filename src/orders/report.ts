import type { World } from '../core/world.js';
import type { ReportPart } from '../metrics/report.js';
import { r4 } from '../metrics/round.js';

/** One service class's figures in the report (`orders.byClass`). */
export interface ClassFigures {
  priority: number;
  /** The class's due time after arrival in seconds, or null when it has cut-offs. */
  dueSeconds: number | null;
  /** Orders released to picking (the order book's orders). */
  created: number;
  /** Orders arrived and waiting for their wave at the end of the run (not yet on the order book). */
  held: number;
  completed: number;
  onTime: number;
  /** Share of the completed orders on time. */
  sla: number;
  cycleTimeSeconds: { p50: number; p95: number };
}

declare module '../metrics/report.js' {
  interface Report {
    /** `byClass`, by class name in the scenario's order: only with service classes. */
    orders: { created: number; completed: number; open: number; byClass?: Record<string, ClassFigures> };
    lines: { created: number; picked: number; open: number };
    throughput: { ordersPerHour: number; linesPerHour: number };
    cycleTimeSeconds: { mean: number; p50: number; p95: number; p99: number; max: number };
    sla: { dueSeconds: number; onTime: number; hitRate: number };
    items: { created: number; delivered: number; inFlight: number };
    totes: { created: number; released: number; inUse: number };
  }
}

/** Orders and lines from the order book, throughput, cycle times and the SLA. */
export const ordersSection: ReportPart<'orders' | 'lines' | 'throughput' | 'cycleTimeSeconds' | 'sla'> = {
  keys: ['orders', 'lines', 'throughput', 'cycleTimeSeconds', 'sla'],
  build: (w) => {
    const { books, metrics } = w;
    const tickS = w.config.tickSeconds;
    const hours = (w.tick * tickS) / 3600;
    const c = metrics.cycle;
    const completed = books.ordersCompleted;
    return {
      orders: { created: books.ordersCreated, completed, open: books.openOrders, ...byClass(w) },
      lines: { created: books.linesCreated, picked: books.linesPicked, open: books.openLines },
      throughput: {
        ordersPerHour: r4(hours > 0 ? completed / hours : 0),
        linesPerHour: r4(hours > 0 ? books.linesPicked / hours : 0),
      },
      cycleTimeSeconds: {
        mean: r4(c.mean() * tickS),
        p50: r4(c.percentile(0.5) * tickS),
        p95: r4(c.percentile(0.95) * tickS),
        p99: r4(c.percentile(0.99) * tickS),
        max: r4(c.max * tickS),
      },
      sla: {
        dueSeconds: r4(w.config.demand.dueTicks * tickS),
        onTime: metrics.ordersOnTime,
        hitRate: r4(completed > 0 ? metrics.ordersOnTime / completed : 0),
      },
    };
  },
};

/** `{ byClass }` with the service classes' figures, or nothing (the key left out) without classes. */
function byClass(w: World): { byClass?: Record<string, ClassFigures> } {
  const c = w.orderClasses ?? null;
  if (c === null || !c.declared) return {};
  const tickS = w.config.tickSeconds;
  const out: Record<string, ClassFigures> = {};
  c.classes.forEach((k, i) => {
    out[k.name] = {
      priority: k.priority,
      dueSeconds: k.dueTicks >= 0 ? r4(k.dueTicks * tickS) : null,
      created: c.created[i],
      held: c.held.heldOf(i),
      completed: c.completed[i],
      onTime: c.onTime[i],
      sla: r4(c.completed[i] > 0 ? c.onTime[i] / c.completed[i] : 0),
      cycleTimeSeconds: { p50: r4(c.cycle[i].percentile(0.5) * tickS), p95: r4(c.cycle[i].percentile(0.95) * tickS) },
    };
  });
  return { byClass: out };
}

/** Units from the order book to the docks, and totes from first pick to release. */
export const itemsSection: ReportPart<'items' | 'totes'> = {
  keys: ['items', 'totes'],
  build: ({ books, totes }) => ({
    // Units anywhere between the order book and the docks: in live totes and loose on sorters.
    items: { created: books.itemsCreated, delivered: books.itemsDelivered, inFlight: books.itemsCreated - books.itemsDelivered },
    totes: { created: totes.created, released: totes.released, inUse: totes.live },
  }),
};
