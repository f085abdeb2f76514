import type { FeatureFactory } from '../core/feature.js';
// A line may join a visit already being picked at its station: the stations say whether it can.
import { lineJoinedPick } from '../stations/service.js';
import { DemandScratch, demandStage } from './demand.js';

/** Order arrivals at the demand phase; the open and completed order counts in the frame. */
export const demand: FeatureFactory = (w) => {
  const scratch = new DemandScratch(w.config.demand.linesMax, w.config.zones.length);
  return {
    name: 'demand',
    stages: { demand: (w) => demandStage(w, lineJoinedPick, scratch) },
    frame: (w, f) => {
      f.ordersOpen = w.books.openOrders;
      f.ordersCompleted = w.books.ordersCompleted;
    },
  };
};
