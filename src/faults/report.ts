import { ROBOT_STATE_NAMES } from '../core/robots.js';
import type { World } from '../core/world.js';
import type { ReportPart } from '../metrics/report.js';
import { DELAY_CAUSES } from '../orders/books.js';

/** Rounds for the report (as the rest of the report does). */
const r4 = (x: number) => (Number.isFinite(x) ? Math.round(x * 1e4) / 1e4 : 0);

/** The report's `faults` section, in a fixed key order. All zeros and empty lists for a run without faults. */
export interface FaultsReport {
  /** Faults that began during the run, per kind. */
  counts: { breakdowns: number; closures: number; conveyorJams: number; chuteOutages: number; stationClosures: number; pickerAbsences: number };
  robots: {
    breakdowns: number;
    /** Robot time spent broken down, ongoing breakdowns included up to the end. */
    downtimeSeconds: number;
    /** Mean repair time of the breakdowns (as drawn or scheduled). */
    meanRepairSeconds: number;
    brokenAtEnd: number;
    /** Breakdowns of a robot carrying a pod (it kept the pod until repaired). */
    carryingPod: number;
    /** Long breakdowns (repair above faults.robots.replanAbove) that robots ran into: their cells were blocked in the distance fields. */
    blockedInFields: number;
    /** The first breakdowns: robot, when, for how long, what it was doing, where. */
    first: { robot: number; atSeconds: number; repairSeconds: number; state: string; row: number; col: number }[];
  };
  closures: { from: { row: number; col: number }; to: { row: number; col: number }; cells: number; fromSeconds: number; toSeconds: number }[];
  conveyors: { id: string; jams: number; jamSeconds: number }[];
  chutes: { sorter: string; chute: number; dock: string; outages: number; outSeconds: number; itemsRedirected: number; dropsTurnedAway: number }[];
  stations: { station: number; closures: number; closedSeconds: number }[];
  pickers: { zone: string; absences: number; absentPersonSeconds: number }[];
  /** What the controller did about the faults. */
  response: { tasksReleased: number; podsRerouted: number; robotsHeld: number; robotsEvacuated: number; chargersReleased: number; stationsBlocked: number };
  /** Orders delayed by a fault, each counted once under its first cause (see README, Faults). */
  ordersDelayed: { total: number; robot: number; closure: number; station: number; conveyor: number; chute: number; pickers: number };
  /** Cost of keeping the distance fields exact: blocked-mask changes, fields dropped and searched again, cells blocked at the end. */
  distanceFields: { maskChanges: number; fieldsInvalidated: number; blockedCellsAtEnd: number };
}

declare module '../metrics/report.js' {
  interface Report {
    /** Faults of the run (breakdowns, closures, jams, chutes, stations, people), the controller's response and the orders they delayed; zeros without faults. */
    faults: FaultsReport;
  }
}

/** The faults of the run and what they did; zeros and empty lists without faults. */
export const faultsSection: ReportPart<'faults'> = { keys: ['faults'], build: (w) => ({ faults: buildFaultsReport(w) }) };

export function buildFaultsReport(w: World): FaultsReport {
  const tickS = w.config.tickSeconds;
  const f = w.faults;
  const cfg = f?.config ?? null;
  const width = w.grid.width;
  const sum = (xs: { count: number }[]) => xs.reduce((n, o) => n + o.count, 0);
  const fig = f?.figures;
  const ob = w.site.outbound;

  // Per target, several entries of the file combined.
  const conveyors = new Map<number, { jams: number; ticks: number }>();
  cfg?.conveyors.forEach((c, k) => {
    const e = conveyors.get(c.conveyor) ?? { jams: 0, ticks: 0 };
    e.jams += f!.conveyors[k].count;
    conveyors.set(c.conveyor, e);
  });
  // Jam time is the belt's own (overlapping outages count once).
  for (const [c, e] of conveyors) e.ticks = ob!.conveyors[c].jamTicks;
  const chutes = new Map<string, { sorter: number; chute: number; outages: number; ticks: number }>();
  cfg?.chutes.forEach((c, k) => {
    const key = `${c.sorter}/${c.chute}`;
    const e = chutes.get(key) ?? { sorter: c.sorter, chute: c.chute, outages: 0, ticks: 0 };
    e.outages += f!.chutes[k].count;
    e.ticks += f!.chutes[k].downTicks;
    chutes.set(key, e);
  });
  const stations = new Map<number, { closures: number; ticks: number }>();
  cfg?.stations.forEach((c, k) => {
    const e = stations.get(c.station) ?? { closures: 0, ticks: 0 };
    e.closures += f!.stations[k].count;
    e.ticks += f!.stations[k].downTicks;
    stations.set(c.station, e);
  });
  const pickers = new Map<number, { absences: number; personTicks: number }>();
  cfg?.pickers.forEach((c, k) => {
    const e = pickers.get(c.zone) ?? { absences: 0, personTicks: 0 };
    e.absences += f!.pickers[k].count;
    e.personTicks += f!.pickers[k].downTicks * c.count;
    pickers.set(c.zone, e);
  });
  const delayed = w.books.delayedByCause;
  const cause = (name: (typeof DELAY_CAUSES)[number]) => delayed[DELAY_CAUSES.indexOf(name) + 1];
  return {
    counts: {
      breakdowns: fig?.breakdowns ?? 0,
      closures: f ? sum(f.closures) : 0,
      conveyorJams: f ? sum(f.conveyors) : 0,
      chuteOutages: f ? sum(f.chutes) : 0,
      stationClosures: f ? sum(f.stations) : 0,
      pickerAbsences: f ? sum(f.pickers) : 0,
    },
    robots: {
      breakdowns: fig?.breakdowns ?? 0,
      downtimeSeconds: r4((f ? f.downTicksNow(w) : 0) * tickS),
      meanRepairSeconds: r4(fig && fig.breakdowns > 0 ? (f!.repairTicksTotal / fig.breakdowns) * tickS : 0),
      brokenAtEnd: f ? f.brokenNow(w) : 0,
      carryingPod: fig?.carryingPod ?? 0,
      blockedInFields: fig?.blockedInFields ?? 0,
      first: (fig?.list ?? []).map((b) => ({
        robot: b.robot,
        atSeconds: r4(b.atTick * tickS),
        repairSeconds: r4(b.forTicks * tickS),
        state: ROBOT_STATE_NAMES[b.state] ?? String(b.state),
        row: Math.floor(b.cell / width),
        col: b.cell % width,
      })),
    },
    closures: (cfg?.closures ?? []).map((c) => ({
      from: { row: c.area[0], col: c.area[1] },
      to: { row: c.area[2], col: c.area[3] },
      cells: c.cells.length,
      fromSeconds: r4(c.fromTick * tickS),
      toSeconds: r4(c.toTick * tickS),
    })),
    conveyors: [...conveyors].sort((a, b) => a[0] - b[0]).map(([c, e]) => ({ id: ob!.conveyors[c].spec.name, jams: e.jams, jamSeconds: r4(e.ticks * tickS) })),
    chutes: [...chutes.values()]
      .sort((a, b) => a.sorter - b.sorter || a.chute - b.chute)
      .map((e) => {
        const s = ob!.sorters[e.sorter];
        return {
          sorter: s.spec.name,
          chute: e.chute,
          dock: ob!.docks[s.spec.chutes[e.chute].dock]?.spec.name ?? String(s.spec.chutes[e.chute].dock),
          outages: e.outages,
          outSeconds: r4(e.ticks * tickS),
          itemsRedirected: s.redirectedFrom[e.chute],
          dropsTurnedAway: s.turnedAwayFrom[e.chute],
        };
      }),
    stations: [...stations].sort((a, b) => a[0] - b[0]).map(([s, e]) => ({ station: s, closures: e.closures, closedSeconds: r4(e.ticks * tickS) })),
    pickers: [...pickers]
      .sort((a, b) => a[0] - b[0])
      .map(([z, e]) => ({ zone: w.config.zones[z].name, absences: e.absences, absentPersonSeconds: r4(e.personTicks * tickS) })),
    response: {
      tasksReleased: fig?.tasksReleased ?? 0,
      podsRerouted: fig?.podsRerouted ?? 0,
      robotsHeld: fig?.robotsHeld ?? 0,
      robotsEvacuated: fig?.robotsEvacuated ?? 0,
      chargersReleased: fig?.chargersReleased ?? 0,
      stationsBlocked: fig?.stationsBlocked ?? 0,
    },
    ordersDelayed: {
      total: w.books.ordersDelayed,
      robot: cause('robot'),
      closure: cause('closure'),
      station: cause('station'),
      conveyor: cause('conveyor'),
      chute: cause('chute'),
      pickers: cause('pickers'),
    },
    distanceFields: { maskChanges: w.fields.maskChanges, fieldsInvalidated: w.fields.invalidated, blockedCellsAtEnd: w.fields.blockedCells },
  };
}
