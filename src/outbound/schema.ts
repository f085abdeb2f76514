import { z } from 'zod';
import { parseTimeOfDay } from '../core/duration.js';
import type { Grid } from '../layout/grid.js';
import { Cell, cellIndex, Duration, type Fail, MAX_SECONDS, NodeId, secondsOf, TimeOfDay } from '../scenario/primitives.js';
import type { AgvConfig, ConveyorConfig, NodeRef, OutboundConfig } from './config.js';
import { expandGuideLoop, GuidePathError } from './guide-path.js';

/** The `outbound` section of the scenario file: conveyors, sorters, AGV loops and docks. */

export const ConveyorInput = z.strictObject({
  id: z.string().min(1),
  length: z.number().positive().max(100_000).describe('Metres'),
  speed: z.number().min(0.001).max(100).describe('Metres per second'),
  capacity: z.number().int().positive().max(100_000).describe('Totes the segment holds (accumulation)'),
  spacing: z.number().nonnegative().max(86_400).default(0).describe('Seconds between totes at the infeed (0 = one per tick)'),
  to: NodeId,
  divert: z.record(z.string(), NodeId).default({}).describe('Dock id -> node: totes for that dock leave here'),
  cells: z.array(Cell).default([]).describe('Cells the belt runs over, infeed to discharge (drawing only)'),
});

export const SorterInput = z.strictObject({
  id: z.string().min(1),
  at: Cell.optional(),
  inductPerHour: z.number().positive().max(10_000_000).describe('Items per hour the induction can take'),
  queueCapacity: z.number().int().positive().max(100_000).default(4).describe('Totes that can wait at the induction'),
  transitSeconds: z.number().nonnegative().max(86_400).default(20),
  onFull: z.enum(['recirculate', 'reject']).default('recirculate'),
  recirculateSeconds: z.number().positive().max(86_400).default(60),
  maxRecirculations: z.number().int().nonnegative().max(1000).default(3),
  missortProbability: z.number().min(0).max(1).default(0),
  reworkSeconds: z.number().nonnegative().max(MAX_SECONDS).default(300),
  rejectSeconds: z.number().nonnegative().max(MAX_SECONDS).default(600),
  chutes: z.array(z.strictObject({ dock: z.string().min(1), capacity: z.number().int().positive().max(1_000_000) })).min(1).max(10_000),
  emptying: z
    .union([
      z.strictObject({ everySeconds: z.number().positive().max(MAX_SECONDS) }),
      z.strictObject({ workerSecondsPerItem: z.number().positive().max(86_400) }),
    ])
    .default({ workerSecondsPerItem: 5 }),
});

export const AgvInput = z.strictObject({
  id: z.string().min(1),
  path: z.array(Cell).min(2).describe('Corners of the closed guide loop on \'+\' cells, in driving order'),
  vehicles: z.number().int().positive().max(100_000),
  speed: z.number().min(0.001).max(100).default(1).describe('Metres per second (at most the robots\' speed)'),
  capacity: z.number().int().positive().max(1000).default(1).describe('Totes per vehicle'),
  pickups: z.array(Cell).min(1).describe('Loop cells where totes are loaded'),
  drop: Cell.describe('Loop cell where totes are unloaded into `to`'),
  bufferCapacity: z.number().int().positive().max(100_000).default(4),
  handleSeconds: z.number().nonnegative().max(3600).default(3),
  moveWh: z.number().nonnegative().finite().default(0.1).describe('Energy per cell moved (Wh)'),
  idleWatts: z.number().nonnegative().finite().default(15),
  to: NodeId,
});

export const DockInput = z.strictObject({
  id: z.string().min(1),
  at: Cell.optional(),
  cutoffs: z.array(TimeOfDay).max(1440).default([]).describe('Carrier cut-offs each day; none = orders use demand.due'),
  lead: Duration.default(0).describe('An order must arrive this long before a cut-off to make it'),
  share: z.number().nonnegative().finite().default(1).describe('Relative share of orders shipping here'),
});

export const Outbound = z.strictObject({
  stationOutfeed: z.union([NodeId, z.array(NodeId)]).optional().describe('Where each station\'s finished totes go: one node for all, or one per station'),
  stagingCapacity: z.number().int().positive().default(4).describe('Finished totes a station holds before it stops picking'),
  conveyors: z.array(ConveyorInput).default([]),
  sorters: z.array(SorterInput).default([]),
  agvs: z.array(AgvInput).default([]),
  docks: z.array(DockInput).min(1),
});

/** What the outbound equipment is resolved against: the layout, the tick and the site's clock and robots. */
export interface OutboundContext {
  grid: Grid;
  tick: number;
  cellSize: number;
  /** The scenario's `startTime`. */
  startTime: string;
  /** `robots.count`: stations send totes out only when robots bring them pods. */
  robots: number;
}

/** The outbound equipment resolved, and the look-up of node ids the other sections' outfeeds use. */
export interface OutboundLoad {
  outbound: OutboundConfig | null;
  /** The node an id names ('agv/1' for an AGV loop's second pickup), or null after reporting an unknown one at `path`. */
  node: (path: string, id: string) => NodeRef | null;
}

/**
 * Resolves the `outbound` section against the layout: node ids to
 * references (unique across conveyors, sorters, AGV loops and docks),
 * metres and seconds to ticks, guide loops expanded. Problems go to `fail`
 * with the path into the file.
 */
export function buildOutbound(ob: z.output<typeof Outbound> | undefined, ctx: OutboundContext, fail: Fail): OutboundLoad {
  const { grid, tick, cellSize } = ctx;
  const cellOf = (path: string, rc: [number, number]) => cellIndex(grid, path, rc, fail);
  const dayTicks = 86400 / tick;
  const todTicks = (v: string) => Math.round((parseTimeOfDay(v) ?? 0) / tick);

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
  if (!ob) return { outbound: null, node: ref };

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
    startOfDayTick: todTicks(ctx.startTime),
    share: d.share,
  }));
  if (docks.every((d) => d.share === 0)) fail('outbound.docks', 'every dock has share 0: at least one must take orders');
  const n = grid.stations.length;
  let stationOutfeed: NodeRef[] = [];
  const so = ob.stationOutfeed;
  if (so === undefined) {
    if (n > 0 && ctx.robots > 0) fail('outbound.stationOutfeed', `required: where the ${n} station(s) send finished totes`);
  } else if (typeof so === 'string') {
    const r = ref('outbound.stationOutfeed', so);
    if (r) stationOutfeed = Array.from({ length: n }, () => r);
  } else {
    if (so.length !== n) fail('outbound.stationOutfeed', `has ${so.length} entries but the layout has ${n} station(s)`);
    stationOutfeed = so.map((id, k) => ref(`outbound.stationOutfeed[${k}]`, id) ?? { kind: 'dock', index: 0 });
  }
  return { outbound: { conveyors, sorters, agvs, docks, stationOutfeed, stagingCapacity: ob.stagingCapacity }, node: ref };
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

/** A pick point whose finished totes enter the outbound network: the path of its outfeed in the file, and the node. */
export interface OutfeedSource {
  path: string;
  ref: NodeRef;
}

/**
 * Every pick point must be able to deliver to every dock that takes orders:
 * each route problem is reported once per source, in the sources' order.
 */
export function checkRoutes(ob: OutboundConfig, sources: readonly OutfeedSource[], fail: Fail): void {
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

/** The stations' outfeeds as route sources, when stations pick from pods: one path for all, or one per station. */
export function stationSources(ob: OutboundConfig, section: z.output<typeof Outbound> | undefined, podSkus: boolean): OutfeedSource[] {
  if (!podSkus) return [];
  const list = Array.isArray(section?.stationOutfeed);
  return ob.stationOutfeed.map((ref, k) => ({ path: list ? `outbound.stationOutfeed[${k}]` : 'outbound.stationOutfeed', ref }));
}
