import type { World } from '../core/world.js';
import { RobotState } from '../core/robots.js';
import { buildFlowReport, r4, type FlowReport } from './flow-report.js';
import { buildStorageReport, buildStrategiesReport, type StorageReport, type StrategiesReport } from './strategy-report.js';
import { buildFaultsReport, type FaultsReport } from '../faults/report.js';
import { buildForecastReport, buildOperationsReport, type ForecastReport, type OperationsReport } from './forecast-report.js';
import { checkConservation, type ConservationReport } from './conservation.js';
import { buildAlertsReport, type AlertsReport } from './alerts-report.js';
import { buildStallsReport, type StallsReport } from './stalls-report.js';
import { buildAutomationReport, type PackingReport, type RobotPickingReport } from './automation-report.js';

export interface StationReport {
  station: number;
  cell: number;
  row: number;
  col: number;
  visits: number;
  linesPicked: number;
  linesPerVisit: number;
  utilization: number;
  queueMean: number;
  queueMax: number;
  /** Time pods waited at the station because its finished totes could not leave. */
  blockedSeconds: number;
}

/** The KPI report of a run, in a fixed key order so equal runs give equal bytes. */
export interface Report {
  scenario: string;
  seed: number | string;
  planner: string;
  assignment: string;
  simulatedSeconds: number;
  ticks: number;
  tickSeconds: number;
  /** Wall-clock seconds of the run: the one field that differs between identical runs. */
  wallSeconds: number;
  orders: { created: number; completed: number; open: number };
  lines: { created: number; picked: number; open: number };
  throughput: { ordersPerHour: number; linesPerHour: number };
  cycleTimeSeconds: { mean: number; p50: number; p95: number; p99: number; max: number };
  sla: { dueSeconds: number; onTime: number; hitRate: number };
  robots: {
    count: number;
    utilization: number;
    chargingShare: number;
    distanceCells: number;
    waitTicks: number;
    conflicts: number;
    plannerRepairs: number;
    /** Times a robot that made no progress for a while handed the lead to another. */
    priorityYields: number;
    /** Robots without progress for DEADLOCK_TICKS, sent on a detour; how many recovered; how many were still stuck at the end. */
    deadlocks: { detected: number; recovered: number; unrecovered: number; cells: { row: number; col: number }[] };
    /** Stall episodes: robots standing still on their way, grouped by wait-for chain (docs/stalls.md). */
    stalls: StallsReport;
    depleted: number;
    energyKWh: number;
  };
  stations: StationReport[];
  congestion: { totalWaitTicks: number; hotspots: { cell: number; row: number; col: number; waitTicks: number }[] };
  ordersPerHourSeries: number[];
  items: FlowReport['items'];
  totes: FlowReport['totes'];
  /** The order timeline: arrival to first pick, first to last pick, last pick to sorted, then to the dock. */
  timelineSeconds: FlowReport['timelineSeconds'];
  conveyors: FlowReport['conveyors'];
  sorters: FlowReport['sorters'];
  pickers: FlowReport['pickers'];
  agvs: FlowReport['agvs'];
  docks: FlowReport['docks'];
  energy: FlowReport['energy'];
  /** Open orders (the backlog) at the end of each interval, and orders completed within it. */
  timeSeries: { intervalSeconds: number; openOrders: number[]; ordersCompleted: number[] };
  /** Completed orders by cycle time: counts[k] took [k, k+1) x binSeconds (binSeconds is 15 s x 2^n, at most 60 bins). */
  cycleTimeHistogram: { binSeconds: number; counts: number[] };
  /** Robot wait time (seconds) per block of cellsPerBlock x cellsPerBlock cells, rows of cols blocks (at most 120 x 120). */
  congestionGrid: { cellsPerBlock: number; rows: number; cols: number; waitSeconds: number[][] };
  /** Slotting, pod return and order-to-station strategies by name. */
  strategies: StrategiesReport;
  /** Locations and pods, pod travel at fetch and return, lines per visit, re-slotting moves. */
  storage: StorageReport;
  /** Faults of the run (breakdowns, closures, jams, chutes, stations, people), the controller's response and the orders they delayed; zeros without faults. */
  faults: FaultsReport;
  /** The hourly demand forecast against actual orders, with its error (null without an `operations` section). */
  forecast: ForecastReport | null;
  /** The operations policy's hourly decisions, robot- and person-hours on duty (null without an `operations` section). */
  operations: OperationsReport | null;
  /** Orders, lines, items, totes and pods recounted at the end: created = completed + in progress + dropped; `wsim run` fails when not balanced. */
  conservation: ConservationReport;
  /** Live alerts raised and how they met the run's faults; present only when the scenario has an `alerts` section. */
  alerts?: AlertsReport;
  /** Robotic picking arms beside human pickers, station by station; present only when the scenario has `stations.arms`. */
  robotPicking?: RobotPickingReport;
  /** Pack stations: parcels, jams, carton fill, cardboard and void fill; present only when the scenario has `packing`. */
  packing?: PackingReport;
}

export function buildReport(w: World, planner: string, assignment: string, wallSeconds: number): Report {
  const cfg = w.config;
  const ticks = w.tick;
  const tickS = cfg.tickSeconds;
  const seconds = ticks * tickS;
  const hours = seconds / 3600;
  const { books, robots: r, stations: st, metrics } = w;
  const n = r.n;
  let moves = 0;
  let waits = 0;
  let busy = 0;
  let charging = 0;
  let energy = 0;
  let depleted = 0;
  for (let i = 0; i < n; i++) {
    moves += r.moves[i];
    waits += r.waitTicks[i];
    busy += r.busyTicks[i];
    charging += r.chargingTicks[i];
    energy += r.energyWh[i];
    if (r.state[i] === RobotState.Depleted) depleted++;
  }
  const robotTicks = Math.max(1, n * ticks);
  const stations: StationReport[] = [];
  for (let s = 0; s < st.n; s++) {
    const cell = st.cell[s];
    stations.push({
      station: s,
      cell,
      row: Math.floor(cell / w.grid.width),
      col: cell % w.grid.width,
      visits: st.visits[s],
      linesPicked: st.linesPicked[s],
      linesPerVisit: r4(st.visits[s] > 0 ? st.linesPicked[s] / st.visits[s] : 0),
      utilization: r4(ticks > 0 ? st.busyTicks[s] / ticks : 0),
      queueMean: r4(ticks > 0 ? st.queueSum[s] / ticks : 0),
      queueMax: st.queueMax[s],
      blockedSeconds: r4(st.blockedTicks[s] * tickS),
    });
  }
  // Ten cells where robots waited longest.
  const hot: number[] = [];
  let totalWait = 0;
  const cw = metrics.cellWait;
  for (let c = 0; c < cw.length; c++) {
    if (cw[c] === 0) continue;
    totalWait += cw[c];
    hot.push(c);
  }
  hot.sort((a, b) => cw[b] - cw[a] || a - b);
  const c = metrics.cycle;
  const completed = books.ordersCompleted;
  return {
    scenario: cfg.name,
    seed: cfg.seed,
    planner,
    assignment,
    simulatedSeconds: r4(seconds),
    ticks,
    tickSeconds: r4(tickS),
    wallSeconds: r4(wallSeconds),
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
      dueSeconds: r4(cfg.demand.dueTicks * tickS),
      onTime: metrics.ordersOnTime,
      hitRate: r4(completed > 0 ? metrics.ordersOnTime / completed : 0),
    },
    robots: {
      count: n,
      utilization: r4(busy / robotTicks),
      chargingShare: r4(charging / robotTicks),
      distanceCells: moves,
      waitTicks: waits,
      conflicts: metrics.conflicts,
      plannerRepairs: metrics.repairs,
      priorityYields: metrics.yields,
      deadlocks: {
        detected: metrics.deadlocks.detected,
        recovered: metrics.deadlocks.recovered,
        unrecovered: metrics.deadlocks.unrecovered,
        cells: metrics.deadlocks.cells.map((c) => ({ row: Math.floor(c / w.grid.width), col: c % w.grid.width })),
      },
      stalls: buildStallsReport(w),
      depleted,
      energyKWh: r4(energy / 1000),
    },
    stations,
    congestion: {
      totalWaitTicks: totalWait,
      hotspots: hot.slice(0, 10).map((cell) => ({
        cell,
        row: Math.floor(cell / w.grid.width),
        col: cell % w.grid.width,
        waitTicks: cw[cell],
      })),
    },
    ordersPerHourSeries: metrics.hourly.slice(),
    ...buildFlowReport(w),
    timeSeries: {
      intervalSeconds: r4(metrics.seriesEveryTicks * tickS),
      openOrders: metrics.openSeries.slice(),
      ordersCompleted: metrics.doneSeries.slice(),
    },
    cycleTimeHistogram: cycleHistogram(metrics.cycleCounts, tickS),
    congestionGrid: congestionGrid(cw, w.grid.width, w.grid.height, tickS),
    strategies: buildStrategiesReport(w),
    storage: buildStorageReport(w),
    faults: buildFaultsReport(w),
    forecast: buildForecastReport(w),
    operations: buildOperationsReport(w),
    conservation: checkConservation(w),
    ...(w.alerts ? { alerts: buildAlertsReport(w) } : {}),
    ...buildAutomationReport(w),
  };
}

/** Cycle times (counts per tick) in bins of 15 s x 2^n seconds, the narrowest giving at most 60 bins. */
function cycleHistogram(perTick: readonly number[], tickS: number): Report['cycleTimeHistogram'] {
  const maxSeconds = Math.max(0, perTick.length - 1) * tickS;
  let bin = 15;
  while (maxSeconds / bin >= 60) bin *= 2;
  const counts: number[] = perTick.length === 0 ? [] : new Array(Math.floor(maxSeconds / bin) + 1).fill(0);
  for (let x = 0; x < perTick.length; x++) if (perTick[x] > 0) counts[Math.floor((x * tickS) / bin)] += perTick[x];
  return { binSeconds: bin, counts };
}

/** Sums per-cell wait ticks into square blocks so the grid is at most 120 x 120. */
function congestionGrid(cellWait: Float64Array, width: number, height: number, tickS: number): Report['congestionGrid'] {
  const f = Math.max(1, Math.ceil(Math.max(width, height) / 120));
  const rows = Math.ceil(height / f);
  const cols = Math.ceil(width / f);
  const sums = Array.from({ length: rows }, () => new Array<number>(cols).fill(0));
  for (let c = 0; c < cellWait.length; c++) {
    if (cellWait[c] === 0) continue;
    sums[Math.floor(Math.floor(c / width) / f)][Math.floor((c % width) / f)] += cellWait[c];
  }
  return { cellsPerBlock: f, rows, cols, waitSeconds: sums.map((row) => row.map((v) => r4(v * tickS))) };
}
