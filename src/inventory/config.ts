/**
 * The `inventory` section of the resolved scenario: finite stock in pod
 * slots. Omitted (null) = every pod holds an endless supply of its SKUs.
 */
export interface InventoryConfig {
  /** What each pod slot holds at the start: days of cover of its SKU's demand, or a number of units. */
  fill: { kind: 'days'; days: number } | { kind: 'units'; units: number };
  /** Each slot's initial fill is scaled by (1 - spread * u), u uniform in [0, 1) from the `inventory` stream; 0 = every slot exactly at its fill. */
  fillSpread: number;
  /** Units a slot holds at most: a fixed number, the slot's volume over one unit's volume, or null (no limit). */
  capacity: { kind: 'units'; units: number } | { kind: 'volume'; litres: number; itemMedianCm: [number, number, number]; itemSpread: number } | null;
  /** A line no pod can fill is cancelled after waiting this many ticks; null = it waits for stock (backorder). */
  cancelAfterTicks: number | null;
}
