import type { World } from '../core/world.js';
import { OVERSIZE, RIGHT_SIZED } from '../packing/pack-station.js';
import { r4 } from './flow-report.js';

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

export interface PackStationReport {
  id: string;
  mode: 'auto' | 'manual';
  lanes: number;
  totesIn: number;
  parcels: number;
  /** Orders with a parcel packed here (an order counts once). */
  orders: number;
  items: number;
  parcelsPerHour: number;
  /** Lane time spent packing over lane time. */
  utilization: number;
  jams: number;
  jamSeconds: number;
  /** Lane time a packed parcel waited because the outfeed refused it. */
  blockedSeconds: number;
  queueMax: number;
  /** Item volume over carton volume, over all parcels. */
  fillRate: number;
  cardboardM2: number;
  cardboardM2PerOrder: number;
  /** Empty space in the cartons, filled with void fill. */
  voidFillLitres: number;
  voidFillLitresPerOrder: number;
  /** Parcels per carton of the station's set (smallest first). */
  cartons: Record<string, number>;
  /** Boxes made to measure by the machine. */
  rightSized: number;
  /** Parcels no carton held, boxed to measure by hand. */
  oversize: number;
}

export interface PackingReport {
  stations: PackStationReport[];
}

/** The automation sections of the report; each is present only when the scenario configures it. */
export interface AutomationReport {
  robotPicking?: RobotPickingReport;
  packing?: PackingReport;
}

/** The robotic picking and packing sections of the report, from the site's counters. */
export function buildAutomationReport(w: World): AutomationReport {
  const out: AutomationReport = {};
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
  const pk = w.site.packing;
  if (pk !== null) {
    const tickS = w.config.tickSeconds;
    out.packing = {
      stations: pk.stations.map((s) => {
        const spec = s.spec;
        const cartons: Record<string, number> = {};
        spec.cartons.forEach((c, k) => (cartons[c.name] = s.cartonCounts[k]));
        const perOrder = (x: number) => r4(s.orders > 0 ? x / s.orders : 0);
        return {
          id: spec.name,
          mode: spec.mode,
          lanes: spec.lanes,
          totesIn: s.totesIn,
          parcels: s.parcels,
          orders: s.orders,
          items: s.items,
          parcelsPerHour: perHour(s.parcels),
          utilization: r4(s.busyTicks / (ticks * spec.lanes)),
          jams: s.jams,
          jamSeconds: r4(s.jamTicks * tickS),
          blockedSeconds: r4(s.blockedTicks * tickS),
          queueMax: s.queueMax,
          fillRate: r4(s.cartonVolumeCm3 > 0 ? s.itemVolumeCm3 / s.cartonVolumeCm3 : 0),
          cardboardM2: r4(s.cardboardM2),
          cardboardM2PerOrder: perOrder(s.cardboardM2),
          voidFillLitres: r4(s.voidCm3 / 1000),
          voidFillLitresPerOrder: perOrder(s.voidCm3 / 1000),
          cartons,
          rightSized: s.cartonCounts[spec.cartons.length + RIGHT_SIZED],
          oversize: s.cartonCounts[spec.cartons.length + OVERSIZE],
        };
      }),
    };
  }
  return out;
}
