import type { TickDistribution } from '../core/config.js';
import type { NodeRef } from '../outbound/config.js';
import type { ShiftTicks } from './shifts.js';

/** A person-to-goods zone as the engine sees it, resolved to ticks and SKU ranks. */
export interface ZoneConfig {
  name: string;
  depot: number;
  pickers: number;
  cartTotes: number;
  walkCellsPerTick: number;
  pickTicks: TickDistribution;
  batchWaitTicks: number;
  shifts: ShiftTicks[];
  /** SKUs (by popularity rank) picked in this zone: every `skuStride`-th rank in [skuFrom, skuTo), starting at skuFrom + skuOffset. */
  skuFrom: number;
  skuTo: number;
  skuStride: number;
  skuOffset: number;
  /** Rectangle [row0, col0, row1, col1] (inclusive) holding the zone's shelves; null = every shelf. */
  area: [number, number, number, number] | null;
  /** 'velocity' puts popular SKUs nearest the depot; 'random' anywhere. */
  slotting: 'velocity' | 'random';
  /** Where the zone's finished totes go (null without outbound equipment: done at the depot). */
  outfeed: NodeRef | null;
}
