import type { SimConfig } from './config.js';
import { EventBuffer } from './events.js';
import { rngStream, type Rng } from './rng.js';
import { createRobots, RobotState, type Robots } from './robots.js';
import { DistanceCache } from '../layout/distance.js';
import { CellKind, type Grid } from '../layout/grid.js';
import { OrderBook } from '../orders/books.js';
import { createPods, type Pods } from '../storage/pods.js';
import { drawCubes, SLOTTING, type SlottingInput } from '../storage/slotting.js';
import { buildFamilies, type SkuFamilies } from '../orders/families.js';
import { ORDER_ASSIGNMENTS, type OrderAssignment } from '../orders/order-assignment.js';
import { podLocations, Storage } from '../storage/storage.js';
import { createStations, type Stations } from '../stations/stations.js';
import { Metrics } from '../metrics/collector.js';
import { createSite, type Site } from '../site/site.js';
import { ToteBook } from '../orders/totes.js';
import type { FaultEngine } from '../faults/engine.js';
import type { Operations } from '../operations/operations.js';
import type { AlertDetector } from '../metrics/alerts.js';
import type { StallWatch } from '../metrics/stalls.js';

/** Everything the tick loop reads and writes. Stages are free functions over it. */
export interface World {
  readonly config: SimConfig;
  readonly grid: Grid;
  tick: number;
  readonly robots: Robots;
  readonly pods: Pods;
  readonly stations: Stations;
  readonly books: OrderBook;
  readonly totes: ToteBook;
  /** Person-to-goods zones, outbound equipment and where finished totes go. */
  site: Site;
  readonly fields: DistanceCache;
  /** Robot standing on each cell, or -1. */
  readonly occ: Int32Array;
  /** Pods waiting for a robot, oldest first (each pod at most once). */
  readonly requests: { items: Int32Array; length: number };
  /** Robot on / bound for each charger (index into grid.chargers), or -1. */
  readonly chargerRobot: Int32Array;
  /** Station index per cell (-1 elsewhere). */
  readonly stationAt: Int32Array;
  /** Cumulative Zipf popularity over SKUs (SKU 0 most popular). */
  readonly skuCdf: Float64Array;
  readonly rng: { demand: Rng; picking: Rng };
  readonly events: EventBuffer;
  readonly metrics: Metrics;
  /** Storage locations, the pod return rule and its figures. */
  readonly storage: Storage;
  /** Order-to-station assignment strategy. */
  readonly orderAssignment: OrderAssignment;
  /** SKU families (built when demand affinity or the slotting needs them), or null. */
  families: SkuFamilies | null;
  /** Faults and the controller's response to them (set by the Sim when the scenario has faults), or null. */
  faults: FaultEngine | null;
  /** Forecast-driven operations (set by the Sim when the scenario has an `operations` section); absent otherwise. */
  operations?: Operations | null;
  /** The live alert detector (set by the Sim when the scenario has an `alerts` section); absent otherwise. */
  alerts?: AlertDetector | null;
  /** Wait-for links and stall episodes (set by the Sim); absent in worlds built without one. */
  stalls?: StallWatch | null;
}

/** Places robots without start cells on evenly spread free floor cells (plain floor first, then storage). */
export function defaultStarts(grid: Grid, count: number): Int32Array {
  const floor: number[] = [];
  const storage: number[] = [];
  for (const c of grid.free) {
    if (grid.kind[c] === CellKind.Floor) floor.push(c);
    else if (grid.kind[c] === CellKind.Storage) storage.push(c);
  }
  const pool = count <= floor.length ? floor : floor.concat(storage);
  if (count > pool.length) throw new Error(`${count} robots do not fit on ${pool.length} free cells`);
  const starts = new Int32Array(count);
  for (let k = 0; k < count; k++) starts[k] = pool[Math.floor((k * pool.length) / count)];
  return starts;
}

function zipfCdf(n: number, s: number): Float64Array {
  const cdf = new Float64Array(n);
  let total = 0;
  for (let k = 0; k < n; k++) {
    total += 1 / Math.pow(k + 1, s);
    cdf[k] = total;
  }
  for (let k = 0; k < n; k++) cdf[k] /= total;
  return cdf;
}

export function createWorld(config: SimConfig): World {
  const { grid } = config;
  const cells = grid.width * grid.height;
  const fields = new DistanceCache(grid);
  const rc = config.robots;
  const robots = createRobots(rc.count, rc.battery.capacityWh, rc.battery.initial);
  const starts = rc.starts ?? defaultStarts(grid, rc.count);
  const occ = new Int32Array(cells).fill(-1);
  for (let i = 0; i < rc.count; i++) {
    robots.cell[i] = starts[i];
    robots.prevCell[i] = starts[i];
    occ[starts[i]] = i;
  }

  // Pods: one per storage location, or fewer (storage.podFill), spread over the locations by distance.
  const dc = config.demand;
  const storage = new Storage(grid, fields, config.storage?.podReturn ?? 'fixed-home', rc.count);
  const locs = podLocations(storage.byDistance, config.storage?.podFill ?? 1);
  const homes = Int32Array.from(locs, (k) => grid.storage[k]);
  // Loaded travel from each pod's home to its nearest station drives the distance-aware slotting.
  const podDistance = Float64Array.from(locs, (k) => storage.distance[k]);
  const skuCdf = zipfCdf(dc.skuCount, dc.zipf);
  const popularity = new Float64Array(dc.skuCount);
  for (let k = 0; k < dc.skuCount; k++) popularity[k] = skuCdf[k] - (k > 0 ? skuCdf[k - 1] : 0);
  let families: SkuFamilies | null = null;
  const familiesOf = () => (families ??= buildFamilies(dc.skuCount, dc.familySize ?? 10, popularity, rngStream(config.seed, 'families')));
  if ((dc.affinity ?? 0) > 0) familiesOf();
  const slotting = SLOTTING[dc.slotting];
  if (!slotting) throw new Error(`unknown slotting '${dc.slotting}'`);
  const orderAssignment = ORDER_ASSIGNMENTS[config.stations.orderAssignment ?? 'least-loaded'];
  if (!orderAssignment) throw new Error(`unknown order assignment '${config.stations.orderAssignment}'`);
  let cube: Float64Array | null = null;
  const input: SlottingInput = {
    skuCount: dc.skuCount,
    replicas: Math.min(dc.replicas, homes.length),
    podCount: homes.length,
    podDistance,
    rng: rngStream(config.seed, 'slotting'),
    popularity,
    // Drawn only for strategies that read them, each from its own stream.
    get cube() {
      return (cube ??= drawCubes(rngStream(config.seed, 'sku-cube'), dc.skuCount));
    },
    get family() {
      return familiesOf().of;
    },
  };
  // A site without pods (person-to-goods only) has nothing to slot here.
  const skuToPods = homes.length === 0 ? Array.from({ length: dc.skuCount }, () => []) : slotting(input);
  const pods = createPods(homes, skuToPods);
  storage.attach(pods, popularity);
  const stations = createStations(grid.stations, config.stations.pickers);
  const stationAt = new Int32Array(cells).fill(-1);
  grid.stations.forEach((c, s) => (stationAt[c] = s));

  const world: World = {
    config,
    grid,
    tick: 0,
    robots,
    pods,
    stations,
    books: new OrderBook(),
    totes: new ToteBook(),
    site: undefined as unknown as Site,
    fields,
    occ,
    requests: { items: new Int32Array(Math.max(1, pods.n)), length: 0 },
    chargerRobot: new Int32Array(grid.chargers.length).fill(-1),
    stationAt,
    skuCdf,
    rng: { demand: rngStream(config.seed, 'demand'), picking: rngStream(config.seed, 'picking') },
    events: new EventBuffer(),
    metrics: new Metrics(cells),
    storage,
    orderAssignment: orderAssignment(),
    families,
    faults: null,
  };
  world.site = createSite(world);
  return world;
}

/** Points robot i at `goal` (or nowhere with -1), fetching the matching distance field. */
export function setGoal(w: World, i: number, goal: number): void {
  const r = w.robots;
  r.goal[i] = goal;
  r.goalSince[i] = w.tick;
  r.goalEpoch[i]++;
  r.detourFrom[i] = -1;
  const lazy = goal < 0 ? null : w.fields.lazy(goal, r.pod[i] >= 0);
  r.lazy[i] = lazy;
  r.field[i] = lazy === null ? null : lazy.dist;
  lazy?.ensure(r.cell[i]);
}

/**
 * Whether `cell` is out of bounds for a new goal of robot i because of a
 * fault: inside a closed area, held by a robot broken down for long (both
 * blocked in the distance fields), or with another broken-down robot on it.
 */
export function cellBlocked(w: World, cell: number, i: number): boolean {
  if (w.fields.blocked[cell] !== 0) return true;
  const j = w.occ[cell];
  return j >= 0 && j !== i && w.robots.state[j] === RobotState.Broken;
}
