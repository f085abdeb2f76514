import type { World } from '../core/world.js';
import type { ReportPart } from '../metrics/report.js';
import { r4 } from '../metrics/round.js';

/** Receiving and put-away over the run. */
export interface InboundReport {
  /** The replenishment policy deciding what trucks that list no SKUs bring (`none`: drawn from the demand mix). */
  policy: string;
  /** Trucks arrived and the units they brought. */
  trucks: number;
  unitsArrived: number;
  /** Units unloaded into the receiving buffer; units still on trucks and in the buffer at the end; the buffer's peak. */
  unitsUnloaded: number;
  unitsOnTrucks: number;
  unitsInBuffer: number;
  peakBufferUnits: number;
  /** Put-away visits (one pod, one SKU each) and the units they stowed. */
  putVisits: number;
  unitsStowed: number;
  /** Robot-hours on put-away visits: robots on a task (fetching the pod, at the put station) or taking its pod home, counted tick by tick. */
  putAwayRobotHours: number;
  /** Units on put-away tasks not yet stowed at the end. */
  unitsInTasks: number;
  /** Per put station: its cell and the share of the run a person there spent stowing. */
  putStations: { row: number; col: number; busyShare: number }[];
}

declare module '../metrics/report.js' {
  interface Report {
    /** Trucks, receiving buffer and put stations (null without an `inbound` section). */
    inbound: InboundReport | null;
  }
}

/** The `inbound` section: null when the scenario has no `inbound` section. */
export const inboundSection: ReportPart<'inbound'> = {
  keys: ['inbound'],
  build: (w: World) => {
    const put = w.putAway ?? null;
    if (put === null) return { inbound: null };
    const rc = put.receiving;
    const g = w.config.grid;
    const ticks = Math.max(1, w.tick);
    return {
      inbound: {
        policy: w.replenish?.name ?? 'none',
        trucks: rc.trucks,
        unitsArrived: rc.unitsArrived,
        unitsUnloaded: rc.unitsUnloaded,
        unitsOnTrucks: rc.dockUnitsLeft,
        unitsInBuffer: rc.bufferUnits,
        peakBufferUnits: rc.peakBufferUnits,
        putVisits: put.visits,
        unitsStowed: put.unitsStowed,
        putAwayRobotHours: r4((put.robotTicks * w.config.tickSeconds) / 3600),
        unitsInTasks: put.unitsInTasks(),
        putStations: Array.from(g.putStations, (cell, u) => ({ row: Math.floor(cell / g.width), col: cell % g.width, busyShare: r4(put.busyTicks[u] / ticks) })),
      },
    };
  },
};
