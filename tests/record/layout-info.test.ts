import { describe, expect, it } from 'vitest';
import { layoutInfo } from '../../src/record/layout-info.js';
import { loadScenario } from '../../src/scenario/load.js';
import { scenarioPath } from '../helpers/scenarios.js';

describe('layout info for viewers', () => {
  it('says who picks at each station: arms by model, people elsewhere', () => {
    const info = layoutInfo(loadScenario(scenarioPath('robot-picking.json')).config);
    expect(info.stationPickers).toEqual(['arm suction-arm', 'people', 'people', 'arm suction-arm']);
    expect(info.equipment.packStations).toEqual([]);
  });

  it('lists pack stations with their mode and lanes', () => {
    const info = layoutInfo(loadScenario(scenarioPath('auto-pack.json')).config);
    expect(info.stationPickers).toEqual(['people', 'people']);
    expect(info.equipment.packStations).toEqual([
      { name: 'auto', mode: 'auto', lanes: 1 },
      { name: 'bench', mode: 'manual', lanes: 2 },
    ]);
  });
});
