import type { World } from '../core/world.js';

/**
 * The inventory position of `sku`: units on hand in its slots, plus units
 * on their way in (on trucks, in the receiving buffer, on put-away tasks),
 * less the units of the lines waiting for it.
 */
export function inventoryPosition(w: World, sku: number): number {
  const stock = w.inventory!;
  const { pods, books } = w;
  let n = 0;
  for (let j = pods.podStart[sku]; j < pods.podStart[sku + 1]; j++) n += stock.onHand[j] + (w.putAway?.incoming[j] ?? 0);
  const rc = w.putAway?.receiving;
  if (rc) n += rc.onDock[sku] + rc.buffer[sku];
  for (let l = stock.backorderHead[sku]; l >= 0; l = books.lineNext[l]) n -= books.lineQty[l];
  return n;
}

/** Units more the slots of `sku` can take beyond what they hold and what is on its way to them; Infinity without a capacity. */
export function roomFor(w: World, sku: number): number {
  const stock = w.inventory!;
  const { pods } = w;
  let room = 0;
  for (let j = pods.podStart[sku]; j < pods.podStart[sku + 1]; j++) {
    if (stock.capacity[j] < 0) return Infinity;
    room += stock.capacity[j] - stock.onHand[j] - (w.putAway?.incoming[j] ?? 0);
  }
  const rc = w.putAway?.receiving;
  if (rc) room -= rc.onDock[sku] + rc.buffer[sku];
  return Math.max(0, room);
}

/**
 * Orders `want[sku]` units of each SKU into `out` (cleared first), each cut
 * to the room its slots have, then all scaled down to at most `cap` units
 * when the truck has a size (rounded down per SKU, so never above it).
 */
export function fitOrder(w: World, want: Float64Array, cap: number | null, out: Float64Array): void {
  out.fill(0);
  let total = 0;
  for (let s = 0; s < want.length; s++) {
    if (want[s] <= 0) continue;
    const n = Math.floor(Math.min(want[s], roomFor(w, s)));
    out[s] = n;
    total += n;
  }
  if (cap !== null && total > cap) {
    const k = cap / total;
    for (let s = 0; s < out.length; s++) out[s] = Math.floor(out[s] * k);
  }
}
