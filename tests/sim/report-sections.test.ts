import { describe, expect, it } from 'vitest';
import { BOOKS, REPORT_SECTIONS } from '../../src/sim/features.js';
import { buildReport } from '../../src/sim/report.js';
import { simFor } from '../helpers/scenarios.js';

const HEADER = ['scenario', 'seed', 'planner', 'assignment', 'simulatedSeconds', 'ticks', 'tickSeconds', 'wallSeconds'];
/** Sections a report leaves out when the scenario does not configure their feature. */
const OPTIONAL = new Set(['alerts', 'robotPicking', 'packing']);

describe('the report sections', () => {
  const declared = REPORT_SECTIONS.flatMap((s) => s.keys);

  it('declare each key once', () => {
    expect(new Set(declared).size).toBe(declared.length);
  });

  it.each(['default.json', 'auto-pack.json', 'alerts-drill.json'])('give the report its keys in their declared order (%s)', (name) => {
    const sim = simFor(name);
    sim.run(200);
    const keys = Object.keys(buildReport(sim.world, sim.planner.name, sim.assignment.name, 0));
    expect(keys).toEqual([...HEADER, ...declared.filter((k) => !OPTIONAL.has(k) || keys.includes(k))]);
    for (const s of REPORT_SECTIONS) expect(Object.keys(s.build(sim.world, BOOKS)).every((k) => s.keys.includes(k)), s.keys.join()).toBe(true);
  });
});
