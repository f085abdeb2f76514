import type { BooksPart } from '../core/feature.js';

/**
 * Shipping's part of the books: a split order still open shipped some of
 * its units in its first parcel and not all (its second has not gone). The
 * units themselves stay on the order book until the order completes, so
 * nothing is held here.
 */
export const shippingBooks: BooksPart = {
  name: 'shipping',
  count: (w, tally) => {
    const s = w.shipping ?? null;
    if (s === null) return;
    const { books } = w;
    s.forEachAwaiting(w, (o, first) => {
      if (first <= 0 || first >= books.items[o]) {
        tally.problem('orders', `order ${books.orderId[o]} shipped split with ${first} of its ${books.items[o]} items in its first parcel`);
      }
    });
    if (s.splitOrders > books.ordersCreated) tally.problem('orders', `${s.splitOrders} orders shipped split, more than the ${books.ordersCreated} created`);
    if (s.firstParcelItems > books.itemsCreated) tally.problem('items', `${s.firstParcelItems} items in first parcels, more than the ${books.itemsCreated} created`);
  },
};
