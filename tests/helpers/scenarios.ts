import { fileURLToPath } from 'node:url';
import { Sim } from '../../src/sim/sim.js';
import type { Report } from '../../src/metrics/report.js';
import { buildReport } from '../../src/sim/report.js';
import { ScenarioErrors } from '../../src/scenario/errors.js';
import { loadScenario, scenarioFromJson, type LoadOptions } from '../../src/scenario/load.js';

export const scenarioPath = (name: string) => fileURLToPath(new URL(`../../scenarios/${name}`, import.meta.url));

/** A small valid site (one station, one charger, four pods, two robots) for loader and option tests to build on. */
export function smallSite(name: string, seed: number) {
  return {
    name,
    seed,
    duration: '10m',
    layout: { grid: ['@@@@@@@', '@P...C@', '@.RR..@', '@.....@', '@@@@@@@'] },
    robots: { count: 2 },
    demand: { ordersPerHour: 60 },
  };
}

export function simFor(name: string, options: LoadOptions = {}): Sim {
  return new Sim(loadScenario(scenarioPath(name), options).config);
}

export function simFromJson(json: unknown, options: LoadOptions = {}): Sim {
  return new Sim(scenarioFromJson('inline.json', json, options).config);
}

/** The report with its one wall-clock field removed, for byte comparisons. */
export function stableReport(sim: Sim): string {
  const r: Partial<Report> = buildReport(sim.world, sim.planner.name, sim.assignment.name, 0);
  delete r.wallSeconds;
  return JSON.stringify(r);
}

/** The loader's messages for a document loaded as `site.json` (empty when it loads). */
export function loaderMessages(json: unknown): string[] {
  try {
    scenarioFromJson('site.json', json);
    return [];
  } catch (e) {
    if (e instanceof ScenarioErrors) return e.errors.map((x) => x.message);
    throw e;
  }
}
