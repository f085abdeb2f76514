import type { ReportPart } from '../metrics/report.js';
import { r4, sum } from '../metrics/round.js';

/** One person-to-goods zone over the run. */
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

declare module '../metrics/report.js' {
  interface Report {
    pickers: PickerZoneReport[];
  }
}

/** Person-to-goods zones, one by one (empty without them). */
export const pickersSection: ReportPart<'pickers'> = {
  keys: ['pickers'],
  build: (w) => {
    const cfg = w.config;
    const tickS = cfg.tickSeconds;
    return {
      pickers: w.site.zones.map((z, k) => {
        const duty = sum(z.dutyTicks);
        const lines = sum(z.linesPicked);
        const dutyHours = (duty * tickS) / 3600;
        return {
          zone: cfg.zones[k].name,
          pickers: z.cell.length,
          linesPicked: lines,
          linesPerPickerHour: r4(dutyHours > 0 ? lines / dutyHours : 0),
          utilization: r4(duty > 0 ? sum(z.busyTicks) / duty : 0),
          walkedMetres: r4(sum(z.walkedCells) * cfg.cellSize),
          batches: z.batches,
          blockedSeconds: r4(sum(z.blockedTicks) * tickS),
        };
      }),
    };
  },
};
