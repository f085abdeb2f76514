import type { ToteSink } from './network.js';

/** A dock door as the engine sees it, in ticks. */
export interface DockSpec {
  name: string;
  /** Carrier cut-offs as ticks of the day, ascending; empty = no cut-off (orders use the demand's due time). */
  cutoffs: number[];
  /** An order must arrive at least this long before a cut-off to make it. */
  leadTicks: number;
  dayTicks: number;
  /** Tick of the day at which the simulation starts. */
  startOfDayTick: number;
}

/** What a dock tells the rest of the site when a tote arrives whole (not through a sorter). */
export type ToteAtDock = (tote: number, dock: number, tick: number) => void;

/**
 * An outbound dock door. Totes routed straight to it (no sorter) are
 * unloaded on arrival; items from sorter chutes are counted by the sorter's
 * hook. An order ships when all its items are at its dock; it is on time if
 * that happens by its carrier cut-off.
 */
export class Dock implements ToteSink {
  totesIn = 0;
  itemsIn = 0;
  ordersShipped = 0;
  ordersOnTime = 0;

  constructor(
    readonly index: number,
    readonly spec: DockSpec,
    private readonly onTote: ToteAtDock,
  ) {}

  canAccept(): boolean {
    return true;
  }

  accept(tote: number, tick: number): void {
    this.totesIn++;
    this.onTote(tote, this.index, tick);
  }

  /**
   * The cut-off (absolute tick) an order arriving at `arrival` is due for: the
   * first cut-off at least `leadTicks` later; -1 when the dock has none.
   */
  dueFor(arrival: number): number {
    const { cutoffs, dayTicks, startOfDayTick, leadTicks } = this.spec;
    if (cutoffs.length === 0) return -1;
    const earliest = arrival + leadTicks + startOfDayTick;
    const day = Math.floor(earliest / dayTicks);
    const inDay = earliest - day * dayTicks;
    for (const c of cutoffs) if (c >= inDay) return day * dayTicks + c - startOfDayTick;
    return (day + 1) * dayTicks + cutoffs[0] - startOfDayTick;
  }
}
