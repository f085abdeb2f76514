import type { ReportPart } from '../metrics/report.js';
import { r4 } from '../metrics/round.js';

declare module '../metrics/report.js' {
  interface Report {
    /** Pick errors and mis-shipments; null without a `quality` section. */
    quality: {
      pickErrors: number;
      pickErrorsByPeople: number;
      pickErrorsByArms: number;
      caughtAtPack: number;
      ordersShippedWrong: number;
      misShipmentRate: number;
    } | null;
  }
}

/** Pick errors by picker type, those caught at the pack check, orders shipped wrong. */
export const qualitySection: ReportPart<'quality'> = {
  keys: ['quality'],
  build: (w) => {
    const q = w.quality ?? null;
    if (q === null) return { quality: null };
    return {
      quality: {
        pickErrors: q.pickErrors,
        pickErrorsByPeople: q.pickErrorsByPeople,
        pickErrorsByArms: q.pickErrorsByArms,
        caughtAtPack: q.caughtAtPack,
        ordersShippedWrong: q.ordersShippedWrong,
        misShipmentRate: r4(q.misShipmentRate()),
      },
    };
  },
};
