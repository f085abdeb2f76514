import type { World } from '../core/world.js';
import type { IntHistogram } from './histogram.js';

/** Rounds for the report: stable text, no float noise in the last digits. */
export function r4(x: number): number {
  return Number.isFinite(x) ? Math.round(x * 1e4) / 1e4 : 0;
}

export interface StageTimes {
  count: number;
  mean: number;
  p50: number;
  p95: number;
}

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

export interface PickerZoneReport {
  zone: string;
  pickers: number;
  linesPicked: number;
  linesPerPickerHour: number;
  /** Busy (walking, picking, dropping) over on-duty time. */
  utilization: number;
  walkedMetres: number;
  batches: number;
  blockedSeconds: number;
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

export interface EnergyReport {
  robotMoveKWh: number;
  robotIdleKWh: number;
  agvKWh: number;
  /** Drawn from the grid: what robots and AGVs used, over the charger efficiency. */
  gridKWh: number;
  whPerOrder: number;
  gridGramsPerKWh: number;
  co2eGramsPerOrder: number;
}

export interface FlowReport {
  items: { created: number; delivered: number; inFlight: number };
  totes: { created: number; released: number; inUse: number };
  timelineSeconds: { toPick: StageTimes; picking: StageTimes; toSort: StageTimes; toDock: StageTimes };
  conveyors: ConveyorReport[];
  sorters: SorterReport[];
  pickers: PickerZoneReport[];
  agvs: AgvReport[];
  docks: DockReport[];
  energy: EnergyReport;
}

function stage(h: IntHistogram, tickS: number): StageTimes {
  return { count: h.count, mean: r4(h.mean() * tickS), p50: r4(h.percentile(0.5) * tickS), p95: r4(h.percentile(0.95) * tickS) };
}

const sum = (a: ArrayLike<number>) => {
  let s = 0;
  for (let k = 0; k < a.length; k++) s += a[k];
  return s;
};

/** Units anywhere between the order book and the docks: in live totes and loose on sorters. */
export function itemsInFlight(w: World): number {
  return w.books.itemsCreated - w.books.itemsDelivered;
}

/** The material-flow part of the report: equipment, people, docks, energy. */
export function buildFlowReport(w: World): FlowReport {
  const cfg = w.config;
  const tickS = cfg.tickSeconds;
  const ticks = Math.max(1, w.tick);
  const hours = (w.tick * tickS) / 3600;
  const { books, totes, metrics, site } = w;
  const ob = site.outbound;
  const conveyors: ConveyorReport[] = (ob?.conveyors ?? []).map((c) => ({
    id: c.spec.name,
    totesMoved: c.totesOut,
    utilization: r4(c.occupancySum / ticks / c.spec.capacity),
    busyShare: r4(c.busyTicks / ticks),
    blockedSeconds: r4(c.blockedTicks * tickS),
    maxTotes: c.maxOccupancy,
  }));
  const dockName = (k: number) => (ob ? ob.docks[k].spec.name : String(k));
  const sorters: SorterReport[] = (ob?.sorters ?? []).map((s) => ({
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
  }));
  const cellSize = cfg.cellSize;
  const pickers: PickerZoneReport[] = site.zones.map((z, k) => {
    const duty = sum(z.dutyTicks);
    const lines = sum(z.linesPicked);
    const dutyHours = (duty * tickS) / 3600;
    return {
      zone: cfg.zones[k].name,
      pickers: z.cell.length,
      linesPicked: lines,
      linesPerPickerHour: r4(dutyHours > 0 ? lines / dutyHours : 0),
      utilization: r4(duty > 0 ? sum(z.busyTicks) / duty : 0),
      walkedMetres: r4(sum(z.walkedCells) * cellSize),
      batches: z.batches,
      blockedSeconds: r4(sum(z.blockedTicks) * tickS),
    };
  });
  let agvWh = 0;
  const agvs: AgvReport[] = (ob?.agvs ?? []).map((a) => {
    const wh = sum(a.energyWh);
    agvWh += wh;
    return {
      id: a.name,
      vehicles: a.vehicles,
      utilization: r4(sum(a.busyTicks) / (ticks * a.vehicles)),
      totesDelivered: a.totesDelivered,
      blockedSeconds: r4(a.blockedTicks * tickS),
      distanceCells: sum(a.movedCells),
      energyKWh: r4(wh / 1000),
    };
  });
  const docks: DockReport[] = (ob?.docks ?? []).map((d) => ({
    id: d.spec.name,
    ordersShipped: d.ordersShipped,
    onTime: d.ordersOnTime,
    slaHitRate: r4(d.ordersShipped > 0 ? d.ordersOnTime / d.ordersShipped : 0),
    totesIn: d.totesIn,
    itemsIn: d.itemsIn,
  }));
  const r = w.robots;
  const b = cfg.robots.battery;
  let moveWh = 0;
  let robotWh = 0;
  for (let i = 0; i < r.n; i++) {
    moveWh += r.moves[i] * b.moveWh;
    robotWh += r.energyWh[i];
  }
  const gridWh = (robotWh + agvWh) / cfg.energy.chargerEfficiency;
  const completed = books.ordersCompleted;
  return {
    items: { created: books.itemsCreated, delivered: books.itemsDelivered, inFlight: itemsInFlight(w) },
    totes: { created: totes.created, released: totes.released, inUse: totes.live },
    timelineSeconds: {
      toPick: stage(metrics.toPick, tickS),
      picking: stage(metrics.picking, tickS),
      toSort: stage(metrics.toSort, tickS),
      toDock: stage(metrics.toDock, tickS),
    },
    conveyors,
    sorters,
    pickers,
    agvs,
    docks,
    energy: {
      robotMoveKWh: r4(moveWh / 1000),
      robotIdleKWh: r4((robotWh - moveWh) / 1000),
      agvKWh: r4(agvWh / 1000),
      gridKWh: r4(gridWh / 1000),
      whPerOrder: r4(completed > 0 ? gridWh / completed : 0),
      gridGramsPerKWh: cfg.energy.gridGramsPerKWh,
      co2eGramsPerOrder: r4(completed > 0 ? ((gridWh / 1000) * cfg.energy.gridGramsPerKWh) / completed : 0),
    },
  };
}
