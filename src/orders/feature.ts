import type { FeatureFactory } from '../core/feature.js';
// A line may join a visit already being picked at its station: the stations say whether it can.
import { lineJoinedPick } from '../stations/service.js';
import { ClassBook } from './classes.js';
import { DemandScratch, demandStage, openArrival } from './demand.js';

/** Order arrivals (and their service classes and release) at the demand phase; the open and completed order counts in the frame. */
export const demand: FeatureFactory = (w) => {
  const scratch = new DemandScratch(w.config.demand.linesMax, w.config.zones.length);
  const c = w.config;
  // Waves without service classes hold every order in one class of its own, due as without classes.
  const classes = c.classes ?? (c.release ? [ClassBook.ALL] : null);
  w.orderClasses = classes ? new ClassBook(classes, c.release ?? null, w.stations.n, c.seed, c.dayTicks, c.startOfDayTick) : null;
  scratch.release = (arrival, cls) => openArrival(w, arrival, cls, lineJoinedPick, scratch);
  return {
    name: 'demand',
    stages: { demand: (w) => demandStage(w, lineJoinedPick, scratch) },
    frame: (w, f) => {
      f.ordersOpen = w.books.openOrders;
      f.ordersCompleted = w.books.ordersCompleted;
    },
  };
};
