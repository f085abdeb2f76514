import type { BooksPart, Feature, FeatureFactory, ReportSection } from '../core/feature.js';
import type { World } from '../core/world.js';
import { alerting } from '../alerts/feature.js';
import { alertsSection } from '../alerts/report.js';
import { alertsSummary } from '../alerts/summary.js';
import { conservationSection } from '../books/report.js';
import { booksSummary } from '../books/summary.js';
import { faults } from '../faults/feature.js';
import { faultsSection } from '../faults/report.js';
import { faultsSummary } from '../faults/summary.js';
import { FleetControl } from '../fleet/feature.js';
import { energySection } from '../metrics/energy-report.js';
import { metrics, stallWatch } from '../metrics/feature.js';
import { congestionSection, seriesSection, timelineSection } from '../metrics/figures-report.js';
import type { Report, SummaryPart } from '../metrics/report.js';
import { robotsSection } from '../metrics/robots-report.js';
import { energySummary, robotsSummary } from '../metrics/summary.js';
import { operations } from '../operations/feature.js';
import { operationsSection } from '../operations/report.js';
import { operationsSummary } from '../operations/summary.js';
import { demand } from '../orders/feature.js';
import { itemsSection, ordersSection } from '../orders/report.js';
import { ordersSummary } from '../orders/summary.js';
import { outboundBooks } from '../outbound/books.js';
import { beltsSection, vehiclesSection } from '../outbound/report.js';
import { beltsSummary, vehiclesSummary } from '../outbound/summary.js';
import { packingBooks } from '../packing/books.js';
import { packingSection } from '../packing/report.js';
import { packingSummary } from '../packing/summary.js';
import { cartBooks } from '../people/books.js';
import { pickersSection } from '../people/report.js';
import { pickersSummary } from '../people/summary.js';
import { stagingBooks } from '../site/books.js';
import { site } from '../site/feature.js';
import { service } from '../stations/feature.js';
import { robotPickingSection } from '../stations/picking-report.js';
import { stationsSection } from '../stations/report.js';
import { robotPickingSummary, stationsSummary } from '../stations/summary.js';
import { podFetching, reslotting } from '../storage/feature.js';
import { storageSection, strategiesSection } from '../storage/report.js';

/**
 * Every feature a run can have, in registration order. Each is created in
 * this order (a factory may read what an earlier one put in the world:
 * operations use the re-slotting), and within a phase of the tick
 * (core/feature.ts, PHASES) their stages run in this order: the fleet plans
 * and moves before the stall watch looks, the re-slotting moves before
 * operations' passes, the figures before the alerts. A new feature is one
 * more line here.
 */
export const FEATURES: readonly FeatureFactory[] = [
  (w) => new FleetControl(w), // planning, movement
  podFetching, // assignment
  reslotting, // rearrange
  demand, // demand; orders in the frame
  faults, // faults
  operations, // duty, rearrange
  metrics, // metrics
  alerting, // alerts: metrics
  stallWatch, // planning, movement
  service, // service
  site, // equipment; flow in the frame
];

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
 * equipment holds). Their order is that of the problems they may note.
 */
export const BOOKS: readonly BooksPart[] = [
  stagingBooks, // site: totes staged at stations
  outboundBooks, // outbound: totes in the network, units loose on sorters, docks against the book
  packingBooks, // packing: totes at pack stations
  cartBooks, // people: room for totes on carts
];

/**
 * Every section of the report, in report order (after the run's header, see
 * src/sim/report.ts). The order is the report's published key order, which
 * readers of reports and byte-for-byte comparisons rely on, so it is not the
 * tick's: a new section goes at the end. Every section is in every report
 * (null or empty when its feature is off), except the ones documented as
 * optional (alerts, robotPicking, packing).
 */
export const REPORT_SECTIONS: readonly ReportSection<Partial<Report>>[] = [
  ordersSection, // orders: orders, lines, throughput, cycleTimeSeconds, sla
  robotsSection, // metrics: robots
  stationsSection, // stations: stations
  congestionSection, // metrics: congestion, ordersPerHourSeries
  itemsSection, // orders: items, totes
  timelineSection, // metrics: timelineSeconds
  beltsSection, // outbound: conveyors, sorters
  pickersSection, // people: pickers
  vehiclesSection, // outbound: agvs, docks
  energySection, // metrics: energy
  seriesSection, // metrics: timeSeries, cycleTimeHistogram, congestionGrid
  strategiesSection, // storage: strategies
  storageSection, // storage: storage
  faultsSection, // faults: faults
  operationsSection, // operations: forecast, operations
  conservationSection(BOOKS), // books: conservation, with the parts of the books above
  alertsSection, // alerts: alerts (optional)
  robotPickingSection, // stations: robotPicking (optional)
  packingSection, // packing: packing (optional)
];

/**
 * The features' lines in the summary `wsim run` prints after the run's
 * header, in the order printed (fixed, like the report's keys). Each reads
 * the report, not the world, so a summary can be printed again from a saved
 * report.
 */
export const SUMMARY: readonly SummaryPart[] = [
  ordersSummary, // orders: orders, lines, throughput, cycle time, SLA
  robotsSummary, // metrics: robots, safety, stalls
  stationsSummary, // stations
  pickersSummary, // people
  beltsSummary, // outbound: conveyors, sorters
  vehiclesSummary, // outbound: AGVs, docks
  energySummary, // metrics: energy
  robotPickingSummary, // stations: arms
  packingSummary, // packing
  operationsSummary, // operations
  faultsSummary, // faults
  alertsSummary, // alerts
  booksSummary, // books
];
