import type { NodeRef } from '../outbound/config.js';
import { rngStream } from '../core/rng.js';
import type { World } from '../core/world.js';
import { DelayCause } from '../orders/books.js';
import { Fifo } from '../outbound/fifo.js';
import type { ToteSink } from '../outbound/network.js';
import { deliverTote, deliverUnits, DoneSink, linePicked } from '../orders/orders.js';
import { Outbound } from '../outbound/outbound.js';
import { PickerZone } from '../people/pickers.js';
import { slotZone, zoneFaces } from '../storage/zone-slotting.js';
import { StationPicking } from '../stations/arms.js';
import { Packing } from '../packing/packing.js';

/**
 * Everything past the robots: person-to-goods zones, the outbound network,
 * and where each pick point's finished totes go. Built once per run.
 */
export interface Site {
  zones: PickerZone[];
  outbound: Outbound | null;
  /** Finished totes waiting at each station to leave (back-pressure holds them here). */
  staged: Fifo[];
  stationOut: ToteSink[];
  zoneOut: ToteSink[];
  /** Per zone: called by the zone once per line picked (made once, so the tick loop allocates nothing). */
  zoneOnLine: ((tote: number) => void)[];
  /** Zone index per SKU, or -1 for SKUs held in pods (goods-to-person). */
  skuZone: Int32Array;
  /** Walkway cell to pick each zone SKU from (-1 for pod SKUs). */
  skuFace: Int32Array;
  /** Robotic picking arms at stations and who picked which line, or null (people at every station, as without arms). */
  picking: StationPicking | null;
  /** Pack stations in front of the pick points' outfeeds, or null. */
  packing: Packing | null;
}

export function createSite(w: World): Site {
  const cfg = w.config;
  const skuCount = cfg.demand.skuCount;
  const skuZone = new Int32Array(skuCount).fill(-1);
  const skuFace = new Int32Array(skuCount).fill(-1);
  const zones = cfg.zones.map((z, k) => {
    const faces = zoneFaces(w.grid, z.depot, z.area);
    const to = Math.min(z.skuTo, skuCount);
    const count = Math.max(0, Math.ceil((to - z.skuFrom - z.skuOffset) / z.skuStride));
    const slots = slotZone(faces, count, z.slotting, rngStream(cfg.seed, `zone-slotting:${z.name}`));
    for (let j = 0, s = z.skuFrom + z.skuOffset; s < to; j++, s += z.skuStride) {
      skuZone[s] = k;
      skuFace[s] = slots[j];
    }
    return new PickerZone(
      w.grid,
      {
        name: z.name,
        depot: z.depot,
        pickers: z.pickers,
        cartTotes: z.cartTotes,
        walkCellsPerTick: z.walkCellsPerTick,
        pickTicks: z.pickTicks,
        batchWaitTicks: z.batchWaitTicks,
        shifts: z.shifts,
        dayTicks: cfg.dayTicks,
        startOfDayTick: cfg.startOfDayTick,
      },
      rngStream(cfg.seed, `pickers:${z.name}`),
    );
  });

  const out = cfg.outbound;
  const outbound =
    out === null
      ? null
      : new Outbound(
          out,
          w.totes,
          {
            toteAtDock: (t, dock) => deliverTote(w, t, dock),
            itemAtDock: (o, dock) => deliverUnits(w, o, 1, dock),
            itemSorted: (o, tick) => {
              w.books.sorted[o] = tick;
            },
            toteEmptied: (t) => w.totes.release(t),
            itemTurnedAway: (o) => w.books.markDelayed(o, DelayCause.Chute),
          },
          rngStream(cfg.seed, 'sorter'),
          Math.round(3600 / cfg.tickSeconds),
        );
  const done = new DoneSink(w);
  const sinkOf = (ref: NodeRef | null): ToteSink => (outbound === null || ref === null ? done : outbound.sink(ref));
  const stationOut = Array.from({ length: w.stations.n }, (_, s) => sinkOf(out === null ? null : out.stationOutfeed[s]));
  const zoneOut = cfg.zones.map((z) => sinkOf(z.outfeed));
  const picking = cfg.arms ? new StationPicking(cfg.arms, w.stations.n, skuCount, cfg.seed) : null;
  const packing = cfg.packing ? new Packing(cfg.packing, w.books, w.totes, skuCount, cfg.seed) : null;
  packing?.wrap(stationOut, zoneOut);
  const zoneOnLine = cfg.zones.map(() => (tote: number) => {
    // Zone totes keep their lines in a list; the zone reports picks per tote, in any order.
    const l = w.totes.lineHead[tote];
    w.totes.lineHead[tote] = w.books.lineNext[l];
    linePicked(w, l);
  });
  return {
    zones,
    outbound,
    staged: Array.from({ length: w.stations.n }, () => new Fifo(1, 8)),
    stationOut,
    zoneOut,
    zoneOnLine,
    skuZone,
    skuFace,
    picking,
    packing,
  };
}
