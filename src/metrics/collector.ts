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
  /** Orders completed in each simulated hour. */
  readonly hourly: number[] = [];

  constructor(cells: number) {
    this.cellWait = new Float64Array(cells);
  }

  orderDone(hour: number, cycleTicks: number, onTime: boolean): void {
    this.cycle.add(cycleTicks);
    if (onTime) this.ordersOnTime++;
    while (this.hourly.length <= hour) this.hourly.push(0);
    this.hourly[hour]++;
  }
}
