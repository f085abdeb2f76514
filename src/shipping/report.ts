import type { ReportPart } from '../metrics/report.js';

declare module '../metrics/report.js' {
  interface Report {
    /** Parcels by shipping rule; null without a `shipping` section. */
    shipments: { parcels: number; splitOrders: number; firstParcelItems: number; awaitingSecondParcel: number } | null;
  }
}

/** Parcels shipped, orders shipped split and what is left of them. */
export const shipmentsSection: ReportPart<'shipments'> = {
  keys: ['shipments'],
  build: (w) => {
    const s = w.shipping ?? null;
    if (s === null) return { shipments: null };
    return {
      shipments: { parcels: s.parcels(w), splitOrders: s.splitOrders, firstParcelItems: s.firstParcelItems, awaitingSecondParcel: s.awaitingSecondParcel(w) },
    };
  },
};
