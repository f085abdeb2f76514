import { describe, expect, it } from 'vitest';
import { PHASES, type Feature, type Phase } from '../../src/core/feature.js';
import { TickLoop } from '../../src/core/tick.js';
import { createWorld } from '../../src/sim/create-world.js';
import { FEATURES } from '../../src/sim/features.js';
import { simFor } from '../helpers/scenarios.js';

/** A feature that notes each stage it runs. */
function noting(name: string, phases: Phase[], log: string[]): Feature {
  return {
    name,
    stages: Object.fromEntries(phases.map((p) => [p, () => log.push(`${p}:${name}`)])),
    frame: () => log.push(`frame:${name}`),
  };
}

describe('the tick loop', () => {
  it('runs stages phase by phase, features in registration order within a phase, then the frame', () => {
    const sim = simFor('default.json');
    const log: string[] = [];
    const loop = new TickLoop(sim.world, [noting('a', ['metrics', 'faults'], log), noting('b', ['faults', 'service'], log)]);
    let frames = 0;
    loop.observe((f) => {
      frames++;
      expect(f.tick).toBe(1);
      expect(log).toEqual(['faults:a', 'faults:b', 'service:b', 'metrics:a', 'frame:a', 'frame:b']);
    });
    loop.step();
    expect(frames).toBe(1);
    expect(sim.world.tick).toBe(1);
  });

  it('keeps the phases in the documented order', () => {
    expect(PHASES).toEqual(['faults', 'duty', 'demand', 'assignment', 'rearrange', 'planning', 'movement', 'service', 'equipment', 'metrics']);
  });

  it("creates every feature a scenario turns on, and only those", () => {
    const sim = simFor('default.json');
    expect(sim.features.map((f) => f.name)).toEqual(['fleet', 'pod fetching', 'demand', 'metrics', 'stalls', 'service', 'site']);
    const hub = simFor('alerts-drill.json');
    expect(hub.features.map((f) => f.name)).toContain('faults');
    expect(hub.features.map((f) => f.name)).toContain('alerts');
    // The eight left out (re-slotting, inventory, inbound, faults, operations, alerts, shipping, quality) return null and leave their part of the world empty.
    const w = createWorld(sim.config);
    expect(FEATURES.map((create) => create(w)).filter((f) => f === null).length).toBe(8);
    expect(w.inventory).toBeNull();
    expect(w.putAway).toBeNull();
    expect(w.faults).toBeNull();
    expect(w.operations).toBeNull();
    expect(w.alerts).toBeNull();
    expect(w.shipping).toBeNull();
    expect(w.quality).toBeNull();
    expect(w.orderClasses).toBeNull();
  });
});
