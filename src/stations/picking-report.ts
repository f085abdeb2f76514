import type { Report, ReportPart } from '../metrics/report.js';
import { r4 } from '../metrics/round.js';

/** One station's pickers: an arm model or people, with what they did. */
export interface StationPickingReport {
  station: number;
  kind: 'arm' | 'human';
  /** The arm model, or null for people. */
  model: string | null;
  /** Arms (or people) at the station. */
  pickers: number;
  /** Lines picked (visits finished), as in `stations[]`. */
  linesPicked: number;
  linesPerHour: number;
  /** Lines begun, by who picked them: the arm alone, or a person (SKUs the arm cannot handle, lines after failed grasps, every line at a human station). */
  linesByArm: number;
  linesByPerson: number;
  /** Lines of SKUs the arm cannot handle. */
  unhandled: number;
  /** Lines handed to a person after failed grasps. */
  fallbacks: number;
  graspAttempts: number;
  graspFailures: number;
  /** Failed grasps over grasps (0 at human stations). */
  failureRate: number;
  /** Lines handed to a person after failed grasps, over lines the arm tried. */
  fallbackRate: number;
  /** The pickers' work (grasp cycles at arm stations, picks at human ones) over their time. */
  utilization: number;
  /** People's pick time at the station: every pick at a human station, the fallbacks at an arm station. */
  personSeconds: number;
}

/** Arm stations or human stations taken together. */
export interface PickerKindReport {
  stations: number;
  linesPicked: number;
  linesPerHour: number;
  linesPerStationHour: number;
  failureRate: number;
  /** Mean over the stations of the kind. */
  utilization: number;
}

export interface RobotPickingReport {
  stations: StationPickingReport[];
  arm: PickerKindReport;
  human: PickerKindReport;
}

declare module '../metrics/report.js' {
  interface Report {
    /** Robotic picking arms beside human pickers, station by station; present only when the scenario has `stations.arms`. */
    robotPicking?: RobotPickingReport;
  }
}

/** Arms and people at the pick stations; left out of the report without `stations.arms`. */
export const robotPickingSection: ReportPart<'robotPicking'> = {
  keys: ['robotPicking'],
  build: (w) => {
    const out: Pick<Report, 'robotPicking'> = {};
    const hours = (w.tick * w.config.tickSeconds) / 3600;
    const ticks = Math.max(1, w.tick);
    const perHour = (x: number) => r4(hours > 0 ? x / hours : 0);
    const p = w.site.picking;
    if (p !== null) {
      const st = w.stations;
      const stations: StationPickingReport[] = [];
      for (let s = 0; s < st.n; s++) {
        const k = p.armOf[s];
        const arm = k >= 0;
        const work = arm ? p.armTicks[s] : p.personTicks[s];
        const tried = p.linesByArm[s] + p.fallbacks[s];
        stations.push({
          station: s,
          kind: arm ? 'arm' : 'human',
          model: arm ? p.arms[k].name : null,
          pickers: st.pickers,
          linesPicked: st.linesPicked[s],
          linesPerHour: perHour(st.linesPicked[s]),
          linesByArm: p.linesByArm[s],
          linesByPerson: p.linesByPerson[s],
          unhandled: p.unhandledLines[s],
          fallbacks: p.fallbacks[s],
          graspAttempts: p.graspAttempts[s],
          graspFailures: p.graspFailures[s],
          failureRate: r4(p.graspAttempts[s] > 0 ? p.graspFailures[s] / p.graspAttempts[s] : 0),
          fallbackRate: r4(tried > 0 ? p.fallbacks[s] / tried : 0),
          utilization: r4(Math.min(1, work / (ticks * st.pickers))),
          personSeconds: r4(p.personTicks[s] * w.config.tickSeconds),
        });
      }
      const kind = (arm: boolean): PickerKindReport => {
        const of = stations.filter((x) => (x.kind === 'arm') === arm);
        let lines = 0;
        let attempts = 0;
        let failures = 0;
        let util = 0;
        for (const x of of) {
          lines += x.linesPicked;
          attempts += x.graspAttempts;
          failures += x.graspFailures;
          util += x.utilization;
        }
        return {
          stations: of.length,
          linesPicked: lines,
          linesPerHour: perHour(lines),
          linesPerStationHour: of.length > 0 ? perHour(lines / of.length) : 0,
          failureRate: r4(attempts > 0 ? failures / attempts : 0),
          utilization: r4(of.length > 0 ? util / of.length : 0),
        };
      };
      out.robotPicking = { stations, arm: kind(true), human: kind(false) };
    }
    return out;
  },
};
