import type { ReportPart } from '../metrics/report.js';
import { r4 } from '../metrics/round.js';

declare module '../metrics/report.js' {
  interface Report {
    orders: { created: number; completed: number; open: number };
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
      orders: { created: books.ordersCreated, completed, open: books.openOrders },
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

/** Units from the order book to the docks, and totes from first pick to release. */
export const itemsSection: ReportPart<'items' | 'totes'> = {
  keys: ['items', 'totes'],
  build: ({ books, totes }) => ({
    // Units anywhere between the order book and the docks: in live totes and loose on sorters.
    items: { created: books.itemsCreated, delivered: books.itemsDelivered, inFlight: books.itemsCreated - books.itemsDelivered },
    totes: { created: totes.created, released: totes.released, inUse: totes.live },
  }),
};
