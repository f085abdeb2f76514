import type { Feature, FeatureFactory } from '../core/feature.js';
import { rngStream } from '../core/rng.js';
import type { World } from '../core/world.js';
import { ASSIGNMENTS } from '../fleet/assignments.js';
import { ForecastPolicy } from './forecast-policy.js';
import { MinMax } from './min-max.js';
import { levelBySku, type ReplenishmentConfig, type ReplenishmentPolicy } from './replenishment.js';
import type { InboundConfig } from './config.js';
import { PutAway } from './put-away.js';
import { drawFromMix, Receiving } from './receiving.js';

/** Replenishment policies by the name a scenario gives in `replenishment.policy` (none: no policy object). */
export const REPLENISHMENT: Record<ReplenishmentConfig['policy'], (w: World, c: ReplenishmentConfig) => ReplenishmentPolicy | null> = {
  none: () => null,
  'min-max': (w, c) => new MinMax(levelBySku(w, c.min), levelBySku(w, c.max)),
  forecast: (w, c) => new ForecastPolicy(w, c.horizonHours, c.safetyDays),
};

/**
 * What a truck brings, into `out` by SKU: its list; or `units` from the
 * demand mix. (A replenishment policy, when the scenario has one, decides
 * for trucks that list no SKUs: see `world.replenish`.)
 */
function truckLoad(w: World, c: InboundConfig['trucks'][number], rng: ReturnType<typeof rngStream>, out: Float64Array): void {
  out.fill(0);
  if (c.skus !== null) {
    for (const e of c.skus) out[e.sku] += e.units;
    return;
  }
  const policy = w.replenish ?? null;
  if (policy !== null) policy.order(w, c.units, out);
  else drawFromMix(w, rng, c.units ?? 0, out);
}

/**
 * Inbound, with an `inbound` section (after the inventory, which it fills):
 * at the assignment phase, after pick requests had their robots, trucks due
 * this tick of the day arrive (their units received, in put-away), the dock
 * unloads into the receiving buffer, and put-away tasks are opened and
 * matched to idle robots; the service stage hands robots on put-away tasks
 * to `PutAway.serve`. Sets `world.putAway` (null without the section).
 */
export const inbound: FeatureFactory = (w) => {
  const c = w.config.inbound ?? null;
  const stock = w.inventory ?? null;
  if (c === null || stock === null) {
    w.putAway = null;
    return null;
  }
  const make = ASSIGNMENTS[w.config.fleet.assignment];
  if (!make) throw new Error(`unknown assignment '${w.config.fleet.assignment}'`);
  const receiving = new Receiving(w.skuCdf.length, c.bufferUnits, c.unloadUnitsPerTick);
  const put = new PutAway(w, stock, receiving, c, make({ takeOver: false }));
  w.putAway = put;
  const rc = w.config.replenishment ?? null;
  const policy = rc === null ? null : REPLENISHMENT[rc.policy](w, rc);
  w.replenish = policy;
  const hourTicks = Math.round(3600 / w.config.tickSeconds);
  const rng = rngStream(w.config.seed, 'inbound');
  const load = new Float64Array(w.skuCdf.length);
  const day = w.config.dayTicks;
  const feature: Feature = {
    name: 'inbound',
    stages: {
      assignment: (w) => {
        const tickOfDay = (w.tick + w.config.startOfDayTick) % day;
        if (policy?.hour && w.tick > 0 && tickOfDay % hourTicks === 0) policy.hour(w);
        for (const truck of c.trucks) {
          if (truck.atTickOfDay !== tickOfDay) continue;
          truckLoad(w, truck, rng, load);
          const units = receiving.arrive(load);
          stock.receivedUnits += units;
          stock.inPutAwayUnits += units;
        }
        receiving.unload();
        put.assign(w);
      },
      metrics: (w) => put.countRobotTime(w),
    },
  };
  return feature;
};
