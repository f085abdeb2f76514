import { describe, expect, it } from 'vitest';
import { cli } from '../helpers/cli.js';
import { scenarioPath } from '../helpers/scenarios.js';

describe('the run summary for picking arms, pack stations and operations', () => {
  it('prints arm and people stations side by side', async () => {
    const { code, out } = await cli('run', scenarioPath('robot-picking.json'), '--duration', '20m');
    expect(code).toBe(0);
    expect(out).toMatch(/\n {2}robotic picking\n {4}#0 arm suction-arm: \d+ lines, \d+\/h, busy [\d.]+%, \d+ by the arm, \d+ by a person \(\d+ out of reach\), grasps [\d.]+% failed\n {4}#1 people: \d+ lines/);
  });

  it('prints each pack station with its carton fill, board and void fill per order', async () => {
    const { code, out } = await cli('run', scenarioPath('auto-pack.json'), '--duration', '20m');
    expect(code).toBe(0);
    expect(out).toMatch(/\n {2}packing\n {4}auto \(auto\): \d+ parcels, .*carton fill [\d.]+%, [\d.]+ m2 board and [\d.]+ L void fill per order\n {4}bench \(manual\): \d+ parcels/);
  });

  it('prints the operations policy, its duty hours and the forecast error', async () => {
    const { code, out } = await cli('run', scenarioPath('forecast-peak.json'), '--duration', '3h');
    expect(code).toBe(0);
    expect(out).toMatch(/\n {2}operations {4}proactive: \d+ of 48 robot-hours on duty, \d+ person-hours, \d+ re-slot passes; forecast MAPE [\d.]+%\n/);
  });

  it('prints none of them for a site without them', async () => {
    const { out } = await cli('run', '--duration', '5m');
    expect(out).not.toMatch(/robotic picking|packing|operations/);
  });
});
