import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { rngStream } from '../../src/core/rng.js';
import { RobotState } from '../../src/core/robots.js';
import { randomSlotting, velocitySlotting } from '../../src/storage/slotting.js';
import { addPickWork, createStations } from '../../src/stations/stations.js';
import { watchInvariants } from '../helpers/invariants.js';
import { scenarioPath, simFromJson } from '../helpers/scenarios.js';

const defaultJson = () => JSON.parse(readFileSync(scenarioPath('default.json'), 'utf8'));

describe('slotting', () => {
  const input = (rng = rngStream(1, 's')) => ({ skuCount: 10, replicas: 2, podCount: 5, podDistance: Float64Array.from([9, 1, 5, 3, 7]), rng });

  it('velocity puts the most popular SKUs in the pods nearest a station', () => {
    const out = velocitySlotting(input());
    // Zipf(1) over 10 SKUs: class A = SKUs 0-1 (half the demand), B = 2-5, C = 6-9; pods by distance 1, 3, 2, 4, 0.
    expect(out[0][0]).toBe(1); // SKU 0 (most popular) in the nearest pod
    expect(out[1][0]).toBe(1);
    for (let s = 2; s < 6; s++) expect([3, 2]).toContain(out[s][0]);
    for (let s = 6; s < 10; s++) expect([4, 0]).toContain(out[s][0]);
  });

  it('every SKU gets its replicas on different pods, whatever the strategy', () => {
    for (const s of [velocitySlotting, randomSlotting]) {
      const out = s(input());
      expect(out).toHaveLength(10);
      for (const pods of out) {
        expect(pods).toHaveLength(2);
        expect(new Set(pods).size).toBe(2);
      }
    }
  });

  it('random slotting is seeded', () => {
    expect(randomSlotting(input(rngStream(3, 's')))).toEqual(randomSlotting(input(rngStream(3, 's'))));
    expect(randomSlotting(input(rngStream(3, 's')))).not.toEqual(randomSlotting(input(rngStream(4, 's'))));
  });
});

describe('stations', () => {
  it('pickers share a pod visit: the visit lasts as long as the busiest picker', () => {
    const st = createStations(Int32Array.from([5]), 2);
    expect(addPickWork(st, 0, 4)).toBe(4);
    expect(addPickWork(st, 0, 3)).toBe(4);
    expect(addPickWork(st, 0, 2)).toBe(5);
  });

  it('one picker picks a pod visit in the sum of its line times', () => {
    const json = defaultJson();
    json.duration = '20m';
    json.stations = { pickSeconds: 4, pickers: 1, queueCapacity: 2 };
    json.robots.speed = 1;
    const sim = simFromJson(json);
    const starts = new Map<number, number>();
    const spans: number[] = [];
    let linesAtStart = 0;
    sim.observe((f) => {
      const e = f.events;
      for (let k = 0; k < e.count; k++) if (e.kind[k] === 3) starts.set(e.a[k], f.tick - 1);
      const r = sim.world.robots;
      for (const [robot, t0] of starts) {
        if (r.state[robot] !== RobotState.Picking) {
          spans.push(f.tick - 1 - t0);
          starts.delete(robot);
        }
      }
    });
    void linesAtStart;
    sim.run();
    expect(spans.length).toBeGreaterThan(20);
    // 4 s per line at 1 s ticks: every visit lasts a whole number of lines.
    for (const s of spans) expect(s % 4).toBe(0);
  });
});

describe('batteries', () => {
  it('robots low on charge go to chargers and come back to work; none runs flat', () => {
    const json = defaultJson();
    json.duration = '2h';
    json.robots.battery = { capacityWh: 200, moveWh: 0.2, idleWatts: 20, chargeWatts: 3000, chargeBelow: 0.3, chargeUntil: 0.9 };
    const sim = simFromJson(json);
    const rep = watchInvariants(sim);
    let charging = 0;
    sim.observe((f) => {
      for (let k = 0; k < f.events.count; k++) if (f.events.kind[k] === 4) charging++;
    });
    sim.run();
    expect(rep.vertexConflicts + rep.swaps).toBe(0);
    expect(charging).toBeGreaterThan(12);
    const r = sim.world.robots;
    for (let i = 0; i < r.n; i++) {
      expect(r.state[i]).not.toBe(RobotState.Depleted);
      expect(r.chargingTicks[i]).toBeGreaterThan(0);
    }
    // Charging takes robot time, but work goes on through the second hour.
    const hourly = sim.world.metrics.hourly;
    expect(hourly[1]).toBeGreaterThan(hourly[0] * 0.3);
  });

  it('with no charger reachable in time a robot runs flat, stops, and the report says so', () => {
    const json = defaultJson();
    json.duration = '30m';
    json.robots.battery = { capacityWh: 5, moveWh: 0.1, idleWatts: 0, chargeBelow: 0, chargeUntil: 0.9 };
    const sim = simFromJson(json);
    sim.run();
    const r = sim.world.robots;
    let depleted = 0;
    for (let i = 0; i < r.n; i++) if (r.state[i] === RobotState.Depleted) depleted++;
    expect(depleted).toBeGreaterThan(0);
    expect(sim.world.books.ordersCreated).toBe(sim.world.books.ordersCompleted + sim.world.books.openOrders);
  });
});
