/** A truck of the daily schedule. */
export interface TruckConfig {
  /** Tick of the day it arrives (0 = midnight). */
  atTickOfDay: number;
  /** Units drawn from the demand mix (seeded), when it lists no SKUs; null = the replenishment policy decides. */
  units: number | null;
  /** The SKUs and units it brings, as listed; null = drawn or ordered. */
  skus: { sku: number; units: number }[] | null;
}

/**
 * The `inbound` section of the resolved scenario: trucks on a daily
 * schedule unloaded at receiving into a buffer, and put stations where the
 * units are stowed into pods robots bring. Needs an `inventory` section.
 */
export interface InboundConfig {
  trucks: TruckConfig[];
  /** Units unloaded from trucks into the receiving buffer per tick (all docks together). */
  unloadUnitsPerTick: number;
  /** Units the receiving buffer holds; unloading waits while it is full. */
  bufferUnits: number;
  /** Ticks a person at a put station takes to stow one unit. */
  stowTicksPerUnit: number;
  /** Pods sent to one put station at a time (stowing there or on their way). */
  putQueue: number;
}
