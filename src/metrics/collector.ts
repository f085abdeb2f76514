import { IntHistogram } from './histogram.js';

/** Figures gathered while the simulation runs (the robots' and stations' own counters live on their arrays). */
export class Metrics {
  /** Order cycle times in ticks. */
  readonly cycle = new IntHistogram();
  ordersOnTime = 0;
  /** Ticks robots spent waiting in each cell: the congestion map. */
  readonly cellWait: Float64Array;
  /** Robot pairs found in one cell, or swapping through each other, after movement: must stay 0. */
  conflicts = 0;
  /** Planned moves the traffic guard had to cancel (a planner defect indicator; robots stayed instead). */
  repairs = 0;
  /** Times a robot stuck for a while gave up its priority so another could lead (a congestion indicator). */
  yields = 0;
  /** The deadlock detector's figures (filled by DeadlockWatch). */
  readonly deadlocks = { detected: 0, recovered: 0, unrecovered: 0, cells: [] as number[] };
  /** Orders completed in each simulated hour. */
  readonly hourly: number[] = [];
  /** The order timeline, stage by stage (ticks): arrival to first pick, first to last pick, last pick to last unit sorted, then to the dock. */
  readonly toPick = new IntHistogram();
  readonly picking = new IntHistogram();
  readonly toSort = new IntHistogram();
  readonly toDock = new IntHistogram();
  /** Orders completed per cycle time in ticks (index = ticks), for the report's cycle-time histogram. */
  readonly cycleCounts: number[] = [];
  /** Ticks between samples of the time series (set by the metrics stage on its first tick). */
  seriesEveryTicks = 0;
  /** Open orders (the backlog) at the end of each series interval. */
  readonly openSeries: number[] = [];
  /** Orders completed within each series interval. */
  readonly doneSeries: number[] = [];
  /** Orders completed at the last series sample. */
  doneAtSample = 0;

  constructor(cells: number) {
    this.cellWait = new Float64Array(cells);
  }

  /** Adds one completed order's timeline (ticks; `sorted` is -1 when no sorter handled it). */
  timeline(arrival: number, pickStart: number, pickEnd: number, sorted: number, done: number): void {
    this.toPick.add(pickStart - arrival);
    this.picking.add(pickEnd - pickStart);
    if (sorted >= 0) {
      this.toSort.add(sorted - pickEnd);
      this.toDock.add(done - sorted);
    } else this.toDock.add(done - pickEnd);
  }

  orderDone(hour: number, cycleTicks: number, onTime: boolean): void {
    this.cycle.add(cycleTicks);
    const x = Math.max(0, Math.round(cycleTicks));
    while (this.cycleCounts.length <= x) this.cycleCounts.push(0);
    this.cycleCounts[x]++;
    if (onTime) this.ordersOnTime++;
    while (this.hourly.length <= hour) this.hourly.push(0);
    this.hourly[hour]++;
  }
}

/** Series interval: the shortest of 1 min, 5 min, 15 min, 1 h, 4 h, 1 day giving at most 200 samples over the run. */
export function seriesIntervalTicks(totalTicks: number, tickSeconds: number): number {
  const total = totalTicks * tickSeconds;
  let every = 86400;
  for (const s of [60, 300, 900, 3600, 14400, 86400]) {
    if (total / s <= 200) {
      every = s;
      break;
    }
  }
  return Math.max(1, Math.round(every / tickSeconds));
}
