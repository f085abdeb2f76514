import type { BooksPart } from '../core/feature.js';

/**
 * The outbound network's part of the books: totes on belts, at sorter
 * inductions and on AGVs, units loose on sorters, and what the docks
 * received against the order book.
 */
export const outboundBooks: BooksPart = {
  name: 'outbound',
  count: (w, tally) => {
    const ob = w.site.outbound;
    if (ob === null) return;
    tally.hold('totes', 'inOutbound', ob.totesHeld());
    let loose = 0;
    for (const s of ob.sorters) loose += s.looseItems();
    tally.hold('items', 'looseOnSorters', loose);
    if (ob.docks.length === 0) return;
    let atDocks = 0;
    let shipped = 0;
    for (const d of ob.docks) {
      atDocks += d.itemsIn;
      shipped += d.ordersShipped;
    }
    const { books } = w;
    if (atDocks !== books.itemsDelivered) tally.problem('items', `docks received ${atDocks} units, the book counts ${books.itemsDelivered} delivered`);
    if (shipped !== books.ordersCompleted) tally.problem('orders', `docks shipped ${shipped}, the book counts ${books.ordersCompleted} completed`);
  },
};
