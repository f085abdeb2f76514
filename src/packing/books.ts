import type { BooksPart } from '../core/feature.js';

/** Totes at pack stations count with the outbound network: closed, past their pick point, not yet delivered. */
export const packingBooks: BooksPart = {
  name: 'packing',
  count: (w, tally) => tally.hold('totes', 'inOutbound', w.site.packing?.totesHeld() ?? 0),
};
