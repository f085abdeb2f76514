import type { SimConfig } from '../core/config.js';
import { EventBuffer } from '../core/events.js';
import { rngStream } from '../core/rng.js';
import { createRobots } from '../core/robots.js';
import { defaultStarts, type World } from '../core/world.js';
import { DistanceCache } from '../layout/distance.js';
import { Metrics } from '../metrics/collector.js';
import { OrderBook } from '../orders/books.js';
import { buildFamilies, type SkuFamilies } from '../orders/families.js';
import { ORDER_ASSIGNMENTS } from '../orders/order-assignment.js';
import { ToteBook } from '../orders/totes.js';
import { createSite, type Site } from '../site/site.js';
import { createStations } from '../stations/stations.js';
import { createPods } from '../storage/pods.js';
import { drawCubes, SLOTTING, type SlottingInput } from '../storage/slotting.js';
import { podLocations, Storage } from '../storage/storage.js';

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

/**
 * Builds the world of a run: the kernel's robots and floor, then each
 * feature's state (pods and slotting, stations, the order books, the site's
 * equipment). Faults, operations, alerts and the stall watch are set by the
 * Sim when the scenario turns them on.
 */
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
