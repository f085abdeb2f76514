import type { BooksPart } from '../core/feature.js';

/** The units in put-away are on trucks, in the receiving buffer or on put-away tasks: recounted against the stock's books. */
export const inboundBooks: BooksPart = {
  name: 'inbound',
  count: (w, tally) => {
    const put = w.putAway ?? null;
    const stock = w.inventory ?? null;
    if (put === null || stock === null) return;
    const held = put.receiving.recount() + put.unitsInTasks();
    if (held !== stock.inPutAwayUnits) tally.problem('stock', `${stock.inPutAwayUnits} units in put-away on the books, but trucks, the buffer and put-away tasks hold ${held}`);
    const counted = put.receiving.dockUnitsLeft + put.receiving.bufferUnits;
    if (counted !== put.receiving.recount()) tally.problem('stock', `receiving counts ${counted} units on trucks and in the buffer, recounted ${put.receiving.recount()}`);
  },
};
