import type { ReportPart } from './report.js';
import { r4, sum } from './round.js';

/** Energy of the run: robots moving and idle, AGVs, what the grid supplied and its carbon per order. */
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

declare module './report.js' {
  interface Report {
    energy: EnergyReport;
  }
}

/** Robots' and AGVs' energy, drawn from the grid through the chargers (`energy` settings). */
export const energySection: ReportPart<'energy'> = {
  keys: ['energy'],
  build: (w) => {
    const cfg = w.config;
    let agvWh = 0;
    for (const a of w.site.outbound?.agvs ?? []) agvWh += sum(a.energyWh);
    const r = w.robots;
    const b = cfg.robots.battery;
    let moveWh = 0;
    let robotWh = 0;
    for (let i = 0; i < r.n; i++) {
      moveWh += r.moves[i] * b.moveWh;
      robotWh += r.energyWh[i];
    }
    const gridWh = (robotWh + agvWh) / cfg.energy.chargerEfficiency;
    const completed = w.books.ordersCompleted;
    return {
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
  },
};
