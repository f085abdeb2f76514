import { realpathSync } from 'node:fs';
import { dirname, isAbsolute, relative, resolve } from 'node:path';
import type { SimConfig } from '../core/config.js';
import { parseDuration } from '../core/duration.js';
import { defaultStarts } from '../core/world.js';
import { generateWarehouse } from '../layout/generate.js';
import { gridFromRows, LayoutError, parseMovingAiMap, type Grid } from '../layout/grid.js';
import { buildFleet, buildRobots, robotStarts } from '../fleet/schema.js';
import { checkReachability } from '../layout/checks.js';
import { flattenIssues, ScenarioError, ScenarioErrors, unknownKeyMessage } from './errors.js';
import { Scenario, type ScenarioFile } from './schema.js';
import { buildOutbound, checkRoutes, stationSources } from '../outbound/schema.js';
import { buildZones, zoneSources } from '../people/schema.js';
import { buildFaults } from '../faults/config.js';
import { buildOperations } from '../operations/schema.js';
import { buildInventory } from '../inventory/schema.js';
import { buildInbound, buildReplenishment } from '../inbound/schema.js';
import { buildAlerts } from '../alerts/schema.js';
import { buildClasses, buildDemand, buildRelease } from '../orders/schema.js';
import { buildShipping } from '../shipping/schema.js';
import { buildQuality } from '../quality/schema.js';
import { buildArms, buildStations } from '../stations/schema.js';
import { buildStorage } from '../storage/schema.js';
import { buildPacking } from '../packing/schema.js';
import { findJsonProblem } from './json-position.js';
import { parseTimeOfDay } from '../core/duration.js';
import { excerpt, MAX_JSON_BYTES, MAX_MAP_BYTES, notText, readRegularFile } from './read-file.js';

/** Largest layout (cells) and run (ticks) accepted: beyond them memory or time would run away. */
const MAX_CELLS = 4_000_000;
const MAX_TICKS = 100_000_000;

export interface LoadOptions {
  seed?: number | string;
  /** Duration override (seconds or "8h"). */
  duration?: number | string;
  /** Let paths in the file (a map) point outside the scenario's folder. Off by default: a shared scenario cannot read arbitrary files. */
  allowOutside?: boolean;
}

/**
 * Resolves a path written in `file` relative to its folder, refusing one that
 * leads outside it (symbolic links followed) unless allowed.
 */
export function resolveInside(file: string, docPath: string, written: string, allowOutside = false, owner = "scenario's"): string {
  const dir = dirname(resolve(file));
  const target = resolve(dir, written);
  if (allowOutside) return target;
  const real = (p: string) => {
    try {
      return realpathSync(p);
    } catch {
      return p;
    }
  };
  const rel = relative(real(dir), real(target));
  if (rel === '' || rel.startsWith('..') || isAbsolute(rel)) {
    throw new ScenarioError(file, docPath, `'${written}' is outside the ${owner} folder (${dir}); keep referenced files beside it, or pass --allow-outside`);
  }
  return target;
}

export interface LoadedScenario {
  file: string;
  scenario: ScenarioFile;
  config: SimConfig;
}

/** Line and column of a character offset, for JSON syntax errors. */
function lineCol(text: string, offset: number): string {
  let line = 1;
  let col = 1;
  for (let i = 0; i < offset && i < text.length; i++) {
    if (text[i] === '\n') {
      line++;
      col = 1;
    } else col++;
  }
  return `line ${line}, column ${col}`;
}

/** Reads and parses a JSON file, turning every failure into a ScenarioError. */
export function readJsonFile(file: string): unknown {
  const text = readRegularFile(file, MAX_JSON_BYTES, (why) => new ScenarioError(file, '', `file ${why}`));
  return parseJsonText(file, text);
}

export function parseJsonText(file: string, text: string): unknown {
  // A byte-order mark is not JSON, but editors write one: accept it.
  if (text.charCodeAt(0) === 0xfeff) text = text.slice(1);
  const deep = tooDeepAt(text);
  if (deep >= 0) throw new ScenarioError(file, '', `nested more than ${MAX_JSON_DEPTH} levels deep at ${lineCol(text, deep)}`);
  try {
    return JSON.parse(text);
  } catch {
    const p = findJsonProblem(text);
    const where = p ? ` at ${lineCol(text, p.offset)}: ${p.what}` : '';
    throw new ScenarioError(file, '', `not valid JSON${where}`);
  }
}

/** Deepest nesting of arrays and objects any wsim document needs is under ten; far more is an attack on the parser. */
export const MAX_JSON_DEPTH = 256;

/**
 * Offset of the bracket that nests past MAX_JSON_DEPTH, or -1. Scanned
 * before JSON.parse: a 40 MB file nested twenty million deep otherwise costs
 * the parser gigabytes and many seconds before any check sees it.
 */
function tooDeepAt(text: string): number {
  let depth = 0;
  let inString = false;
  for (let i = 0; i < text.length; i++) {
    const ch = text.charCodeAt(i);
    if (inString) {
      if (ch === 0x5c) i++; // backslash: skip the escaped character
      else if (ch === 0x22) inString = false;
    } else if (ch === 0x22) inString = true;
    else if (ch === 0x5b || ch === 0x7b) {
      if (++depth > MAX_JSON_DEPTH) return i;
    } else if (ch === 0x5d || ch === 0x7d) depth--;
  }
  return -1;
}

function seconds(v: number | string): number {
  return parseDuration(v) ?? 0;
}

/** Refuses a layout too large before any per-cell array is allocated for it. */
function checkSize(file: string, path: string, rows: readonly string[]): readonly string[] {
  const cells = rows.length * (rows[0]?.length ?? 0);
  if (cells > MAX_CELLS) throw new ScenarioError(file, path, `${rows[0].length}x${rows.length} is ${cells} cells; at most ${MAX_CELLS} are supported`);
  return rows;
}

/** Reads a MovingAI map file: a regular text file of at most MAX_MAP_BYTES. */
export function readMapText(mapPath: string, fail: (why: string) => Error): string {
  const text = readRegularFile(mapPath, MAX_MAP_BYTES, fail);
  const bad = mapTextProblem(text);
  if (bad) throw fail(bad);
  return text;
}

/** Why a map file's text cannot be a MovingAI map (binary, or a header line far too long), or null. */
export function mapTextProblem(text: string): string | null {
  return notText(text) ?? longHeaderLine(text);
}

/** Longest header line ("type octile", "height 140") accepted before the "map" line. */
const MAX_HEADER_CHARS = 200;

/**
 * Refuses a header line far longer than any header: parsing splits header
 * lines into words, and a 16 MB line of words would cost hundreds of MB.
 */
function longHeaderLine(text: string): string | null {
  let start = 0;
  for (let line = 1; start < text.length; line++) {
    let end = text.indexOf('\n', start);
    if (end < 0) end = text.length;
    if (end - start > MAX_HEADER_CHARS) {
      return `is not a MovingAI map: line ${line} is ${end - start} characters long before the "map" line (header lines are short, like "height 140")`;
    }
    if (text.slice(start, end).trim() === 'map') return null;
    start = end + 1;
  }
  return null;
}

/** A map message with each quoted piece of the file cut to a short excerpt (a header line can be megabytes). */
export function clipQuoted(message: string): string {
  return message.replace(/'([^']*)'/g, (whole, inner: string) => (inner.length > 40 ? excerpt(inner) : whole));
}

function loadGrid(file: string, s: ScenarioFile, allowOutside: boolean): Grid {
  const layout = s.layout;
  try {
    if ('grid' in layout) return gridFromRows(checkSize(file, 'layout', layout.grid));
    if ('generate' in layout) {
      try {
        return gridFromRows(generateWarehouse(layout.generate));
      } catch (e) {
        throw new ScenarioError(file, 'layout.generate', (e as Error).message);
      }
    }
    const mapPath = resolveInside(file, 'layout.map', layout.map, allowOutside);
    const text = readMapText(mapPath, (why) => new ScenarioError(file, 'layout.map', `map file ${why}: ${mapPath}`));
    try {
      return gridFromRows(checkSize(file, 'layout', parseMovingAiMap(text)));
    } catch (e) {
      if (e instanceof LayoutError) throw new ScenarioError(mapPath, '', clipQuoted(e.message));
      throw e;
    }
  } catch (e) {
    if (e instanceof LayoutError) {
      throw new ScenarioError(file, e.row !== undefined ? `layout.grid[${e.row}]` : 'layout.grid', e.message);
    }
    throw e;
  }
}

/**
 * Outbound equipment and picker zones, resolved in that order (zones name
 * outbound nodes), then every pick point's route to every dock checked.
 */
function buildFlow(s: ScenarioFile, grid: Grid, tick: number, fail: (path: string, msg: string) => void) {
  const cellSize = s.layout.cellSize ?? 1;
  const out = buildOutbound(s.outbound, { grid, tick, cellSize, startTime: s.startTime, robots: s.robots.count }, fail);
  const ctx = { grid, tick, cellSize, skuCount: s.demand.skus, hasOutbound: s.outbound !== undefined, node: out.node };
  const { zones, podSkus } = buildZones(s.pickers, ctx, fail);
  if (out.outbound) checkRoutes(out.outbound, [...stationSources(out.outbound, s.outbound, podSkus), ...zoneSources(zones)], fail);
  return { zones, outbound: out.outbound, podSkus };
}

/** Checks a parsed scenario against its layout and builds the engine's config. */
export function buildConfig(file: string, s: ScenarioFile, options: LoadOptions = {}): SimConfig {
  const grid = loadGrid(file, s, options.allowOutside ?? false);
  const errors: ScenarioError[] = [];
  const fail = (path: string, msg: string) => errors.push(new ScenarioError(file, path, msg));
  const tick = (s.layout.cellSize ?? 1) / s.robots.speed;
  const totalTicks = Math.round(seconds(s.duration) / tick);
  if (totalTicks > MAX_TICKS) {
    throw new ScenarioError(file, 'duration', `is ${totalTicks} ticks of ${Number(tick.toPrecision(4))} s (cellSize / robots.speed); at most ${MAX_TICKS} are supported`);
  }
  const rb = s.robots;
  const flow = buildFlow(s, grid, tick, fail);
  // Goods-to-person needs stations, pods and robots only when some SKUs live in pods.
  const goodsToPerson = flow.podSkus;
  if (goodsToPerson) {
    const why = s.pickers ? ' (SKUs outside every picker zone are picked from pods)' : '';
    if (grid.stations.length === 0) fail('layout', `the layout has no pick station: add at least one 'P' cell${why}`);
    if (grid.storage.length === 0) fail('layout', `the layout has no storage location: add 'R' cells for pods${why}`);
    if (rb.count === 0) fail('robots.count', `is 0, but pods need robots to carry them${why}`);
  }
  const starts = robotStarts(rb, grid, fail);
  const demand = buildDemand(s.demand, tick, fail);
  const stations = buildStations(s.stations, tick, fail);
  const robots = buildRobots(rb, starts, grid, tick, fail);
  const locations = grid.storage.length;
  const storage = buildStorage(s.storage, { locations, slotting: s.demand.slotting, podSkus: goodsToPerson }, fail);
  const faults = buildFaults(s, grid, tick, { robots: rb.count, zones: flow.zones, outbound: flow.outbound }, fail);
  const arms = buildArms(s.stations.arms, { stationCount: grid.stations.length, tick, skuCount: s.demand.skus }, fail);
  const packing = buildPacking(s.packing, { stationCount: grid.stations.length, tick, zones: flow.zones }, fail);
  const shipping = buildShipping(s.shipping, s.serviceClasses, fail);
  const operations = buildOperations(s.operations, { robots: rb.count, locations, podFill: s.storage.podFill, podSkus: goodsToPerson }, fail);
  const items = { medianCm: s.packing?.items.medianCm ?? ([25, 18, 8] as [number, number, number]), spread: s.packing?.items.spread ?? 0.4 };
  const inventory = buildInventory(s.inventory, { tickSeconds: tick, goodsToPerson, items }, seconds, fail);
  const skuInPods = (sku: number) => !flow.zones.some((z) => sku >= z.skuFrom + z.skuOffset && sku < z.skuTo && (sku - z.skuFrom - z.skuOffset) % z.skuStride === 0);
  const replenishment = buildReplenishment(s.replenishment, s.inbound !== undefined, fail);
  const inbound = buildInbound(
    s.inbound,
    { grid, tickSeconds: tick, skuCount: s.demand.skus, skuInPods, inventory: inventory !== null, policy: replenishment !== null && replenishment.policy !== 'none', faults: s.faults !== undefined },
    fail,
  );
  if (s.fleet.planner === 'epibt' && robots.rotationTicks < 1) {
    fail(
      'fleet.planner',
      `'epibt' plans quarter turns that take time: robots.rotationSeconds must be at least one tick (${tick.toFixed(3)} s); it rounds to ${robots.rotationTicks} ticks`,
    );
  }
  if (s.fleet.guidance !== 'none' && s.fleet.planner === 'whca') {
    fail('fleet.guidance', `'${s.fleet.guidance}' needs planner 'pibt' or 'epibt': 'whca' plans on plain distances only (set fleet.guidance to 'none')`);
  }
  if (errors.length > 0) throw new ScenarioErrors(errors);
  const placed = starts ?? defaultStarts(grid, rb.count);
  if (goodsToPerson) for (const problem of checkReachability(grid, placed)) fail(problem.path, problem.message);
  if (errors.length > 0) throw new ScenarioErrors(errors);

  return {
    name: s.name,
    seed: s.seed,
    tickSeconds: tick,
    cellSize: s.layout.cellSize ?? 1,
    ticks: Math.max(1, Math.round(seconds(s.duration) / tick)),
    grid,
    robots,
    demand,
    stations,
    fleet: buildFleet(s.fleet, tick),
    startOfDayTick: Math.round((parseTimeOfDay(s.startTime) ?? 0) / tick),
    dayTicks: 86400 / tick,
    zones: flow.zones,
    outbound: flow.outbound,
    energy: { gridGramsPerKWh: s.energy.gridGramsPerKWh, chargerEfficiency: s.energy.chargerEfficiency },
    storage,
    faults,
    arms,
    packing,
    operations,
    alerts: buildAlerts(s.alerts, tick),
    classes: buildClasses(s.serviceClasses, tick),
    release: buildRelease(s.release, tick),
    shipping,
    quality: buildQuality(s.quality),
    inventory,
    inbound,
    replenishment,
  };
}

/** Validates a parsed JSON document as a scenario (schema, then layout checks). */
export function scenarioFromJson(file: string, json: unknown, options: LoadOptions = {}): LoadedScenario {
  const lorr = lorrKind(json);
  if (lorr !== null) throw new ScenarioError(file, '', lorr);
  if (json !== null && typeof json === 'object' && !Array.isArray(json)) {
    const obj = { ...(json as Record<string, unknown>) };
    if (options.seed !== undefined) obj.seed = options.seed;
    if (options.duration !== undefined) obj.duration = options.duration;
    json = obj;
  }
  const parsed = Scenario.safeParse(json, { error: unknownKeyMessage });
  if (!parsed.success) {
    throw new ScenarioErrors(flattenIssues(parsed.error.issues, [], json).map((i) => new ScenarioError(file, i.path, i.message)));
  }
  return { file, scenario: parsed.data, config: buildConfig(file, parsed.data, options) };
}

/**
 * One line for a League of Robot Runners file given where a scenario is
 * expected (a problem names its map, agents and tasks files; an output has
 * the start-kit's action model and paths), saying which command takes it,
 * instead of a list of missing scenario keys. Null for anything else.
 */
function lorrKind(json: unknown): string | null {
  if (json === null || typeof json !== 'object' || Array.isArray(json)) return null;
  const o = json as Record<string, unknown>;
  if ('mapFile' in o && 'agentFile' in o && 'taskFile' in o && !('layout' in o)) {
    return 'is a League of Robot Runners problem, not a scenario: run it with `wsim lorr FILE`';
  }
  if ('actionModel' in o && 'actualPaths' in o && !('layout' in o)) {
    return 'is a League of Robot Runners output (what `wsim lorr --output` writes), not a scenario: watch it with `wsim view FILE --problem PROBLEM.json`';
  }
  return null;
}

/** Loads a scenario file: read, parse, validate, resolve. Throws ScenarioError(s) with file and path. */
export function loadScenario(file: string, options: LoadOptions = {}): LoadedScenario {
  return scenarioFromJson(file, readJsonFile(file), options);
}
