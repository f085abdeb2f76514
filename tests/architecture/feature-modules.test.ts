import { takeOversSummary } from '../../src/storage/summary.js';
import { describe, expect, it } from 'vitest';
import type { FeatureModule } from '../../src/core/feature.js';
import { alerting } from '../../src/alerts/feature.js';
import { alertsSummary } from '../../src/alerts/summary.js';
import { booksSummary } from '../../src/books/summary.js';
import { faults } from '../../src/faults/feature.js';
import { faultsSummary } from '../../src/faults/summary.js';
import { inboundBooks } from '../../src/inbound/books.js';
import { inbound } from '../../src/inbound/feature.js';
import { inboundSummary } from '../../src/inbound/summary.js';
import { stockBooks } from '../../src/inventory/books.js';
import { inventory } from '../../src/inventory/feature.js';
import { inventorySummary } from '../../src/inventory/summary.js';
import { fleetControl } from '../../src/fleet/module.js';
import { metrics } from '../../src/metrics/feature.js';
import { stallWatch } from '../../src/stalls/feature.js';
import { energySummary, robotsSummary } from '../../src/metrics/summary.js';
import { operations } from '../../src/operations/feature.js';
import { operationsSummary } from '../../src/operations/summary.js';
import { demand } from '../../src/orders/feature.js';
import { ordersSummary } from '../../src/orders/summary.js';
import { outboundBooks } from '../../src/outbound/books.js';
import { beltsSummary, vehiclesSummary } from '../../src/outbound/summary.js';
import { packingBooks } from '../../src/packing/books.js';
import { packingSummary } from '../../src/packing/summary.js';
import { cartBooks } from '../../src/people/books.js';
import { pickersSummary } from '../../src/people/summary.js';
import { BOOKS, FEATURES, inOrder, MODULES, REPORT_SECTIONS, SUMMARY } from '../../src/sim/features.js';
import { stagingBooks } from '../../src/site/books.js';
import { site } from '../../src/site/feature.js';
import { service } from '../../src/stations/feature.js';
import { robotPickingSummary, stationsSummary } from '../../src/stations/summary.js';
import { podFetching, reslotting } from '../../src/storage/feature.js';
import { shippingBooks } from '../../src/shipping/books.js';
import { shipping } from '../../src/shipping/feature.js';
import { shipmentsSummary } from '../../src/shipping/summary.js';
import { quality } from '../../src/quality/feature.js';
import { qualitySummary } from '../../src/quality/summary.js';

/**
 * The report's published key order after the run's header: readers of
 * reports and byte-for-byte comparisons of them rely on it. A new section
 * adds its keys at the end, deliberately, here and in its module's place.
 */
const PUBLISHED_REPORT_KEYS = [
  'orders', 'lines', 'throughput', 'cycleTimeSeconds', 'sla',
  'robots',
  'stations',
  'congestion', 'ordersPerHourSeries',
  'items', 'totes',
  'timelineSeconds',
  'conveyors', 'sorters',
  'pickers',
  'agvs', 'docks',
  'energy',
  'timeSeries', 'cycleTimeHistogram', 'congestionGrid',
  'strategies',
  'storage',
  'faults',
  'forecast', 'operations',
  'conservation',
  'alerts',
  'robotPicking',
  'packing',
  'inventory',
  'shipments',
  'quality',
  'inbound',
];

/** A module that places one report section of key `key` at `order`. */
function placing(name: string, order: number, key = name): FeatureModule {
  return { name, report: [{ order, part: { keys: [key], build: () => ({ [key]: order }) } }] };
}

describe('sorting the modules\' parts into a published order', () => {
  const keys = (mods: FeatureModule[]) => inOrder(mods, 'report sections', (m) => m.report ?? []).map((s) => s.keys[0]);

  it('puts each part at its place, whatever the modules\' order', () => {
    expect(keys([placing('c', 3), placing('a', 1), placing('b', 2)])).toEqual(['a', 'b', 'c']);
  });

  it('refuses two parts at one place, naming both modules', () => {
    expect(() => keys([placing('a', 1), placing('b', 2), placing('c', 2)])).toThrow('report sections: b and c both place a part at 2');
  });

  it('refuses a place left empty (a place beyond the number of parts)', () => {
    expect(() => keys([placing('a', 1), placing('b', 3)])).toThrow('report sections: b places a part at 3; places run from 1 to 2');
  });

  it('refuses places that are not counted from 1', () => {
    expect(() => keys([placing('a', 0), placing('b', 1)])).toThrow('a places a part at 0');
    expect(() => keys([placing('a', 1.5), placing('b', 1)])).toThrow('a places a part at 1.5');
  });
});

describe('the one list of feature modules', () => {
  it('names each module once', () => {
    const names = MODULES.map((m) => m.name);
    expect(new Set(names).size).toBe(names.length);
  });

  it('registers the features in the order the tick has always run them', () => {
    expect(FEATURES).toEqual([fleetControl, podFetching, reslotting, demand, inventory, inbound, faults, operations, metrics, alerting, stallWatch, service, site, shipping, quality]);
  });

  it('composes the report in its published key order', () => {
    expect(REPORT_SECTIONS.flatMap((s) => s.keys)).toEqual(PUBLISHED_REPORT_KEYS);
  });

  it('composes the summary in its published order', () => {
    expect(SUMMARY).toEqual([
      ordersSummary,
      robotsSummary,
      stationsSummary,
      pickersSummary,
      beltsSummary,
      vehiclesSummary,
      energySummary,
      robotPickingSummary,
      packingSummary,
      operationsSummary,
      faultsSummary,
      alertsSummary,
      booksSummary,
      inventorySummary,
      shipmentsSummary,
      qualitySummary,
      inboundSummary,
      takeOversSummary,
    ]);
  });

  it('composes the books parts in the order of the problems they note', () => {
    expect(BOOKS).toEqual([stagingBooks, outboundBooks, packingBooks, cartBooks, stockBooks, shippingBooks, inboundBooks]);
  });

  it('takes every place of each order exactly once (the composition would throw otherwise)', () => {
    const places = (pick: (m: FeatureModule) => readonly { order: number }[]) => MODULES.flatMap(pick).map((p) => p.order).sort((a, b) => a - b);
    const oneTo = (n: number) => Array.from({ length: n }, (_, k) => k + 1);
    expect(places((m) => m.report ?? [])).toEqual(oneTo(REPORT_SECTIONS.length));
    expect(places((m) => m.summary ?? [])).toEqual(oneTo(SUMMARY.length));
    expect(places((m) => (m.books ? [m.books] : []))).toEqual(oneTo(BOOKS.length));
  });
});
