import { z } from 'zod';
import { PositiveDuration } from '../scenario/primitives.js';
import type { InventoryConfig } from './config.js';

type Fail = (path: string, message: string) => void;

/**
 * The scenario's `inventory` section: finite stock in pod slots. Omitted =
 * every pod holds an endless supply of its SKUs.
 */
export const Inventory = z.strictObject({
  initial: z
    .strictObject({
      daysOfCover: z.number().gt(0).max(3650).optional().describe("Days of the SKU's demand (the demand mix at ordersPerHour x peakFactor and the profile's mean), shared over its pods, rounded up"),
      units: z.number().int().nonnegative().max(1_000_000_000).optional().describe('Units in every slot'),
      spread: z.number().min(0).max(1).default(0).describe("Each slot's fill is scaled by 1 - spread x u, u uniform in [0, 1) from the seeded inventory stream; 0 = exact"),
    })
    .describe('What each pod slot (one SKU in one pod) holds at the start, counted as received at t = 0: daysOfCover or units, not both'),
  slotCapacity: z
    .strictObject({
      units: z.number().int().positive().max(1_000_000_000).optional().describe('Units a slot holds at most'),
      litres: z.number().positive().max(100_000).optional().describe("Slot volume: a slot holds as many units as fit by volume, each unit's size drawn as packing draws them (packing.items, or its defaults)"),
    })
    .optional()
    .describe('Most units a slot holds: units or litres, not both; omitted = no limit. A daysOfCover fill is cut to it'),
  cancelAfter: PositiveDuration.optional().describe('A line no pod can fill (a stock-out) is cancelled after waiting this long; omitted = it waits for stock'),
});

export type InventoryFile = z.output<typeof Inventory>;

/**
 * Resolves the `inventory` section (null without it). Problems go to `fail`
 * with their path.
 */
export function buildInventory(
  inv: InventoryFile | undefined,
  site: { tickSeconds: number; goodsToPerson: boolean; items: { medianCm: [number, number, number]; spread: number } },
  seconds: (v: number | string) => number,
  fail: Fail,
): InventoryConfig | null {
  if (!inv) return null;
  if (!site.goodsToPerson) fail('inventory', 'finite stock is kept in pods, but this site has no goods-to-person picking (no pick station and storage)');
  const { daysOfCover, units, spread } = inv.initial;
  if ((daysOfCover === undefined) === (units === undefined)) fail('inventory.initial', 'expected exactly one of daysOfCover or units');
  const cap = inv.slotCapacity;
  if (cap !== undefined && (cap.units === undefined) === (cap.litres === undefined)) fail('inventory.slotCapacity', 'expected exactly one of units or litres');
  if (cap?.units !== undefined && units !== undefined && units > cap.units) {
    fail('inventory.initial.units', `is ${units}, above inventory.slotCapacity.units ${cap.units}: a slot cannot start fuller than it holds`);
  }
  return {
    fill: daysOfCover !== undefined ? { kind: 'days', days: daysOfCover } : { kind: 'units', units: units ?? 0 },
    fillSpread: spread,
    capacity:
      cap === undefined
        ? null
        : cap.units !== undefined
          ? { kind: 'units', units: cap.units }
          : { kind: 'volume', litres: cap.litres ?? 0, itemMedianCm: site.items.medianCm, itemSpread: site.items.spread },
    cancelAfterTicks: inv.cancelAfter === undefined ? null : Math.max(1, Math.round(seconds(inv.cancelAfter) / site.tickSeconds)),
  };
}
