import type { World } from '../core/world.js';
import type { ReportPart } from '../metrics/report.js';
import { r4 } from '../metrics/round.js';

/** Finite stock over the run: the units' books, stock-outs and how fast stock turned. */
export interface InventoryReport {
  /** Units received: the initial fill (at t = 0) and what put-away stowed. */
  receivedUnits: number;
  /** Units in pod slots at the end. */
  onHandUnits: number;
  /** Units received and not yet in a slot at the end (trucks, receiving buffer, put stations). */
  inPutAwayUnits: number;
  /** Units picked; cancelled lines take none. */
  pickedUnits: number;
  /** Pod lines routed over the run. */
  lines: number;
  /** Lines no pod had the units for when they were created. */
  stockoutLines: number;
  /** Of them, lines still waiting for stock at the end. */
  backorderedLines: number;
  /** Of them, lines cancelled after waiting `inventory.cancelAfter`, and their units. */
  cancelledLines: number;
  cancelledUnits: number;
  /** Lines a pod could fill when they were created, over all lines (1 when there were none). */
  fillRate: number;
  /** Units picked per year (at the run's pace) over the mean units on hand; 0 when nothing was on hand. */
  turnsPerYear: number;
  /** Mean units on hand over the run's ticks. */
  meanOnHandUnits: number;
  /** Units on hand at the end over units picked per day (at the run's pace); null when nothing was picked. */
  daysOfCover: number | null;
  /** Units stowed by put-away after t = 0 per hour of the run. */
  putAwayUnitsPerHour: number;
  /** Replenishments: put-away visits that stowed units into a pod. */
  replenishments: number;
  /** received - onHand - inPutAway - picked: 0 when the stock books close (wsim run exits 1 otherwise). */
  imbalance: number;
}

declare module '../metrics/report.js' {
  interface Report {
    /** Finite stock: units received, on hand, picked; stock-outs, fill rate and turns (null without an `inventory` section). */
    inventory: InventoryReport | null;
  }
}

const YEAR_SECONDS = 365 * 86400;

/** The `inventory` section: null when the scenario has no `inventory` section. */
export const inventorySection: ReportPart<'inventory'> = {
  keys: ['inventory'],
  build: (w: World) => {
    const st = w.inventory ?? null;
    if (st === null) return { inventory: null };
    const seconds = Math.max(1, w.tick) * w.config.tickSeconds;
    const meanOnHand = st.ticks > 0 ? st.onHandTickSum / st.ticks : st.onHandUnits;
    const pickedPerDay = (st.pickedUnits * 86400) / seconds;
    return {
      inventory: {
        receivedUnits: st.receivedUnits,
        onHandUnits: st.onHandUnits,
        inPutAwayUnits: st.inPutAwayUnits,
        pickedUnits: st.pickedUnits,
        lines: st.lines,
        stockoutLines: st.stockoutLines,
        backorderedLines: st.backorderedLines,
        cancelledLines: st.cancelledLines,
        cancelledUnits: st.cancelledUnits,
        fillRate: st.lines > 0 ? r4(st.filledFirstTry / st.lines) : 1,
        turnsPerYear: meanOnHand > 0 ? r4((st.pickedUnits * YEAR_SECONDS) / seconds / meanOnHand) : 0,
        meanOnHandUnits: r4(meanOnHand),
        daysOfCover: pickedPerDay > 0 ? r4(st.onHandUnits / pickedPerDay) : null,
        putAwayUnitsPerHour: r4((st.putAwayUnits * 3600) / seconds),
        replenishments: st.replenishments,
        imbalance: st.receivedUnits - st.onHandUnits - st.inPutAwayUnits - st.pickedUnits,
      },
    };
  },
};
