import { describe, expect, it } from 'vitest';
import { isShare, kpiLabel } from '../../src/ci/kpi-labels.js';

describe('KPI labels in the HTML report', () => {
  it('names the common figures in words, with units', () => {
    expect(kpiLabel('throughput.ordersPerHour')).toEqual({ label: 'Orders per hour', scale: 1 });
    expect(kpiLabel('cycleTimeSeconds.p95')).toEqual({ label: 'Cycle time p95 (s)', scale: 1 });
    expect(kpiLabel('energy.co2eGramsPerOrder').label).toBe('CO2e per order (g)');
  });

  it('shows shares in percent, however they are named', () => {
    expect(kpiLabel('robots.utilization')).toEqual({ label: 'Robot utilisation (%)', scale: 100 });
    expect(kpiLabel('sla.hitRate')).toEqual({ label: 'Orders on time (%)', scale: 100 });
    expect(kpiLabel('stations[1].utilization')).toEqual({ label: 'Stations[1] utilisation (%)', scale: 100 });
    expect(kpiLabel('robots.utilization', 'Fleet busy')).toEqual({ label: 'Fleet busy (%)', scale: 100 });
    expect(isShare('robots.chargingShare')).toBe(true);
    expect(isShare('robots.waitTicks')).toBe(false);
  });

  it('reads units off the name of figures it does not list, and keeps an experiment’s own label', () => {
    expect(kpiLabel('docks[0].lateSeconds')).toEqual({ label: 'Docks[0] late (s)', scale: 1 });
    expect(kpiLabel('conveyors[2].maxTotes')).toEqual({ label: 'Conveyors[2] max totes', scale: 1 });
    expect(kpiLabel('throughput.ordersPerHour', 'Peak throughput')).toEqual({ label: 'Peak throughput', scale: 1 });
  });
});
