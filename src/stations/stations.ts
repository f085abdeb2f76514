/** Bits of `Stations.closed`: closed by a fault. */
export const STATION_CLOSED = 1;
/** Bits of `Stations.closed`: a broken-down robot stands on the station. */
export const STATION_BLOCKED = 2;

/** Pick stations as struct-of-arrays, one per `P` cell. */
export interface Stations {
  readonly n: number;
  readonly pickers: number;
  cell: Int32Array;
  /** Robot being served, or -1. */
  robot: Int32Array;
  /** Pods assigned to the station and not yet finished (inbound + being picked). */
  load: Int32Array;
  /** Order lines routed to the station and not yet picked (used to balance new orders). */
  openLines: Int32Array;
  /** Work queued on each picker during the current visit, in ticks: [station * pickers + k]. */
  pickerLoad: Float64Array;
  /** Tick the current visit started. */
  visitStart: Int32Array;
  /** Lines that joined the current visit after it started (capped: see lineJoinedPick). */
  joined: Int32Array;
  /**
   * Faults on the station (0 = none): STATION_CLOSED while a fault closes it
   * (no new orders or pods are routed to it, no pick starts), STATION_BLOCKED
   * while a broken-down robot stands on it (new orders go elsewhere).
   */
  closed: Uint8Array;
  // Figures.
  visits: Float64Array;
  linesPicked: Float64Array;
  busyTicks: Float64Array;
  /** Ticks a pod waited at the station because finished totes could not leave (outfeed backed up). */
  blockedTicks: Float64Array;
  /** Loaded robots waiting near the station this tick. */
  queueNow: Int32Array;
  queueSum: Float64Array;
  queueMax: Int32Array;
}

export function createStations(cells: Int32Array, pickers: number): Stations {
  const n = cells.length;
  return {
    n,
    pickers,
    cell: Int32Array.from(cells),
    robot: new Int32Array(n).fill(-1),
    load: new Int32Array(n),
    openLines: new Int32Array(n),
    pickerLoad: new Float64Array(n * pickers),
    visitStart: new Int32Array(n),
    joined: new Int32Array(n),
    closed: new Uint8Array(n),
    visits: new Float64Array(n),
    linesPicked: new Float64Array(n),
    busyTicks: new Float64Array(n),
    blockedTicks: new Float64Array(n),
    queueNow: new Int32Array(n),
    queueSum: new Float64Array(n),
    queueMax: new Int32Array(n),
  };
}

/**
 * Adds one line's pick time to the least-loaded picker of station `s` and
 * returns the visit's length so far (the busiest picker's load): pickers work
 * the lines of one pod in parallel.
 */
export function addPickWork(st: Stations, s: number, ticks: number): number {
  const base = s * st.pickers;
  let best = base;
  for (let k = base + 1; k < base + st.pickers; k++) if (st.pickerLoad[k] < st.pickerLoad[best]) best = k;
  st.pickerLoad[best] += ticks;
  let span = 0;
  for (let k = base; k < base + st.pickers; k++) if (st.pickerLoad[k] > span) span = st.pickerLoad[k];
  return span;
}

export function resetPickers(st: Stations, s: number): void {
  st.pickerLoad.fill(0, s * st.pickers, (s + 1) * st.pickers);
}
