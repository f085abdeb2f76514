import type { Report, ReportPart } from '../metrics/report.js';
import { r4 } from '../metrics/round.js';
import { OVERSIZE, RIGHT_SIZED } from './pack-station.js';

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

declare module '../metrics/report.js' {
  interface Report {
    /** Pack stations: parcels, jams, carton fill, cardboard and void fill; present only when the scenario has `packing`. */
    packing?: PackingReport;
  }
}

/** Pack stations one by one; left out of the report without `packing`. */
export const packingSection: ReportPart<'packing'> = {
  keys: ['packing'],
  build: (w) => {
    const out: Pick<Report, 'packing'> = {};
    const hours = (w.tick * w.config.tickSeconds) / 3600;
    const ticks = Math.max(1, w.tick);
    const perHour = (x: number) => r4(hours > 0 ? x / hours : 0);
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
  },
};
