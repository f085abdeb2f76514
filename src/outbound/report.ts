import type { ReportPart } from '../metrics/report.js';
import { r4, sum } from '../metrics/round.js';

export interface ConveyorReport {
  id: string;
  totesMoved: number;
  /** Mean totes on the belt over its capacity. */
  utilization: number;
  /** Share of the run with at least one tote on the belt. */
  busyShare: number;
  blockedSeconds: number;
  maxTotes: number;
}

export interface SorterReport {
  id: string;
  totesInducted: number;
  itemsInducted: number;
  itemsSorted: number;
  itemsPerHour: number;
  peakItemsPerHour: number;
  recirculations: number;
  rejects: number;
  missorts: number;
  chutes: { dock: string; maxItems: number; fullSeconds: number }[];
  itemsPerHourSeries: number[];
}

export interface AgvReport {
  id: string;
  vehicles: number;
  utilization: number;
  totesDelivered: number;
  blockedSeconds: number;
  distanceCells: number;
  energyKWh: number;
}

export interface DockReport {
  id: string;
  ordersShipped: number;
  onTime: number;
  slaHitRate: number;
  totesIn: number;
  itemsIn: number;
}

declare module '../metrics/report.js' {
  interface Report {
    conveyors: ConveyorReport[];
    sorters: SorterReport[];
    agvs: AgvReport[];
    docks: DockReport[];
  }
}

/** Belts and sorters, one by one (empty lists without outbound equipment). */
export const beltsSection: ReportPart<'conveyors' | 'sorters'> = {
  keys: ['conveyors', 'sorters'],
  build: (w) => {
    const tickS = w.config.tickSeconds;
    const ticks = Math.max(1, w.tick);
    const hours = (w.tick * tickS) / 3600;
    const ob = w.site.outbound;
    const dockName = (k: number) => (ob ? ob.docks[k].spec.name : String(k));
    return {
      conveyors: (ob?.conveyors ?? []).map((c) => ({
        id: c.spec.name,
        totesMoved: c.totesOut,
        utilization: r4(c.occupancySum / ticks / c.spec.capacity),
        busyShare: r4(c.busyTicks / ticks),
        blockedSeconds: r4(c.blockedTicks * tickS),
        maxTotes: c.maxOccupancy,
      })),
      sorters: (ob?.sorters ?? []).map((s) => ({
        id: s.spec.name,
        totesInducted: s.totesInducted,
        itemsInducted: s.itemsInducted,
        itemsSorted: s.itemsSorted,
        itemsPerHour: r4(hours > 0 ? s.itemsSorted / hours : 0),
        peakItemsPerHour: s.sortedPerHour.reduce((m, x) => Math.max(m, x), 0),
        recirculations: s.recirculations,
        rejects: s.rejects,
        missorts: s.missorts,
        chutes: s.spec.chutes.map((c, k) => ({ dock: dockName(c.dock), maxItems: s.chuteMax[k], fullSeconds: r4(s.chuteFullTicks[k] * tickS) })),
        itemsPerHourSeries: s.sortedPerHour.slice(),
      })),
    };
  },
};

/** AGV loops and docks, one by one (empty lists without them). */
export const vehiclesSection: ReportPart<'agvs' | 'docks'> = {
  keys: ['agvs', 'docks'],
  build: (w) => {
    const tickS = w.config.tickSeconds;
    const ticks = Math.max(1, w.tick);
    const ob = w.site.outbound;
    return {
      agvs: (ob?.agvs ?? []).map((a) => ({
        id: a.name,
        vehicles: a.vehicles,
        utilization: r4(sum(a.busyTicks) / (ticks * a.vehicles)),
        totesDelivered: a.totesDelivered,
        blockedSeconds: r4(a.blockedTicks * tickS),
        distanceCells: sum(a.movedCells),
        energyKWh: r4(sum(a.energyWh) / 1000),
      })),
      docks: (ob?.docks ?? []).map((d) => ({
        id: d.spec.name,
        ordersShipped: d.ordersShipped,
        onTime: d.ordersOnTime,
        slaHitRate: r4(d.ordersShipped > 0 ? d.ordersOnTime / d.ordersShipped : 0),
        totesIn: d.totesIn,
        itemsIn: d.itemsIn,
      })),
    };
  },
};
