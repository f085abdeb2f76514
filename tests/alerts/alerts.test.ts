import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { EventKind } from '../../src/core/events.js';
import type { Sim } from '../../src/sim/sim.js';
import { ALERT_RULE_NAMES, AlertRule } from '../../src/alerts/rules.js';
import { buildReport } from '../../src/sim/report.js';
import { ScenarioErrors } from '../../src/scenario/errors.js';
import { scenarioFromJson } from '../../src/scenario/load.js';
import { scenarioPath, simFromJson } from '../helpers/scenarios.js';

// eslint-disable-next-line @typescript-eslint/no-explicit-any
type Json = any;
const shipped = (name: string): Json => JSON.parse(readFileSync(scenarioPath(name), 'utf8'));
const report = (sim: Sim) => buildReport(sim.world, sim.planner.name, sim.assignment.name, 0);
const run = (json: Json, duration?: string) => {
  const sim = simFromJson(json, duration ? { duration } : {});
  sim.run();
  return sim;
};
/** Seconds from the start of the run at which alert `a` was raised. */
const raisedAt = (sim: Sim, a: { raisedTick: number }) => a.raisedTick * sim.config.tickSeconds;

describe('live alerts: the detector', () => {
  it('stays quiet on clean runs of shipped scenarios with every rule on', () => {
    for (const name of ['default.json', 'hub.json', 'dense.json', 'person-to-goods.json']) {
      const sim = run({ ...shipped(name), alerts: {} });
      expect(sim.alerts!.alerts.map((a) => `${name}: ${a.message}`)).toEqual([]);
      const r = report(sim).alerts!;
      expect(r.raisedTotal).toBe(0);
      expect(r.detection).toMatchObject({ faults: 0, detected: 0, falseAlerts: 0, falseAlertsPerDay: 0 });
    }
  });

  it('is off without an alerts section: no detector, no report key, the report unchanged', () => {
    const sim = run(shipped('default.json'), '10m');
    expect(sim.alerts).toBeNull();
    expect('alerts' in report(sim)).toBe(false);
    expect(JSON.stringify(report(sim))).not.toMatch(/"alerts"/);
  });

  it('catches each fault of the shipped drill within its bound, once, with no false alerts', () => {
    const sim = run(shipped('alerts-drill.json'));
    const d = sim.alerts!;
    const first = (rule: AlertRule, subject: number, after: number) => d.alerts.find((a) => a.rule === rule && a.subject === subject && raisedAt(sim, a) >= after);
    // Robot 5 breaks down at 45m for 20m: stalled after 3 min, within one check more.
    const broken = first(AlertRule.RobotStalled, 5, 45 * 60)!;
    expect(raisedAt(sim, broken) - 45 * 60).toBeGreaterThanOrEqual(180 - 60);
    expect(raisedAt(sim, broken) - 45 * 60).toBeLessThanOrEqual(4 * 60);
    expect(broken.message).toMatch(/broken down, no progress for 3 min/);
    // Cleared around the repair (1h05m), not before it.
    expect(broken.clearedTick * sim.config.tickSeconds).toBeGreaterThanOrEqual(65 * 60);
    expect(broken.clearedTick * sim.config.tickSeconds).toBeLessThanOrEqual(67 * 60);
    // Hysteresis: one alert for the whole breakdown, though the rule looked 20 times.
    expect(d.alerts.filter((a) => a.rule === AlertRule.RobotStalled && a.subject === 5)).toHaveLength(1);
    // Station 1 closed at 1h45m: its lines wait and nothing is picked there. No robot is queued at it, so the rule
    // waits three times its 3 min (lines alone mostly mean pods still on their way): raised at 9-10 min.
    const closed = first(AlertRule.StationQueue, 1, 105 * 60)!;
    expect(raisedAt(sim, closed) - 105 * 60).toBeGreaterThanOrEqual(9 * 60 - 60);
    expect(raisedAt(sim, closed) - 105 * 60).toBeLessThanOrEqual(10 * 60);
    expect(closed.message).toMatch(/^queue 0, \d+ lines waiting, no pick for 9 min$/);
    expect(d.alerts.filter((a) => a.rule === AlertRule.StationQueue && a.subject === 1 && raisedAt(sim, a) < 135 * 60)).toHaveLength(1);

    const r = report(sim).alerts!;
    const det = r.detection;
    expect(det.faults).toBe(5);
    expect(det.windows.map((w) => [w.kind, w.detectedBy !== null])).toEqual([
      ['breakdown', true],
      ['station', true],
      ['conveyor', true],
      // The dock's other chute takes the items: nothing backs up, nothing to alert on.
      ['chute', false],
      ['closure', true],
    ]);
    expect(det.detected).toBe(4);
    // The main line jammed at 2h45m: the stations' staging fills, then picking stops: within 10 min.
    expect(det.windows[2].latencySeconds!).toBeLessThanOrEqual(10 * 60);
    expect(det.latencySeconds.max).toBeLessThanOrEqual(10 * 60);
    expect(det.falseAlerts).toBe(0);
    expect(det.falseAlertsPerDay).toBe(0);
    expect(r.raisedTotal).toBe(d.alerts.length);
    expect(Object.keys(r.byRule)).toEqual([...ALERT_RULE_NAMES]);
    expect(r.raised[0]).toMatchObject({ rule: 'robot-stalled', severity: 'warning', subject: 'robot 5' });
  });

  it('sends each raise and clear as an event with the frames, pairing with the alert list', () => {
    const sim = simFromJson(shipped('alerts-drill.json'), { duration: '2h30m' });
    const raised: string[] = [];
    const cleared: string[] = [];
    sim.observe((f) => {
      const e = f.events;
      for (let k = 0; k < e.count; k++) {
        if (e.kind[k] === EventKind.AlertRaised) raised.push(`${f.tick - 1}:${e.a[k]}:${e.b[k]}`);
        if (e.kind[k] === EventKind.AlertCleared) cleared.push(`${f.tick - 1}:${e.a[k]}:${e.b[k]}`);
      }
    });
    sim.run();
    const d = sim.alerts!;
    expect(raised.length).toBeGreaterThan(2);
    expect(raised).toEqual(d.alerts.map((a) => `${a.raisedTick}:${a.rule}:${a.subject}`));
    expect(cleared.sort()).toEqual(d.alerts.filter((a) => a.clearedTick >= 0).map((a) => `${a.clearedTick}:${a.rule}:${a.subject}`).sort());
  });

  it('gives the same alerts for the same scenario and seed, byte for byte', () => {
    const a = JSON.stringify(report(run(shipped('alerts-drill.json'), '3h')).alerts);
    const b = JSON.stringify(report(run(shipped('alerts-drill.json'), '3h')).alerts);
    expect(a).toBe(b);
    expect(a.length).toBeGreaterThan(200);
  });

  it('raises a throughput drop when every station closes, and clears it once they reopen', () => {
    const json = { ...shipped('default.json'), duration: '3h', faults: { stations: [0, 1].map((station) => ({ station, from: '1h30m', to: '2h' })) }, alerts: { stationQueue: false } };
    const sim = run(json);
    const drops = sim.alerts!.alerts.filter((a) => a.rule === AlertRule.ThroughputDrop);
    expect(drops).toHaveLength(1);
    const t = raisedAt(sim, drops[0]);
    expect(t).toBeGreaterThanOrEqual(90 * 60);
    expect(t - 90 * 60).toBeLessThanOrEqual(8 * 60);
    expect(drops[0].message).toMatch(/orders done in 10 min against \d+ expected, backlog up \d+/);
    expect(drops[0].clearedTick).toBeGreaterThan(drops[0].raisedTick);
    expect(report(sim).alerts!.detection).toMatchObject({ faults: 2, detected: 2, falseAlerts: 0 });
  });

  it('raises battery critical for robots left to run flat, one alert per robot', () => {
    const json = shipped('default.json');
    json.robots.battery = { ...json.robots.battery, initial: 0.08, chargeBelow: 0.01, chargeUntil: 0.5 };
    const sim = run({ ...json, alerts: { warmup: 0, robotStalled: false } }, '1h');
    const crit = sim.alerts!.alerts.filter((a) => a.rule === AlertRule.BatteryCritical);
    expect(crit.length).toBeGreaterThan(0);
    const robots = crit.map((a) => a.subject);
    expect(new Set(robots).size).toBe(robots.length);
    for (const a of crit) expect(a.message).toMatch(/^battery [0-5]\.\d%/);
  });

  it('raises chute full when the chutes are emptied slower than they fill', () => {
    const json = shipped('alerts-drill.json');
    delete json.faults;
    json.outbound.sorters[0].emptying = { workerSecondsPerItem: 40 };
    const sim = run(json, '2h');
    const full = sim.alerts!.alerts.filter((a) => a.rule === AlertRule.ChuteFull);
    expect(full.length).toBeGreaterThan(0);
    expect(full[0].message).toMatch(/^sorter sorter chute \d: \d+ of \d+ items, full for \d+ min/);
    // No injected fault explains them: they are counted as false alerts.
    expect(report(sim).alerts!.detection.falseAlerts).toBe(sim.alerts!.alerts.length);
  });

  it('refuses bad alert settings with the path into the file', () => {
    const bad = (alerts: Json) => {
      try {
        scenarioFromJson('site.json', { ...shipped('default.json'), alerts });
      } catch (e) {
        expect(e).toBeInstanceOf(ScenarioErrors);
        return (e as ScenarioErrors).errors.map((x) => x.toString()).join('\n');
      }
      return 'accepted';
    };
    expect(bad({ robotStalled: { after: 0 } })).toMatch(/site\.json: alerts\.robotStalled/);
    expect(bad({ throughputDrop: { sigmas: -1 } })).toMatch(/site\.json: alerts\.throughputDrop/);
    expect(bad({ chuteFull: true })).toMatch(/site\.json: alerts\.chuteFull/);
    expect(bad({ listen: 1 })).toMatch(/site\.json: alerts/);
    expect(bad({ robotStalled: false, checkEvery: '30s' })).toBe('accepted');
  });
});
