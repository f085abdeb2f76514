import type { BooksPart } from '../core/feature.js';

/** Pickers' carts: closed totes waiting to be dropped at the depot are not tracked one by one, so the books find them by difference, up to the carts' slots. */
export const cartBooks: BooksPart = {
  name: 'carts',
  count: (w, tally) => {
    let slots = 0;
    for (const z of w.site.zones) for (let k = 0; k < z.cartCount.length; k++) slots += z.cartCount[k];
    tally.room('totes', 'onCarts', slots);
  },
};
