import { describe, expect, it } from 'vitest';
import type { Report } from '../../src/metrics/report.js';
import { qualitySummary } from '../../src/quality/summary.js';

describe('quality summary line', () => {
  it('shows the mis-shipment rate to two decimals of a percent, so a few orders in ten thousand do not read 0.0%', () => {
    const quality = { pickErrors: 65, pickErrorsByPeople: 65, pickErrorsByArms: 0, caughtAtPack: 63, ordersShippedWrong: 2, misShipmentRate: 0.0002 };
    const [line] = qualitySummary({ quality } as unknown as Report);
    expect(line).toContain('2 orders shipped wrong: mis-shipment rate 0.02%');
  });

  it('prints nothing when the scenario has no quality section', () => {
    expect(qualitySummary({ quality: null } as unknown as Report)).toEqual([]);
  });
});
