import type { BooksPart } from '../core/feature.js';

/** Closed totes staged at the stations for their outfeeds: live, and with nothing left to pick. */
export const stagingBooks: BooksPart = {
  name: 'staging',
  count: (w, tally) => {
    const { totes, site } = w;
    const toteSlots = totes.order.length;
    let staged = 0;
    for (const q of site.staged) staged += q.length;
    tally.hold('totes', 'staged', staged);
    site.staged.forEach((q, s) => {
      for (let k = 0; k < q.length; k++) {
        const t = q.at(k);
        if (t < 0 || t >= toteSlots || totes.order[t] < 0) tally.problem('totes', `station ${s} stages tote ${t}, which is not in use`);
        else if (totes.linesLeft[t] !== 0) tally.problem('totes', `station ${s} stages tote ${t} with ${totes.linesLeft[t]} lines still to pick`);
      }
    });
  },
};
