import type { World } from '../core/world.js';
import type { ReportPart } from '../metrics/report.js';
import { r4 } from '../metrics/round.js';

/** The strategies a run used, by name. */
export interface StrategiesReport {
  slotting: string;
  podReturn: string;
  orderAssignment: string;
  /** demand.affinity: probability that a later line comes from the first line's SKU family. */
  affinity: number;
}

/** Storage and pod figures: where pods came from and went back to, and how much each visit served. */
export interface StorageReport {
  locations: number;
  pods: number;
  /** Pods over locations. */
  podFill: number;
  /** Pod visits at stations and lines picked per visit (all stations). */
  visits: number;
  linesPerVisit: number;
  /** Loaded travel (cells) from where a pod was stored to the station it was fetched for, mean over fetches. */
  meanPodDistanceCells: number;
  /** Share of fetches from the nearest quarter of the locations (by distance to the nearest station). */
  nearQuarterFetchShare: number;
  /** Loaded travel (cells) from the station to the location the pod went back to, mean over returns. */
  meanReturnDistanceCells: number;
  /** Returns to a location other than the one the pod was fetched from. */
  relocatedReturns: number;
  /** Pods moved by re-slotting (dynamic slotting), and the cells their robots drove for it. */
  reslotMoves: number;
  reslotDistanceCells: number;
  /** Pick fetches taken over by a nearer robot before the pod was lifted (`fleet.assignment: errands`; 0 otherwise). */
  takeOvers: number;
}

declare module '../metrics/report.js' {
  interface Report {
    /** Slotting, pod return and order-to-station strategies by name. */
    strategies: StrategiesReport;
    /** Locations and pods, pod travel at fetch and return, lines per visit, re-slotting moves. */
    storage: StorageReport;
  }
}

function buildStrategiesReport(w: World): StrategiesReport {
  const c = w.config;
  return {
    slotting: c.demand.slotting,
    podReturn: w.storage.policy.name,
    orderAssignment: w.orderAssignment.name,
    affinity: c.demand.affinity ?? 0,
  };
}

function buildStorageReport(w: World): StorageReport {
  const st = w.storage;
  let visits = 0;
  let lines = 0;
  for (let s = 0; s < w.stations.n; s++) {
    visits += w.stations.visits[s];
    lines += w.stations.linesPicked[s];
  }
  return {
    locations: st.cells.length,
    pods: w.pods.n,
    podFill: r4(st.cells.length > 0 ? w.pods.n / st.cells.length : 0),
    visits,
    linesPerVisit: r4(visits > 0 ? lines / visits : 0),
    meanPodDistanceCells: r4(st.fetches > 0 ? st.fetchCells / st.fetches : 0),
    nearQuarterFetchShare: r4(st.fetches > 0 ? st.fetchesNearQuarter / st.fetches : 0),
    meanReturnDistanceCells: r4(st.returns > 0 ? st.returnCells / st.returns : 0),
    relocatedReturns: st.relocatedReturns,
    reslotMoves: st.reslotMoves,
    reslotDistanceCells: st.reslotCells,
    takeOvers: st.takeOvers,
  };
}

/** The strategies the run used, by name. */
export const strategiesSection: ReportPart<'strategies'> = { keys: ['strategies'], build: (w) => ({ strategies: buildStrategiesReport(w) }) };

/** Storage locations and pods: fill, travel at fetch and return, re-slotting. */
export const storageSection: ReportPart<'storage'> = { keys: ['storage'], build: (w) => ({ storage: buildStorageReport(w) }) };
