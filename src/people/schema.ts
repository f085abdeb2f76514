import { z } from 'zod';
import { parseTimeOfDay } from '../core/duration.js';
import { personWalkable, type Grid } from '../layout/grid.js';
import type { NodeRef } from '../outbound/config.js';
import { Cell, cellIndex, Duration, type Fail, NodeId, secondsOf, TimeDistribution, tickDistribution, TimeOfDay } from '../scenario/primitives.js';
import { zoneFaces } from '../storage/zone-slotting.js';
import type { ZoneConfig } from './config.js';
import type { ShiftTicks } from './shifts.js';

/** The `pickers` section of the scenario file: person-to-goods zones. */

const Shift = z.strictObject({
  start: TimeOfDay,
  end: TimeOfDay,
  breaks: z.array(z.strictObject({ start: TimeOfDay, end: TimeOfDay })).default([]),
});

export const PickerZone = z.strictObject({
  id: z.string().min(1),
  area: z.tuple([Cell, Cell]).optional().describe('Corners [[row, col], [row, col]] of the zone\'s shelves; omitted = every shelf'),
  depot: Cell.describe('Where carts are loaded and finished totes dropped'),
  pickers: z.number().int().positive().max(10_000),
  cartTotes: z.number().int().positive().max(64).default(6).describe('Totes per cart = orders batched per trip'),
  walkSpeed: z.number().min(0.01).max(20).default(1.2).describe('Metres per second'),
  pickSeconds: TimeDistribution.default(10),
  batchWait: Duration.default('2m').describe('How long a picker waits for a full cart before leaving with what there is'),
  skus: z
    .strictObject({ from: z.number().int().nonnegative(), to: z.number().int().positive() })
    .optional()
    .describe('SKUs picked here, by popularity rank [from, to); omitted on a site without pods = every n-th rank of n zones'),
  slotting: z.enum(['velocity', 'random']).default('velocity'),
  outfeed: NodeId.optional().describe('Where finished totes go (required with outbound equipment)'),
  shifts: z.array(Shift).default([]).describe('Working hours; none = always on duty'),
});

export const Pickers = z.strictObject({ zones: z.array(PickerZone).min(1) });

/** What picker zones are resolved against: the layout, the tick, the SKUs in demand and the outbound network. */
export interface ZonesContext {
  grid: Grid;
  tick: number;
  cellSize: number;
  /** `demand.skus`. */
  skuCount: number;
  /** Whether the scenario has outbound equipment (then every zone names its outfeed). */
  hasOutbound: boolean;
  /** The outbound node an id names, or null after reporting an unknown one at `path`. */
  node: (path: string, id: string) => NodeRef | null;
}

/** Picker zones resolved, and whether any SKU is left to pods. */
export interface ZonesLoad {
  zones: ZoneConfig[];
  /** SKUs no zone picks (they live in pods), in rank order [podSkuFrom, skuCount) and gaps; true when any exist. */
  podSkus: boolean;
}

/**
 * Resolves the `pickers` section against the layout: depots and areas to
 * cells, SKU ranges checked for overlap (interleaved by rank when a site has
 * no pods), outfeeds to outbound nodes, seconds to ticks. Problems go to
 * `fail` with the path into the file.
 */
export function buildZones(pickers: z.output<typeof Pickers> | undefined, ctx: ZonesContext, fail: Fail): ZonesLoad {
  const { grid, tick, cellSize, skuCount } = ctx;
  const todTicks = (v: string) => Math.round((parseTimeOfDay(v) ?? 0) / tick);
  const zonesIn = pickers?.zones ?? [];
  const hasPods = grid.storage.length > 0;
  const zones: ZoneConfig[] = [];
  const zoneIds = new Set<string>();
  const covered = new Uint8Array(skuCount);
  zonesIn.forEach((z, k) => {
    const path = `pickers.zones[${k}]`;
    if (zoneIds.has(z.id)) fail(`${path}.id`, `'${z.id}' is used by another zone`);
    zoneIds.add(z.id);
    const depot = cellIndex(grid, `${path}.depot`, z.depot, fail);
    if (depot < 0) return;
    if (!personWalkable(grid.kind[depot])) fail(`${path}.depot`, `[${z.depot[0]}, ${z.depot[1]}] is not floor people can walk on ('.', 'm' or 'P')`);
    let area: ZoneConfig['area'] = null;
    if (z.area) {
      const [[r0, c0], [r1, c1]] = z.area;
      if (Math.max(r0, r1) >= grid.height || Math.max(c0, c1) >= grid.width) fail(`${path}.area`, `reaches outside the ${grid.height}x${grid.width} layout`);
      area = [Math.min(r0, r1), Math.min(c0, c1), Math.max(r0, r1), Math.max(c0, c1)];
    }
    const faces = personWalkable(grid.kind[depot]) ? zoneFaces(grid, depot, area) : [];
    if (faces.length === 0) fail(path, `no shelf ('#') in the zone can be reached on foot from the depot [${z.depot[0]}, ${z.depot[1]}]`);
    let skuFrom: number;
    let skuTo: number;
    let skuStride = 1;
    let skuOffset = 0;
    if (z.skus) {
      skuFrom = z.skus.from;
      skuTo = Math.min(z.skus.to, skuCount);
      if (skuFrom >= skuTo) fail(`${path}.skus`, `[${z.skus.from}, ${z.skus.to}) holds no SKU of the ${skuCount} in demand.skus`);
    } else if (hasPods) {
      fail(`${path}.skus`, 'required when the site also has pods: which SKUs (by popularity rank) are picked here');
      skuFrom = skuTo = 0;
    } else {
      // Interleaved by popularity rank, so every zone gets its share of fast movers.
      skuFrom = 0;
      skuTo = skuCount;
      skuStride = zonesIn.length;
      skuOffset = k;
    }
    for (let x = skuFrom + skuOffset; x < skuTo; x += skuStride) {
      if (covered[x]) {
        fail(`${path}.skus`, `SKU ${x} is already picked in another zone: zones' SKU ranges must not overlap`);
        break;
      }
      covered[x] = 1;
    }
    let outfeed: NodeRef | null = null;
    if (z.outfeed !== undefined) {
      if (!ctx.hasOutbound) fail(`${path}.outfeed`, 'names a node but the scenario has no outbound equipment');
      else outfeed = ctx.node(`${path}.outfeed`, z.outfeed);
    } else if (ctx.hasOutbound) fail(`${path}.outfeed`, 'required: where the zone\'s finished totes go');
    const shifts: ShiftTicks[] = z.shifts.map((sh) => ({
      start: todTicks(sh.start),
      end: todTicks(sh.end),
      breaks: sh.breaks.map((b) => ({ start: todTicks(b.start), end: todTicks(b.end) })),
    }));
    zones.push({
      name: z.id,
      depot,
      pickers: z.pickers,
      cartTotes: z.cartTotes,
      walkCellsPerTick: (z.walkSpeed * tick) / cellSize,
      pickTicks: tickDistribution(z.pickSeconds, tick),
      batchWaitTicks: Math.round(secondsOf(z.batchWait) / tick),
      shifts,
      skuFrom,
      skuTo,
      skuStride,
      skuOffset,
      area,
      slotting: z.slotting,
      outfeed,
    });
  });
  let podSkus = false;
  for (let x = 0; x < skuCount && !podSkus; x++) podSkus = !covered[x];
  return { zones, podSkus };
}

/** The zones' outfeeds as sources of the outbound routes check. */
export function zoneSources(zones: readonly ZoneConfig[]): { path: string; ref: NodeRef }[] {
  const sources: { path: string; ref: NodeRef }[] = [];
  zones.forEach((z, k) => z.outfeed && sources.push({ path: `pickers.zones[${k}].outfeed`, ref: z.outfeed }));
  return sources;
}
