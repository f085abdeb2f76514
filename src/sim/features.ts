import type { BooksPart, Feature, FeatureFactory, FeatureModule, Placed, ReportSection } from '../core/feature.js';
import type { World } from '../core/world.js';
import { alertsModule } from '../alerts/module.js';
import { booksModule } from '../books/module.js';
import { faultsModule } from '../faults/module.js';
import { fleetModule } from '../fleet/module.js';
import type { Report, SummaryPart } from '../metrics/report.js';
import { metricsModule } from '../metrics/module.js';
import { stallsModule } from '../stalls/module.js';
import { inboundModule } from '../inbound/module.js';
import { inventoryModule } from '../inventory/module.js';
import { operationsModule } from '../operations/module.js';
import { ordersModule } from '../orders/module.js';
import { outboundModule } from '../outbound/module.js';
import { packingModule } from '../packing/module.js';
import { peopleModule } from '../people/module.js';
import { qualityModule } from '../quality/module.js';
import { shippingModule } from '../shipping/module.js';
import { siteModule } from '../site/module.js';
import { stationsModule } from '../stations/module.js';
import { storageModule } from '../storage/module.js';

/**
 * Every feature module of a run, in registration order: their features are
 * created in this order (a factory may read what an earlier one put in the
 * world: operations use the re-slotting), and within a phase of the tick
 * (core/feature.ts, PHASES) their stages run in this order: the fleet plans
 * and moves before the stall watch looks, the re-slotting moves before
 * operations' passes, the figures before the alerts. Report sections,
 * summary lines and books parts are not in this order but each at the place
 * it declares (Placed). A new feature is one more line here.
 */
export const MODULES: readonly FeatureModule[] = [
  fleetModule, // planning, movement
  storageModule, // pod fetching: assignment; re-slotting: rearrange
  ordersModule, // demand; orders in the frame
  inventoryModule, // demand: stock-outs cancelled after the arrivals; metrics
  inboundModule, // assignment: trucks, unloading, put-away tasks to robots (after pod fetching)
  faultsModule, // faults
  operationsModule, // duty, rearrange
  metricsModule, // metrics
  alertsModule, // alerts: metrics
  stallsModule, // planning, movement
  stationsModule, // service
  siteModule, // equipment; flow in the frame
  shippingModule, // equipment: split orders' first parcels, after the site moved this tick's units
  qualityModule, // no stage: told of picks and shipped orders by the order flow
  outboundModule, // report and books only (run by the site)
  peopleModule, // report and books only (run by the site)
  packingModule, // report and books only (run by the site)
  booksModule, // report only
];

/**
 * The parts `pick` finds in the modules, sorted into their places. Throws
 * when two parts claim one place or a place from 1 to their number is left
 * empty, so a wrong place fails every run and every test at once.
 */
export function inOrder<P>(modules: readonly FeatureModule[], what: string, pick: (m: FeatureModule) => readonly Placed<P>[]): P[] {
  const placed = modules.flatMap((m) => pick(m).map((p) => ({ module: m.name, ...p })));
  const out: P[] = [];
  const by: string[] = [];
  for (const p of placed) {
    const k = p.order - 1;
    if (!Number.isInteger(p.order) || k < 0 || k >= placed.length) throw new Error(`${what}: ${p.module} places a part at ${p.order}; places run from 1 to ${placed.length}`);
    if (by[k] !== undefined) throw new Error(`${what}: ${by[k]} and ${p.module} both place a part at ${p.order}`);
    by[k] = p.module;
    out[k] = p.part;
  }
  return out;
}

/** Every feature a run can have, in registration order (MODULES'). */
export const FEATURES: readonly FeatureFactory[] = MODULES.flatMap((m) => m.features ?? []);

/** Creates the features of a run over its world, leaving out those the scenario does not turn on. */
export function createFeatures(w: World, factories: readonly FeatureFactory[] = FEATURES): Feature[] {
  const out: Feature[] = [];
  for (const create of factories) {
    const f = create(w);
    if (f !== null) out.push(f);
  }
  return out;
}

/**
 * The features' parts of the conservation books (src/books/conservation.ts
 * recounts the order book, the tote book and the pods; these tell what the
 * equipment holds), in the order of the problems they may note.
 */
export const BOOKS: readonly BooksPart[] = inOrder(MODULES, 'books parts', (m) => (m.books ? [m.books] : []));

/**
 * Every section of the report, in report order (after the run's header, see
 * src/sim/report.ts). The order is the report's published key order, which
 * readers of reports and byte-for-byte comparisons rely on, so it is not the
 * tick's: a new section takes the next free place, at the end. Every section
 * is in every report (null or empty when its feature is off), except the
 * ones documented as optional (alerts, robotPicking, packing).
 */
// The modules' sections are typed against the kernel's `object`; each is declared as a ReportPart of Report's keys in its folder.
export const REPORT_SECTIONS = inOrder(MODULES, 'report sections', (m) => m.report ?? []) as readonly ReportSection<Partial<Report>>[];

/**
 * The features' lines in the summary `wsim run` prints after the run's
 * header, in the order printed (fixed, like the report's keys). Each reads
 * the report, not the world, so a summary can be printed again from a saved
 * report.
 */
// Declared as SummaryPart in their folders; the kernel types their report as never.
export const SUMMARY = inOrder(MODULES, 'summary parts', (m) => m.summary ?? []) as unknown as readonly SummaryPart[];
