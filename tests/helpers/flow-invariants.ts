import type { Sim } from '../../src/sim/sim.js';
import { CellKind } from '../../src/layout/grid.js';

/** Independent checks of the material flow: units and totes on the books, AGVs on their lanes, people on walkways. */
export interface FlowInvariantReport {
  ticks: number;
  errors: string[];
  agvOverlaps: number;
  agvOffGuide: number;
  agvJumps: number;
  peopleOffFloor: number;
}

const PERSON_FLOOR = new Set<number>([CellKind.Floor, CellKind.Manual, CellKind.Station]);

/**
 * Watches a run tick by tick. Units: created = delivered + in totes + loose on
 * sorters, recounted from the equipment itself (not the books' own
 * difference). Totes: created = released + in use. Orders and lines balance.
 */
export function watchFlow(sim: Sim, every = 25): FlowInvariantReport {
  const w = sim.world;
  const rep: FlowInvariantReport = { ticks: 0, errors: [], agvOverlaps: 0, agvOffGuide: 0, agvJumps: 0, peopleOffFloor: 0 };
  const err = (m: string) => rep.errors.length < 8 && rep.errors.push(`tick ${w.tick}: ${m}`);
  let prevAgv: Int32Array | null = null;
  const check = () => {
    const b = w.books;
    const t = w.totes;
    const loose = (w.site.outbound?.sorters ?? []).reduce((n, s) => n + s.looseItems(), 0);
    const inTotes = t.itemsInTotes();
    if (b.itemsCreated !== b.itemsDelivered + inTotes + loose) {
      err(`units created ${b.itemsCreated} != delivered ${b.itemsDelivered} + in totes ${inTotes} + loose on sorters ${loose}`);
    }
    if (t.created !== t.released + t.live) err(`totes created ${t.created} != released ${t.released} + in use ${t.live}`);
    if (b.ordersCreated !== b.ordersCompleted + b.openOrders) err(`orders created ${b.ordersCreated} != completed + open`);
    if (b.linesCreated !== b.linesPicked + b.openLines) err(`lines created ${b.linesCreated} != picked + open`);
    if (b.itemsDelivered > b.itemsCreated) err('more units delivered than created');
  };
  sim.observe((f) => {
    rep.ticks++;
    const agv = f.flow.agvCell;
    const seen = new Set<number>();
    for (let k = 0; k < agv.length; k++) {
      if (seen.has(agv[k])) rep.agvOverlaps++;
      seen.add(agv[k]);
      if (w.grid.kind[agv[k]] !== CellKind.Guide) rep.agvOffGuide++;
      if (prevAgv) {
        const a = prevAgv[k];
        const d = Math.abs(Math.floor(a / w.grid.width) - Math.floor(agv[k] / w.grid.width)) + Math.abs((a % w.grid.width) - (agv[k] % w.grid.width));
        if (d > 1) rep.agvJumps++;
      }
    }
    prevAgv = agv.slice();
    for (let k = 0; k < f.flow.pickerCell.length; k++) if (!PERSON_FLOOR.has(w.grid.kind[f.flow.pickerCell[k]])) rep.peopleOffFloor++;
    if (f.tick % every === 0) check();
  });
  return rep;
}
