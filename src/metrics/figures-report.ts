import type { IntHistogram } from './histogram.js';
import type { ReportPart } from './report.js';
import { r4 } from './round.js';

/** How long one stage of the order timeline took, over the orders that went through it. */
export interface StageTimes {
  count: number;
  mean: number;
  p50: number;
  p95: number;
}

declare module './report.js' {
  interface Report {
    congestion: { totalWaitTicks: number; hotspots: { cell: number; row: number; col: number; waitTicks: number }[] };
    ordersPerHourSeries: number[];
    /** The order timeline: arrival to first pick, first to last pick, last pick to sorted, then to the dock. */
    timelineSeconds: { toPick: StageTimes; picking: StageTimes; toSort: StageTimes; toDock: StageTimes };
    /** Open orders (the backlog) at the end of each interval, and orders completed within it. */
    timeSeries: { intervalSeconds: number; openOrders: number[]; ordersCompleted: number[] };
    /** Completed orders by cycle time: counts[k] took [k, k+1) x binSeconds (binSeconds is 15 s x 2^n, at most 60 bins). */
    cycleTimeHistogram: { binSeconds: number; counts: number[] };
    /** Robot wait time (seconds) per block of cellsPerBlock x cellsPerBlock cells, rows of cols blocks (at most 120 x 120). */
    congestionGrid: { cellsPerBlock: number; rows: number; cols: number; waitSeconds: number[][] };
  }
}

/** Where robots waited (the ten cells where they waited longest), and orders completed per hour. */
export const congestionSection: ReportPart<'congestion' | 'ordersPerHourSeries'> = {
  keys: ['congestion', 'ordersPerHourSeries'],
  build: (w) => {
    const hot: number[] = [];
    let totalWait = 0;
    const cw = w.metrics.cellWait;
    for (let c = 0; c < cw.length; c++) {
      if (cw[c] === 0) continue;
      totalWait += cw[c];
      hot.push(c);
    }
    hot.sort((a, b) => cw[b] - cw[a] || a - b);
    return {
      congestion: {
        totalWaitTicks: totalWait,
        hotspots: hot.slice(0, 10).map((cell) => ({
          cell,
          row: Math.floor(cell / w.grid.width),
          col: cell % w.grid.width,
          waitTicks: cw[cell],
        })),
      },
      ordersPerHourSeries: w.metrics.hourly.slice(),
    };
  },
};

function stage(h: IntHistogram, tickS: number): StageTimes {
  return { count: h.count, mean: r4(h.mean() * tickS), p50: r4(h.percentile(0.5) * tickS), p95: r4(h.percentile(0.95) * tickS) };
}

/** The stages of the order timeline. */
export const timelineSection: ReportPart<'timelineSeconds'> = {
  keys: ['timelineSeconds'],
  build: ({ metrics, config }) => ({
    timelineSeconds: {
      toPick: stage(metrics.toPick, config.tickSeconds),
      picking: stage(metrics.picking, config.tickSeconds),
      toSort: stage(metrics.toSort, config.tickSeconds),
      toDock: stage(metrics.toDock, config.tickSeconds),
    },
  }),
};

/** The backlog over time, cycle times binned, and robot waits over the floor. */
export const seriesSection: ReportPart<'timeSeries' | 'cycleTimeHistogram' | 'congestionGrid'> = {
  keys: ['timeSeries', 'cycleTimeHistogram', 'congestionGrid'],
  build: (w) => {
    const { metrics } = w;
    const tickS = w.config.tickSeconds;
    return {
      timeSeries: {
        intervalSeconds: r4(metrics.seriesEveryTicks * tickS),
        openOrders: metrics.openSeries.slice(),
        ordersCompleted: metrics.doneSeries.slice(),
      },
      cycleTimeHistogram: cycleHistogram(metrics.cycleCounts, tickS),
      congestionGrid: congestionGrid(metrics.cellWait, w.grid.width, w.grid.height, tickS),
    };
  },
};

/** Cycle times (counts per tick) in bins of 15 s x 2^n seconds, the narrowest giving at most 60 bins. */
function cycleHistogram(perTick: readonly number[], tickS: number): { binSeconds: number; counts: number[] } {
  const maxSeconds = Math.max(0, perTick.length - 1) * tickS;
  let bin = 15;
  while (maxSeconds / bin >= 60) bin *= 2;
  const counts: number[] = perTick.length === 0 ? [] : new Array(Math.floor(maxSeconds / bin) + 1).fill(0);
  for (let x = 0; x < perTick.length; x++) if (perTick[x] > 0) counts[Math.floor((x * tickS) / bin)] += perTick[x];
  return { binSeconds: bin, counts };
}

/** Sums per-cell wait ticks into square blocks so the grid is at most 120 x 120. */
function congestionGrid(cellWait: Float64Array, width: number, height: number, tickS: number) {
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
