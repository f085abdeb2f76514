import type { AgvConfig, ConveyorConfig, NodeRef, OutboundConfig } from '../outbound/config.js';
import type { ZoneConfig } from '../people/config.js';
import { parseDuration, parseTimeOfDay } from '../core/duration.js';
import { expandGuideLoop, GuidePathError } from '../outbound/guide-path.js';
import type { ShiftTicks } from '../people/shifts.js';
import { zoneFaces } from '../storage/zone-slotting.js';
import { personWalkable, type Grid } from '../layout/grid.js';
import type { TickDistribution } from '../core/config.js';
import type { ScenarioFile } from './schema.js';

type Fail = (path: string, message: string) => void;

/** What the flow part of a scenario resolves to. */
export interface FlowConfig {
  zones: ZoneConfig[];
  outbound: OutboundConfig | null;
  /** SKUs no zone picks (they live in pods), in rank order [podSkuFrom, skuCount) and gaps; true when any exist. */
  podSkus: boolean;
}

const secondsOf = (v: number | string) => parseDuration(v) ?? 0;

/**
 * Resolves person-to-goods zones and outbound equipment against the layout:
 * names to indices, metres and seconds to ticks, and checks that every tote
 * can reach every dock it may be bound for. Problems go to `fail` with the
 * path into the file.
 */
export function buildFlow(
  s: ScenarioFile,
  grid: Grid,
  tick: number,
  pickDist: (p: ScenarioFile['stations']['pickSeconds']) => TickDistribution,
  fail: Fail,
): FlowConfig {
  const cellSize = s.layout.cellSize ?? 1;
  const cellOf = (path: string, [row, col]: [number, number]): number => {
    if (row >= grid.height || col >= grid.width) {
      fail(path, `[${row}, ${col}] is outside the ${grid.height}x${grid.width} layout`);
      return -1;
    }
    return row * grid.width + col;
  };
  const dayTicks = 86400 / tick;
  const todTicks = (v: string) => Math.round((parseTimeOfDay(v) ?? 0) / tick);
  const ob = s.outbound;

  // Node ids: unique across conveyors, sorters, AGV loops and docks.
  const ids = new Map<string, NodeRef>();
  const idPath = new Map<string, string>();
  const declare = (id: string, ref: NodeRef, path: string) => {
    if (ids.has(id)) return fail(`${path}.id`, `'${id}' is already the id of ${idPath.get(id)}: ids must be unique`);
    ids.set(id, ref);
    idPath.set(id, path);
  };
  ob?.conveyors.forEach((c, k) => declare(c.id, { kind: 'conveyor', index: k }, `outbound.conveyors[${k}]`));
  ob?.sorters.forEach((c, k) => declare(c.id, { kind: 'sorter', index: k }, `outbound.sorters[${k}]`));
  ob?.agvs.forEach((c, k) => declare(c.id, { kind: 'agv', index: k, pickup: 0 }, `outbound.agvs[${k}]`));
  ob?.docks.forEach((c, k) => declare(c.id, { kind: 'dock', index: k }, `outbound.docks[${k}]`));
  const dockIndex = new Map<string, number>();
  ob?.docks.forEach((d, k) => dockIndex.set(d.id, k));

  const ref = (path: string, id: string): NodeRef | null => {
    const slash = id.lastIndexOf('/');
    const base = slash > 0 ? id.slice(0, slash) : id;
    const r = ids.get(base);
    if (!r) {
      fail(path, `unknown node '${id}'; expected one of: ${[...ids.keys()].join(', ') || '(no outbound equipment is declared)'}`);
      return null;
    }
    if (slash > 0) {
      const k = Number(id.slice(slash + 1));
      if (r.kind !== 'agv' || !Number.isInteger(k) || k < 0 || k >= ob!.agvs[r.index].pickups.length) {
        fail(path, `'${id}': only an AGV loop takes '/k', with k one of its pickups (0-based)`);
        return null;
      }
      return { kind: 'agv', index: r.index, pickup: k };
    }
    return r;
  };
  const dockOf = (path: string, id: string): number => {
    const d = dockIndex.get(id);
    if (d === undefined) fail(path, `unknown dock '${id}'; expected one of: ${[...dockIndex.keys()].join(', ')}`);
    return d ?? -1;
  };

  let outbound: OutboundConfig | null = null;
  if (ob) {
    const conveyors: ConveyorConfig[] = ob.conveyors.map((c, k) => {
      const path = `outbound.conveyors[${k}]`;
      const divert: ConveyorConfig['divert'] = [];
      for (const [dock, to] of Object.entries(c.divert)) {
        const d = dockOf(`${path}.divert.${dock}`, dock);
        const r = ref(`${path}.divert.${dock}`, to);
        if (d >= 0 && r) divert.push({ dock: d, to: r });
      }
      const cells = c.cells.map((rc, j) => cellOf(`${path}.cells[${j}]`, rc));
      return {
        name: c.id,
        travelTicks: Math.max(1, Math.round(c.length / c.speed / tick)),
        capacity: c.capacity,
        gapTicks: Math.max(1, Math.round(c.spacing / tick)),
        to: ref(`${path}.to`, c.to) ?? { kind: 'dock', index: 0 },
        divert,
        cells: Int32Array.from(cells),
      };
    });
    const sorters = ob.sorters.map((c, k) => {
      const path = `outbound.sorters[${k}]`;
      return {
        name: c.id,
        cell: c.at ? cellOf(`${path}.at`, c.at) : -1,
        inductPerTick: (c.inductPerHour / 3600) * tick,
        queueCapacity: c.queueCapacity,
        transitTicks: Math.max(1, Math.round(c.transitSeconds / tick)),
        onFull: c.onFull,
        recirculateTicks: Math.max(1, Math.round(c.recirculateSeconds / tick)),
        maxRecirculations: c.maxRecirculations,
        missortProbability: c.missortProbability,
        reworkTicks: Math.round(c.reworkSeconds / tick),
        rejectTicks: Math.round(c.rejectSeconds / tick),
        chutes: c.chutes.map((ch, j) => ({ dock: dockOf(`${path}.chutes[${j}].dock`, ch.dock), capacity: ch.capacity })),
        emptying:
          'everySeconds' in c.emptying
            ? { kind: 'timer' as const, everyTicks: Math.max(1, Math.round(c.emptying.everySeconds / tick)) }
            : { kind: 'worker' as const, ticksPerItem: c.emptying.workerSecondsPerItem / tick },
      };
    });
    const agvs: AgvConfig[] = [];
    ob.agvs.forEach((a, k) => {
      const path = `outbound.agvs[${k}]`;
      let loop: Int32Array;
      try {
        loop = expandGuideLoop(grid, a.path);
      } catch (e) {
        if (e instanceof GuidePathError) return fail(`${path}.path[${e.waypoint}]`, e.message);
        throw e;
      }
      const onLoop = (p: string, rc: [number, number]) => {
        const c = cellOf(p, rc);
        const at = loop.indexOf(c);
        if (c >= 0 && at < 0) fail(p, `[${rc[0]}, ${rc[1]}] is not on the guide loop`);
        return at;
      };
      const cellsPerTick = (a.speed * tick) / cellSize;
      if (cellsPerTick > 1) fail(`${path}.speed`, `${a.speed} m/s is faster than one cell per tick (${(cellSize / tick).toFixed(3)} m/s, the robots' speed)`);
      if (a.vehicles * 2 > loop.length) fail(`${path}.vehicles`, `${a.vehicles} vehicles do not fit on a loop of ${loop.length} cells (at most ${Math.floor(loop.length / 2)})`);
      agvs.push({
        name: a.id,
        loop,
        vehicles: a.vehicles,
        cellsPerTick: Math.min(1, cellsPerTick),
        capacity: a.capacity,
        pickups: a.pickups.map((p, j) => onLoop(`${path}.pickups[${j}]`, p)),
        drop: onLoop(`${path}.drop`, a.drop),
        bufferCapacity: a.bufferCapacity,
        handleTicks: Math.round(a.handleSeconds / tick),
        moveWh: a.moveWh,
        idleWhPerTick: (a.idleWatts * tick) / 3600,
        to: ref(`${path}.to`, a.to) ?? { kind: 'dock', index: 0 },
      });
    });
    const docks = ob.docks.map((d, k) => ({
      name: d.id,
      cell: d.at ? cellOf(`outbound.docks[${k}].at`, d.at) : -1,
      cutoffs: d.cutoffs.map(todTicks).sort((a, b) => a - b),
      leadTicks: Math.round(secondsOf(d.lead) / tick),
      dayTicks,
      startOfDayTick: todTicks(s.startTime),
      share: d.share,
    }));
    if (docks.every((d) => d.share === 0)) fail('outbound.docks', 'every dock has share 0: at least one must take orders');
    const n = grid.stations.length;
    let stationOutfeed: NodeRef[] = [];
    const so = ob.stationOutfeed;
    if (so === undefined) {
      if (n > 0 && s.robots.count > 0) fail('outbound.stationOutfeed', `required: where the ${n} station(s) send finished totes`);
    } else if (typeof so === 'string') {
      const r = ref('outbound.stationOutfeed', so);
      if (r) stationOutfeed = Array.from({ length: n }, () => r);
    } else {
      if (so.length !== n) fail('outbound.stationOutfeed', `has ${so.length} entries but the layout has ${n} station(s)`);
      stationOutfeed = so.map((id, k) => ref(`outbound.stationOutfeed[${k}]`, id) ?? { kind: 'dock', index: 0 });
    }
    outbound = { conveyors, sorters, agvs, docks, stationOutfeed, stagingCapacity: ob.stagingCapacity };
  }

  // Person-to-goods zones.
  const skuCount = s.demand.skus;
  const zonesIn = s.pickers?.zones ?? [];
  const hasPods = grid.storage.length > 0;
  const zones: ZoneConfig[] = [];
  const zoneIds = new Set<string>();
  const covered = new Uint8Array(skuCount);
  zonesIn.forEach((z, k) => {
    const path = `pickers.zones[${k}]`;
    if (zoneIds.has(z.id)) fail(`${path}.id`, `'${z.id}' is used by another zone`);
    zoneIds.add(z.id);
    const depot = cellOf(`${path}.depot`, z.depot);
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
      if (!ob) fail(`${path}.outfeed`, 'names a node but the scenario has no outbound equipment');
      else outfeed = ref(`${path}.outfeed`, z.outfeed);
    } else if (ob) fail(`${path}.outfeed`, 'required: where the zone\'s finished totes go');
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
      pickTicks: pickDist(z.pickSeconds),
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
  if (outbound) checkRoutes(outbound, zones, podSkus, s, fail);
  return { zones, outbound, podSkus };
}

/** Follows a tote bound for `dock` from `start`; returns null if it arrives, else what went wrong. */
function route(ob: OutboundConfig, start: NodeRef, dock: number): string | null {
  const seen = new Set<string>();
  let at: NodeRef = start;
  const name = (r: NodeRef) =>
    r.kind === 'conveyor' ? ob.conveyors[r.index].name : r.kind === 'sorter' ? ob.sorters[r.index].name : r.kind === 'agv' ? ob.agvs[r.index]?.name : ob.docks[r.index].name;
  const trail: string[] = [];
  for (;;) {
    const key = `${at.kind}:${at.index}`;
    trail.push(name(at));
    if (seen.has(key)) return `loops (${trail.join(' -> ')})`;
    seen.add(key);
    switch (at.kind) {
      case 'dock':
        return at.index === dock ? null : `end at dock '${name(at)}' (${trail.join(' -> ')})`;
      case 'sorter':
        return ob.sorters[at.index].chutes.some((c) => c.dock === dock) ? null : `reach sorter '${name(at)}', which has no chute for it (${trail.join(' -> ')})`;
      case 'agv':
        if (!ob.agvs[at.index]) return null;
        at = ob.agvs[at.index].to;
        break;
      case 'conveyor': {
        const c = ob.conveyors[at.index];
        at = c.divert.find((d) => d.dock === dock)?.to ?? c.to;
        break;
      }
    }
  }
}

/** Every pick point must be able to deliver to every dock that takes orders. */
function checkRoutes(ob: OutboundConfig, zones: ZoneConfig[], podSkus: boolean, s: ScenarioFile, fail: Fail): void {
  const sources: { path: string; ref: NodeRef }[] = [];
  if (podSkus) ob.stationOutfeed.forEach((r, k) => sources.push({ path: Array.isArray(s.outbound?.stationOutfeed) ? `outbound.stationOutfeed[${k}]` : 'outbound.stationOutfeed', ref: r }));
  zones.forEach((z, k) => z.outfeed && sources.push({ path: `pickers.zones[${k}].outfeed`, ref: z.outfeed }));
  const reported = new Set<string>();
  for (const src of sources) {
    ob.docks.forEach((d, k) => {
      if (d.share === 0) return;
      const problem = route(ob, src.ref, k);
      const msg = problem && `totes for dock '${d.name}' ${problem}`;
      if (msg && !reported.has(src.path + msg)) {
        reported.add(src.path + msg);
        fail(src.path, msg);
      }
    });
  }
}
