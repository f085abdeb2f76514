/** Report figures tabulated by experiments, and which way is better for each. */

export type Better = 'higher' | 'lower' | 'none';

export interface KpiDef {
  path: string;
  label: string;
  better: Better;
}

/** Tabulated when an experiment names no `kpis`. */
export const DEFAULT_KPIS: readonly string[] = [
  'throughput.ordersPerHour',
  'cycleTimeSeconds.p50',
  'cycleTimeSeconds.p95',
  'sla.hitRate',
  'orders.open',
  'robots.utilization',
  'congestion.totalWaitTicks',
  'energy.co2eGramsPerOrder',
];

/** Tabulated with the defaults by `wsim run`'s CI reports when the run has finite stock (an `inventory` section). */
export const INVENTORY_KPIS: readonly KpiInput[] = [
  { path: 'inventory.fillRate', better: 'higher' },
  { path: 'inventory.stockoutLines', better: 'lower' },
  { path: 'inventory.cancelledLines', better: 'lower' },
  { path: 'inventory.turnsPerYear', better: 'higher' },
  { path: 'inventory.onHandUnits', better: 'none' },
];

/** Tabulated with the defaults by `wsim run`'s CI reports when the run has inbound trucks and put-away (an `inbound` section). */
export const INBOUND_KPIS: readonly KpiInput[] = [
  { path: 'inbound.unitsStowed', better: 'higher' },
  { path: 'inbound.putVisits', better: 'none' },
  { path: 'inbound.putAwayRobotHours', better: 'lower' },
  { path: 'inbound.peakBufferUnits', better: 'lower' },
];

/** Tabulated with the defaults by `wsim run`'s CI reports when the run has pick accuracy (a `quality` section). */
export const QUALITY_KPIS: readonly KpiInput[] = [
  { path: 'quality.misShipmentRate', better: 'lower' },
  { path: 'quality.pickErrors', better: 'lower' },
  { path: 'quality.caughtAtPack', better: 'none' },
];
/** Tabulated with the defaults by `wsim run`'s CI reports when the run has shipping rules (a `shipping` section). */
export const SHIPMENT_KPIS: readonly KpiInput[] = [
  { path: 'shipments.parcels', better: 'none' },
  { path: 'shipments.splitOrders', better: 'none' },
];

const HIGHER = [/throughput/i, /PerHour/, /hitRate/i, /onTime/i, /completed/i, /picked/i, /shipped/i, /delivered/i, /sorted/i, /PerVisit/i, /PerPickerHour/i];
const LOWER = [
  /Seconds/,
  /cycle/i,
  /energy/i,
  /KWh/,
  /co2e/i,
  /Wh/,
  /wait/i,
  /conflicts/i,
  /Repairs/i,
  /depleted/i,
  /open/i,
  /blocked/i,
  /rejects/i,
  /missorts/i,
  /recirculations/i,
  /queue/i,
  /priorityYields/i,
  /distance/i,
];

/**
 * Which way is better for a report figure: higher for throughput, SLA and
 * counts of work done; lower for times, energy, waiting, backlog and
 * defects; none for shares such as utilisation, where either way can be
 * good.
 */
export function guessBetter(path: string): Better {
  const last = path.split('.').pop() ?? path;
  if (/utilization|chargingShare|busyShare/i.test(last)) return 'none';
  if (HIGHER.some((r) => r.test(last)) || HIGHER.some((r) => r.test(path.split('.')[0]))) return 'higher';
  if (LOWER.some((r) => r.test(path))) return 'lower';
  return 'none';
}

export type KpiInput = string | { path: string; label?: string; better?: Better };

export function kpiDef(input: KpiInput): KpiDef {
  if (typeof input === 'string') return { path: input, label: input, better: guessBetter(input) };
  return { path: input.path, label: input.label ?? input.path, better: input.better ?? guessBetter(input.path) };
}
