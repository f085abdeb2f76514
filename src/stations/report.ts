import type { ReportPart } from '../metrics/report.js';
import { r4 } from '../metrics/round.js';

/** One pick station over the run. */
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

declare module '../metrics/report.js' {
  interface Report {
    stations: StationReport[];
  }
}

/** Pick stations one by one: visits, lines, busy time, queues, time blocked. */
export const stationsSection: ReportPart<'stations'> = {
  keys: ['stations'],
  build: (w) => {
    const st = w.stations;
    const ticks = w.tick;
    const tickS = w.config.tickSeconds;
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
    return { stations };
  },
};
