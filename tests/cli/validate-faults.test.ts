import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { cli } from '../helpers/cli.js';
import { scenarioPath } from '../helpers/scenarios.js';

describe('wsim validate and faults', () => {
  it('says which faults a scenario injects', async () => {
    const doc = JSON.parse(readFileSync(scenarioPath('hub.json'), 'utf8'));
    doc.faults = {
      robots: { mtbf: '8h', mttr: '10m', breakdowns: [{ robot: 3, at: '1h', for: '5m' }] },
      closures: [{ area: [[4, 20], [4, 10]], from: '2h', to: '2h30m' }],
      conveyors: [{ conveyor: 'main', mtbf: '2h', mttr: '5m' }],
      stations: [
        { station: 1, from: '1h', to: '1h30m' },
        { station: 2, from: '2h', to: '2h30m' },
      ],
    };
    const file = join(mkdtempSync(join(tmpdir(), 'wsim-validate-')), 'hub-faults.json');
    writeFileSync(file, JSON.stringify(doc));
    const { code, out } = await cli('validate', file);
    expect(code).toBe(0);
    expect(out).toContain(
      'faults: breakdowns every 8h 00m 00s per robot (repaired in 10m 00s), 1 scheduled breakdown, 1 aisle closure, 1 conveyor jam, 2 station closures',
    );
  });

  it('says nothing of faults when there are none', async () => {
    const { code, out } = await cli('validate', scenarioPath('hub.json'));
    expect(code).toBe(0);
    expect(out).not.toContain('faults');
  });
});

describe('wsim validate and the automation sections', () => {
  it.each([
    ['robot-picking.json', 'picking arms at 2 station(s)'],
    ['auto-pack.json', 'pack stations auto (auto), bench (manual)'],
    ['forecast-peak.json', 'operations policy proactive'],
    ['alerts-drill.json', 'live alerts on, faults: 1 scheduled breakdown'],
  ])('%s: says %s', async (name, says) => {
    const { code, out } = await cli('validate', scenarioPath(name));
    expect(code).toBe(0);
    expect(out).toContain(says);
  });
});
