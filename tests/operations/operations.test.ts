import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { EventKind } from '../../src/core/events.js';
import { RobotState } from '../../src/core/robots.js';
import type { Report } from '../../src/metrics/report.js';
import { buildReport } from '../../src/sim/report.js';
import { scenarioFromJson } from '../../src/scenario/load.js';
import { scenarioPath, simFor, simFromJson, stableReport } from '../helpers/scenarios.js';

const shipped = (name: string) => JSON.parse(readFileSync(scenarioPath(name), 'utf8'));
const report = (sim: ReturnType<typeof simFor>): Report => buildReport(sim.world, sim.planner.name, sim.assignment.name, 0);

/** Problems the loader reports for a scenario document, as printed. */
function problems(json: unknown): string[] {
  try {
    scenarioFromJson('site.json', json);
    return [];
  } catch (e) {
    const errs = (e as { errors?: Error[] }).errors ?? [e as Error];
    return errs.map((x) => x.message);
  }
}

describe('forecast-driven operations in a run', () => {
  it('forecast-peak, 30 h: off-duty robots take no task and draw nothing parked; duty follows the hourly decisions; the forecaster sees exactly the arrivals', () => {
    const sim = simFor('forecast-peak.json', { duration: '30h' });
    const w = sim.world;
    const r = w.robots;
    const hourTicks = 3600 / sim.config.tickSeconds;
    let offDutyTasks = 0;
    let tasks = 0;
    let parkedDraw = 0;
    let parkedTicks = 0;
    const dutyAtHour: number[] = [];
    const energy = r.energyWh.slice();
    const wasParked = new Uint8Array(r.n);
    sim.observe((f) => {
      for (let k = 0; k < f.events.count; k++) {
        if (f.events.kind[k] !== EventKind.TaskAssigned) continue;
        tasks++;
        if (r.onDuty[f.events.a[k]] === 0) offDutyTasks++;
      }
      for (let i = 0; i < r.n; i++) {
        const parked = r.onDuty[i] === 0 && r.state[i] === RobotState.Idle && r.cell[i] === r.prevCell[i];
        if (parked && wasParked[i]) {
          parkedTicks++;
          parkedDraw += r.energyWh[i] - energy[i];
        }
        wasParked[i] = parked ? 1 : 0;
        energy[i] = r.energyWh[i];
      }
      // Duty is set at the first tick of each hour (frame f.tick = the tick just run + 1).
      if ((f.tick - 1) % hourTicks === 0) dutyAtHour.push(r.onDuty.reduce((a, b) => a + b, 0));
    });
    sim.run();
    const rep = report(sim);
    const ops = rep.operations!;
    const fc = rep.forecast!;
    expect(tasks).toBeGreaterThan(5000);
    expect(offDutyTasks).toBe(0);
    // Robots really were parked for long stretches, and drew nothing then.
    expect(parkedTicks).toBeGreaterThan(100_000);
    expect(parkedDraw).toBe(0);
    // The fleet on duty at each hour's start is what the hour's decision says.
    expect(dutyAtHour).toEqual(ops.hours.map((h) => h.robots));
    // Quiet night hours are run with the minimum, the peak with most of the fleet.
    expect(Math.min(...ops.hours.map((h) => h.robots))).toBe(2);
    expect(Math.max(...ops.hours.map((h) => h.robots))).toBeGreaterThanOrEqual(10);
    expect(ops.robotHoursOnDuty).toBeLessThan(ops.robotHoursFleet / 2);
    // The run starts and ends on the hour: every hour is whole, and their arrivals are every order created.
    expect(fc.hours).toBe(30);
    expect(fc.series.actual.reduce((a, b) => a + b, 0)).toBe(rep.orders.created);
    // Day 1 is forecast by persistence (the last hour), day 2 by the learned day.
    for (let k = 1; k < 24; k++) expect(fc.series.forecast[k]).toBe(fc.series.actual[k - 1]);
    expect(fc.hoursScoredSeasonal).toBe(6);
    expect(fc.mape).toBeGreaterThan(0);
    expect(rep.robots.conflicts).toBe(0);
    expect(rep.robots.depleted).toBe(0);
    // A re-slotting pass started at the day-1 peak, and its moves were carried out.
    expect(ops.reslotPasses).toBeGreaterThanOrEqual(1);
    expect(rep.storage.reslotMoves).toBeGreaterThan(0);
  });

  it('the fixed policy changes nothing in the run: the same report as without operations, plus the forecast', () => {
    const json = shipped('default.json');
    const plain = simFromJson(json);
    plain.run();
    const fixed = simFromJson({ ...json, operations: { policy: 'fixed' } });
    fixed.run();
    const a = report(plain);
    const b = report(fixed);
    expect(a.forecast).toBeNull();
    expect(a.operations).toBeNull();
    expect(b.operations!.robotHoursOnDuty).toBe(b.operations!.robotHoursFleet);
    expect(b.forecast!.hours).toBe(1);
    const strip = (r: Report) => JSON.stringify({ ...r, wallSeconds: 0, forecast: null, operations: null });
    expect(strip(b)).toBe(strip(a));
  });

  it('people: a zone is staffed to the decision within its shifts, and picker-hours fall against everyone on duty', () => {
    const json = shipped('forecast-peak.json');
    json.duration = '12h';
    const run = (policy: string) => {
      const sim = simFromJson({ ...json, operations: { ...json.operations, policy } });
      const present: number[] = [];
      const hourTicks = 3600 / sim.config.tickSeconds;
      sim.observe((f) => {
        // Half-way through each hour, people on duty (not off-duty) in the zone.
        if ((f.tick - 1) % hourTicks === hourTicks / 2) present.push(Array.from(f.flow.pickerState).filter((s) => s !== 0).length);
      });
      sim.run();
      return { rep: report(sim), present };
    };
    const fixed = run('fixed');
    const pro = run('proactive');
    expect(fixed.rep.operations!.pickerHoursOnDuty).toBe(4 * 12);
    expect(fixed.present.every((n) => n === 4)).toBe(true);
    expect(pro.rep.operations!.pickerHoursOnDuty).toBeLessThan(fixed.rep.operations!.pickerHoursOnDuty / 2);
    const staffed = pro.rep.operations!.hours.map((h) => h.pickers[0]);
    // A person finishing a trip may still be on duty half an hour after the decision, never more people than staffed plus those.
    expect(Math.max(...pro.present)).toBeGreaterThan(0);
    expect(pro.present.length).toBe(12);
    pro.present.forEach((n, k) => expect(n).toBeLessThanOrEqual(Math.max(staffed[k], k > 0 ? staffed[k - 1] : 4)));
    expect(pro.rep.lines.picked).toBeGreaterThan(0.98 * pro.rep.lines.created);
  });

  it('the same scenario and seed give the same report bytes; another seed another', () => {
    const run = (seed: number) => {
      const sim = simFor('forecast-peak.json', { duration: '8h', seed });
      sim.run();
      return stableReport(sim);
    };
    const a = run(1);
    expect(run(1)).toBe(a);
    expect(run(2)).not.toBe(a);
  });

  it('bad operations sections are refused with their path', () => {
    const json = shipped('forecast-peak.json');
    expect(problems({ ...json, operations: { policy: 'psychic' } })[0]).toMatch(/^site\.json: operations\.policy: /);
    expect(problems({ ...json, operations: { policy: 'proactive', robots: { min: 17 } } })).toEqual([
      'site.json: operations.robots.min: is 17, but robots.count is 16',
    ]);
    expect(problems({ ...json, operations: { policy: 'proactive', forecast: { alpha: 2 } } })[0]).toMatch(/^site\.json: operations\.forecast\.alpha: /);
    expect(problems({ ...json, storage: { podFill: 1 } })).toEqual([
      'site.json: operations.reslot: moves pods through empty storage locations, but storage.podFill 1 leaves none of the 360 empty: set podFill below 1 or drop reslot',
    ]);
    expect(problems({ ...json, operations: { policy: 'reactive', robots: { targetUtilization: 0 } } })[0]).toMatch(/^site\.json: operations\.robots\.targetUtilization: /);
  });
});
