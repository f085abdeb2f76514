import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { EventKind } from '../../src/core/events.js';
import { AlertRule } from '../../src/alerts/rules.js';
import { loadScenario } from '../../src/scenario/load.js';
import { startLiveServer } from '../../src/server/live-server.js';
import { cli } from '../helpers/cli.js';
import { scenarioPath } from '../helpers/scenarios.js';
import { fakeDist, TestViewer, until } from '../server/clients.js';

const drill = scenarioPath('alerts-drill.json');

describe('live alerts on the CLI and the ws stream', () => {
  it('wsim run prints each alert to stderr as raised, and the detection figures in the summary and report', async () => {
    const report = join(mkdtempSync(join(tmpdir(), 'wsim-alerts-')), 'r.json');
    const r = await cli('run', drill, '--duration', '2h30m', '--report', report);
    expect(r.code).toBe(0);
    const lines = r.err.split('\n').filter((l) => l.startsWith('alert '));
    expect(lines[0]).toBe('alert t=00:47:59 robot-stalled robot 5: broken down, no progress for 3 min');
    expect(lines).toContain('alert t=01:54:59 station-queue station 1: queue 0, 3 lines waiting, no pick for 9 min');
    expect(lines.every((l) => /^alert t=\d\d:\d\d:\d\d [a-z-]+ (site|station \d+|robot \d+|chute \d+): .+/.test(l))).toBe(true);
    const json = JSON.parse(readFileSync(report, 'utf8'));
    expect(json.alerts.raisedTotal).toBe(lines.length);
    expect(json.alerts.detection).toMatchObject({ faults: 2, detected: 2, falseAlerts: 0 });
    expect(r.out).toMatch(/^ {2}alerts {8}\d+ raised \(.*robot-stalled.*\); 2 of 2 faults detected, fault to alert mean \d+s, p50 \d+s, max \d+s; 0 false \(0\/day\)$/m);
  });

  it('--quiet prints no alert lines', async () => {
    const r = await cli('run', drill, '--duration', '1h', '--quiet');
    expect(r.code).toBe(0);
    expect(r.err).toBe('');
    expect(r.out).toBe('');
  });

  it('the ws stream carries alert events to a viewer', async () => {
    const configFor = (seed?: number | string) => loadScenario(drill, { seed, duration: '1h' }).config;
    const server = await startLiveServer({ configFor, dist: fakeDist(), port: 0, speed: 'max' });
    const v = new TestViewer(server.url.replace('http', 'ws') + 'ws', 100_000);
    const raised: number[][] = [];
    try {
      await v.open();
      await until(
        () => {
          for (const f of v.frames.splice(0)) {
            const e = f.events;
            for (let k = 0; k < e.count; k++) if (e.kind[k] === EventKind.AlertRaised) raised.push([e.tick[k], e.a[k], e.b[k]]);
          }
          return raised.length > 0;
        },
        20_000,
        'an alert event',
      );
      // Robot 5 breaks down at 45 min (4,050 ticks of 2/3 s); three minutes later, at a check, it is stalled.
      expect(raised[0]).toEqual([4319, AlertRule.RobotStalled, 5]);
    } finally {
      v.close();
      await server.close();
    }
  });
});
