import type { FlowFrame } from '../core/frame.js';
import type { World } from '../core/world.js';

/** Allocates the flow part of the frame once, sized to the site. */
export function createFlowFrame(w: World): FlowFrame {
  const { zones, outbound } = w.site;
  const people = zones.reduce((n, z) => n + z.cell.length, 0);
  const chutes = (outbound?.sorters ?? []).reduce((n, s) => n + s.chute.length, 0);
  const agvs = (outbound?.agvs ?? []).reduce((n, a) => n + a.vehicles, 0);
  return {
    pickerCell: new Int32Array(people),
    pickerState: new Uint8Array(people),
    pickerCart: new Int32Array(people),
    conveyorTotes: new Int32Array(outbound?.conveyors.length ?? 0),
    sorterQueue: new Int32Array(outbound?.sorters.length ?? 0),
    chuteItems: new Int32Array(chutes),
    agvCell: new Int32Array(agvs),
    agvLoad: new Int32Array(agvs),
    dockShipped: new Int32Array(outbound?.docks.length ?? 0),
  };
}

/** Copies this tick's equipment state into the frame (a few entries per machine or person; no allocation). */
export function fillFlowFrame(w: World, f: FlowFrame): void {
  const { zones, outbound } = w.site;
  let k = 0;
  for (const z of zones) {
    f.pickerCell.set(z.cell, k);
    f.pickerState.set(z.state, k);
    f.pickerCart.set(z.cartCount, k);
    k += z.cell.length;
  }
  if (outbound === null) return;
  for (let c = 0; c < outbound.conveyors.length; c++) f.conveyorTotes[c] = outbound.conveyors[c].count;
  k = 0;
  for (let s = 0; s < outbound.sorters.length; s++) {
    const sorter = outbound.sorters[s];
    f.sorterQueue[s] = sorter.queued;
    for (const chute of sorter.chute) f.chuteItems[k++] = chute.length;
  }
  k = 0;
  for (const a of outbound.agvs) {
    f.agvCell.set(a.cell, k);
    f.agvLoad.set(a.load, k);
    k += a.vehicles;
  }
  for (let d = 0; d < outbound.docks.length; d++) f.dockShipped[d] = outbound.docks[d].ordersShipped;
}
