import type { NodeRef } from '../outbound/config.js';
import type { PickerZoneSpec } from './pickers.js';

/** A person-to-goods zone as the engine sees it, resolved to ticks and SKU ranks: the pickers' part as the picker model takes it, and where and what the zone stocks. */
export interface ZoneConfig extends Omit<PickerZoneSpec, 'dayTicks' | 'startOfDayTick'> {
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
