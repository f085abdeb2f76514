import type { World } from '../core/world.js';

/**
 * Equipment stage: the outbound network moves (sorters, conveyors, AGVs,
 * downstream first), pack stations pack, person-to-goods pickers walk and pick, and totes staged
 * at stations enter their outfeed as it frees up.
 */
export function equipmentStage(w: World): void {
  const site = w.site;
  const tick = w.tick;
  site.outbound?.step(tick);
  site.packing?.step(tick);
  for (let z = 0; z < site.zones.length; z++) site.zones[z].step(tick, site.zoneOut[z], site.zoneOnLine[z]);
  for (let s = 0; s < site.staged.length; s++) {
    const q = site.staged[s];
    const out = site.stationOut[s];
    while (q.length > 0 && out.canAccept(q.peek())) {
      out.accept(q.peek(), tick);
      q.shift();
    }
  }
}
