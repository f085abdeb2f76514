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
  /** Orders completed in each simulated hour. */
  readonly hourly: number[] = [];
  /** The order timeline, stage by stage (ticks): arrival to first pick, first to last pick, last pick to last unit sorted, then to the dock. */
  readonly toPick = new IntHistogram();
  readonly picking = new IntHistogram();
  readonly toSort = new IntHistogram();
  readonly toDock = new IntHistogram();

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
    if (onTime) this.ordersOnTime++;
    while (this.hourly.length <= hour) this.hourly.push(0);
    this.hourly[hour]++;
  }
}
