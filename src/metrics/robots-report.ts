import { RobotState } from '../core/robots.js';
import type { ReportPart } from './report.js';
import { r4 } from './round.js';
import { buildStallsReport, type StallsReport } from '../stalls/report.js';

declare module './report.js' {
  interface Report {
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
  }
}

/** The fleet's figures: time busy and charging, distance, waits, the traffic guard's and planner's counts, deadlocks, stalls, energy. */
export const robotsSection: ReportPart<'robots'> = {
  keys: ['robots'],
  build: (w) => {
    const { robots: r, metrics } = w;
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
    const robotTicks = Math.max(1, n * w.tick);
    return {
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
    };
  },
};
