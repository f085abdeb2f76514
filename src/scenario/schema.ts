import { z } from 'zod';
import { Duration, PositiveDuration, TimeDistribution, TimeOfDay } from './primitives.js';
import { assertionSyntaxError } from './assertions.js';
import { Layout } from '../layout/schema.js';
import { Fleet, Robots } from '../fleet/schema.js';
import { Demand, Release, ServiceClasses } from '../orders/schema.js';
import { Shipping } from '../shipping/schema.js';
import { Quality } from '../quality/schema.js';
import { Stations } from '../stations/schema.js';
import { StorageSection } from '../storage/schema.js';
import { Pickers } from '../people/schema.js';
import { Outbound } from '../outbound/schema.js';
import { Packing } from '../packing/schema.js';
import { Alerts } from '../alerts/schema.js';
import { Energy } from '../metrics/schema.js';
import { Faults } from '../faults/schema.js';
import { Operations } from '../operations/schema.js';
import { Inventory } from '../inventory/schema.js';
import { Inbound, Replenishment } from '../inbound/schema.js';

/**
 * The scenario file: its own keys (name, seed, duration, start time,
 * assertions) are here; every section is declared in its folder's schema.ts
 * (the layout in `layout`, robots and fleet in `fleet`) and composed below.
 */

export { Duration, TimeDistribution, TimeOfDay };

/** A wsim scenario file. */
export const Scenario = z.strictObject({
  $schema: z.string().optional(),
  name: z.string().min(1).max(200),
  description: z.string().optional(),
  seed: z.union([z.number().int(), z.string().min(1)]).default(1),
  duration: PositiveDuration,
  startTime: TimeOfDay.default('00:00').describe('Time of day the run starts: hourly profiles, shifts and cut-offs follow it'),
  layout: Layout,
  robots: Robots,
  demand: Demand,
  serviceClasses: ServiceClasses.optional(),
  release: Release.optional(),
  stations: Stations.prefault({}),
  fleet: Fleet.prefault({}),
  storage: StorageSection.prefault({}).describe('Storage locations: pod fill and where pods go after a visit'),
  pickers: Pickers.optional().describe('Person-to-goods zones: people walking shelves with carts'),
  outbound: Outbound.optional().describe('Conveyors, sorters, AGVs and docks after picking; omitted = an order is done when picked'),
  packing: Packing.optional().describe('Pack stations: cartons chosen from the items\' sizes; omitted = totes ship as picked'),
  shipping: Shipping.optional().describe('Shipping rules per service class: ship complete or split at the cut-off; omitted = every order ships complete, parcels not counted'),
  quality: Quality.optional().describe('Pick accuracy: pick errors per picker type and the pack check; omitted = every line picked right'),
  energy: Energy.prefault({}),
  faults: Faults.optional().describe('Faults on the same clock as the run: robot breakdowns, closed areas, conveyor jams, chutes, stations and people out'),
  operations: Operations.optional().describe('Forecast-driven operations: an hourly demand forecast driving robots and people on duty and re-slotting ahead of peaks; omitted = everyone on duty'),
  alerts: Alerts.optional().describe('Live alerts: an anomaly detector over the KPIs (throughput drop, station queue, robots stalled, battery critical, chute full); omitted = off'),
  inventory: Inventory.optional().describe('Finite stock in pod slots: initial fill, slot capacity, stock-outs waiting or cancelled; omitted = every pod holds an endless supply'),
  inbound: Inbound.optional().describe("Trucks on a daily schedule, a receiving buffer and put stations ('U' cells) stowing units into pods; needs inventory; omitted = stock only falls"),
  replenishment: Replenishment.optional().describe('The policy deciding what trucks that list no SKUs bring: none, min-max or forecast; needs inbound; omitted = none'),
  assertions: z
    .array(z.string().superRefine((v, ctx) => {
      const problem = assertionSyntaxError(v);
      if (problem !== null) ctx.addIssue({ code: 'custom', message: problem });
    }))
    .optional()
    .describe('CI checks on the report, e.g. "throughput.ordersPerHour >= 1200"; wsim run exits 1 when one fails'),
});

export type ScenarioInput = z.input<typeof Scenario>;
export type ScenarioFile = z.output<typeof Scenario>;

/** JSON Schema of the scenario file as written by people (defaults optional). */
export function scenarioJsonSchema(): unknown {
  return z.toJSONSchema(Scenario, { io: 'input', unrepresentable: 'any' });
}
