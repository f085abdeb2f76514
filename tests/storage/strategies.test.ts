import { describe, expect, it } from 'vitest';
import { rngStream } from '../../src/core/rng.js';
import { buildFamilies, sampleFromFamily } from '../../src/orders/families.js';
import { bestBalanced, ORDER_ASSIGNMENTS } from '../../src/orders/order-assignment.js';
import { POD_RETURN } from '../../src/storage/pod-return.js';
import { PodState } from '../../src/storage/pods.js';
import {
  abcClasses,
  coiSlotting,
  correlatedSlotting,
  drawCubes,
  dynamicSlotting,
  randomSlotting,
  SLOTTING,
  velocitySlotting,
  type SlottingInput,
} from '../../src/storage/slotting.js';
import { podLocations } from '../../src/storage/storage.js';
import { OrderAssignmentName } from '../../src/orders/schema.js';
import { PodReturnName, SlottingName } from '../../src/storage/schema.js';
import { simFromJson } from '../helpers/scenarios.js';

const input = (over: Partial<SlottingInput> & { podDistance: Float64Array; skuCount: number }): SlottingInput => ({
  replicas: 1,
  podCount: over.podDistance.length,
  rng: rngStream(1, 'slotting'),
  ...over,
});

/** The single pod of each SKU (replicas 1). */
const podOf = (out: number[][]) => out.map((pods) => (expect(pods).toHaveLength(1), pods[0]));

describe('registries and schema enums', () => {
  it('the scenario enums are the registries\' names, defaults first', () => {
    expect(SlottingName.options).toEqual(Object.keys(SLOTTING));
    expect(PodReturnName.options).toEqual(Object.keys(POD_RETURN));
    expect(OrderAssignmentName.options).toEqual(Object.keys(ORDER_ASSIGNMENTS));
    expect(Object.keys(SLOTTING)).toEqual(['random', 'velocity', 'cube-per-order', 'correlated', 'dynamic']);
    expect(Object.keys(POD_RETURN)).toEqual(['fixed-home', 'nearest-free', 'turnover']);
    expect(Object.keys(ORDER_ASSIGNMENTS)).toEqual(['least-loaded', 'fcfs', 'lines-in-common', 'pod-matching']);
    for (const [name, make] of Object.entries(ORDER_ASSIGNMENTS)) expect(make().name).toBe(name);
    for (const [name, rule] of Object.entries(POD_RETURN)) expect(rule.name).toBe(name);
    expect(dynamicSlotting.reslots).toBe(true);
    expect(velocitySlotting.reslots).toBeFalsy();
  });
});

describe('velocity: ABC classes', () => {
  it('classes by cumulative demand share: A up to 50%, B up to 80%, C the rest', () => {
    // Cumulative share before each SKU: 0, .40, .60, .75, .85, .93.
    const pop = Float64Array.from([0.4, 0.2, 0.15, 0.1, 0.08, 0.07]);
    expect(Array.from(abcClasses(pop))).toEqual([0, 0, 1, 1, 2, 2]);
    // Order does not matter: classes follow popularity, not index.
    expect(Array.from(abcClasses(Float64Array.from([0.07, 0.4, 0.1, 0.2, 0.15, 0.08])))).toEqual([2, 0, 1, 0, 1, 2]);
  });

  it('class A fills the pods nearest the stations, then B, then C, zones in proportion to the SKU counts', () => {
    const pop = Float64Array.from([0.4, 0.2, 0.15, 0.1, 0.08, 0.07]);
    // Pods by distance: 1 (1), 3 (2), 5 (3), 2 (4), 0 (5), 4 (6).
    const podDistance = Float64Array.from([5, 1, 4, 2, 6, 3]);
    for (const seed of [1, 2, 3]) {
      const pods = podOf(velocitySlotting(input({ skuCount: 6, podDistance, popularity: pop, rng: rngStream(seed, 's') })));
      expect(new Set(pods.slice(0, 2))).toEqual(new Set([1, 3]));
      expect(new Set(pods.slice(2, 4))).toEqual(new Set([5, 2]));
      expect(new Set(pods.slice(4, 6))).toEqual(new Set([0, 4]));
    }
  });

  it('with Zipf demand the few SKUs that make half the demand share the nearest pods, apart from B and C', () => {
    const podDistance = Float64Array.from({ length: 50 }, (_, p) => p);
    const out = podOf(velocitySlotting(input({ skuCount: 500, podDistance })));
    const cls = abcClasses(Float64Array.from({ length: 500 }, (_, k) => 1 / (k + 1)));
    // Zipf(1) over 500 SKUs: H(17) / H(500) just passes one half, so the top 17 are class A; they get 17/500 of the pods.
    expect(cls.indexOf(1)).toBe(17);
    const endA = Math.round((50 * 17) / 500);
    const nB = cls.filter((c) => c === 1).length;
    const endB = Math.round((50 * (17 + nB)) / 500);
    out.forEach((pod, s) => {
      const zone = pod < endA ? 0 : pod < endB ? 1 : 2;
      expect(zone, `SKU ${s} (class ${cls[s]}) in pod ${pod}`).toBe(cls[s]);
    });
  });
});

describe('cube-per-order', () => {
  it('lowest cube / demand nearest; pods hold equal volume', () => {
    // COI = cube / share: SKU 0 4/0.5 = 8, SKU 1 1/0.3 = 3.3, SKU 2 1/0.2 = 5: order 1, 2, 0.
    const out = coiSlotting(
      input({
        skuCount: 3,
        podDistance: Float64Array.from([9, 1, 5]),
        popularity: Float64Array.from([0.5, 0.3, 0.2]),
        cube: Float64Array.from([4, 1, 1]),
      }),
    );
    // Volume 6 over 3 pods = 2 each: SKUs 1 and 2 (1 + 1) fill the nearest pod (1); SKU 0 goes to the next (2).
    expect(podOf(out)).toEqual([2, 1, 1]);
  });

  it('draws cubes from its own stream: lognormal around 1', () => {
    const a = drawCubes(rngStream(1, 'sku-cube'), 2000);
    expect(Array.from(a)).toEqual(Array.from(drawCubes(rngStream(1, 'sku-cube'), 2000)));
    const sorted = Array.from(a).sort((x, y) => x - y);
    expect(sorted[1000]).toBeGreaterThan(0.85);
    expect(sorted[1000]).toBeLessThan(1.15);
    expect(sorted[0]).toBeGreaterThan(0);
  });
});

describe('correlated', () => {
  it('each family shares a pod; the hotter family nearer the stations', () => {
    // Families: even SKUs (0, 2, 4, 6) and odd SKUs; with Zipf the even family is hotter.
    const family = Int32Array.from([0, 1, 0, 1, 0, 1, 0, 1]);
    const out = podOf(correlatedSlotting(input({ skuCount: 8, podDistance: Float64Array.from([7, 2]), family })));
    expect(out).toEqual([1, 0, 1, 0, 1, 0, 1, 0]);
  });

  it('a family larger than a pod spills into the next pod in distance order', () => {
    const family = Int32Array.from([0, 0, 0, 1, 1, 1]);
    // 6 SKUs over 3 pods: 2 per pod. Pods by distance: 2, 0, 1.
    const out = podOf(correlatedSlotting(input({ skuCount: 6, podDistance: Float64Array.from([2, 3, 1]), family })));
    expect(out).toEqual([2, 2, 0, 0, 1, 1]);
  });
});

describe('every slotting', () => {
  it('puts each SKU on its replicas on different pods, and is seeded', () => {
    const podDistance = Float64Array.from({ length: 12 }, (_, p) => (p * 7) % 12);
    for (const [name, slot] of Object.entries(SLOTTING)) {
      const make = (seed: number) => slot(input({ skuCount: 40, podDistance, replicas: 3, rng: rngStream(seed, 's'), family: Int32Array.from({ length: 40 }, (_, k) => k % 8) }));
      const out = make(1);
      expect(out, name).toHaveLength(40);
      for (const pods of out) {
        expect(pods, name).toHaveLength(3);
        expect(new Set(pods).size, name).toBe(3);
        for (const p of pods) expect(p >= 0 && p < 12, name).toBe(true);
      }
      expect(make(1), name).toEqual(out);
    }
    expect(randomSlotting(input({ skuCount: 40, podDistance, rng: rngStream(1, 's') }))).not.toEqual(
      randomSlotting(input({ skuCount: 40, podDistance, rng: rngStream(2, 's') })),
    );
  });
});

describe('SKU families', () => {
  it('deals every SKU into one family, most popular first, and draws by popularity within it', () => {
    const pop = Float64Array.from({ length: 23 }, (_, k) => 1 / (k + 1));
    const fam = buildFamilies(23, 5, pop, rngStream(1, 'families'));
    expect(fam.count).toBe(5);
    const seen = new Set<number>();
    for (let f = 0; f < fam.count; f++) {
      const m = Array.from(fam.members.subarray(fam.start[f], fam.start[f + 1]));
      expect(m.length).toBe(f < 4 ? 5 : 3);
      expect(m).toEqual([...m].sort((a, b) => a - b)); // rank order = popularity order
      for (const s of m) {
        expect(fam.of[s]).toBe(f);
        seen.add(s);
      }
      expect(fam.cdf[fam.start[f + 1] - 1]).toBe(1);
    }
    expect(seen.size).toBe(23);
    expect(buildFamilies(23, 5, pop, rngStream(1, 'families')).of).toEqual(fam.of);
    expect(buildFamilies(23, 5, pop, rngStream(2, 'families')).of).not.toEqual(fam.of);
    // Draws stay in the family; the family's most popular member is drawn most.
    const rng = rngStream(3, 'x');
    const f = fam.of[0];
    const counts = new Map<number, number>();
    for (let k = 0; k < 4000; k++) {
      const s = sampleFromFamily(fam, f, rng);
      expect(fam.of[s]).toBe(f);
      counts.set(s, (counts.get(s) ?? 0) + 1);
    }
    const top = fam.members[fam.start[f]];
    for (const [s, c] of counts) if (s !== top) expect(counts.get(top)!).toBeGreaterThan(c);
  });
});

/** One station at (1,1); storage row 2, columns 2..7: loaded travel from the station is column - 1 + 1 = 2..7. */
function row(json: Record<string, unknown> = {}) {
  return simFromJson({
    name: 'row',
    duration: 10,
    layout: { grid: ['@@@@@@@@@@', '@P.......@', '@.RRRRRR.@', '@........@', '@@@@@@@@@@'] },
    robots: { count: 1, battery: { chargeBelow: 0 } },
    demand: { ordersPerHour: 0, skus: 6 },
    ...json,
  });
}

describe('storage locations', () => {
  it('distances are loaded travel out of the location; podFill leaves every k-th location empty, nearest filled', () => {
    const sim = row({ storage: { podFill: 0.5 } });
    const st = sim.world.storage;
    expect(Array.from(st.distance)).toEqual([2, 3, 4, 5, 6, 7]);
    // 3 of 6 empty: positions 1, 3, 5 by distance.
    expect(Array.from(podLocations(st.byDistance, 0.5))).toEqual([0, 2, 4]);
    expect(Array.from(podLocations(st.byDistance, 1))).toEqual([0, 1, 2, 3, 4, 5]);
    expect(Array.from(podLocations(st.byDistance, 0.8))).toEqual([0, 1, 2, 3, 4]);
    expect(sim.world.pods.n).toBe(3);
    expect(Array.from(sim.world.pods.home)).toEqual([22, 24, 26]);
    expect(st.free).toBe(3);
    expect(Array.from(st.owner)).toEqual([0, -1, 1, -1, 2, -1]);
  });

  it('nearest-free: the free location nearest the station the pod left', () => {
    const st = row({ storage: { podFill: 0.5, podReturn: 'nearest-free' } }).world.storage;
    expect(POD_RETURN['nearest-free'].choose(st, 0, 0)).toBe(1);
    st.reserve(1, 0);
    expect(POD_RETURN['nearest-free'].choose(st, 1, 0)).toBe(3);
  });

  it('turnover: hot pods to free locations near the stations, cold ones further', () => {
    const st = row({ storage: { podFill: 0.5, podReturn: 'turnover' } }).world.storage;
    // Pod heat ranks: 3 pods over 6 locations -> target ranks 0, 2, 4.
    st.heatRank.set([2, 0, 1]);
    // Free: locations 1, 3, 5 (ranks 1, 3, 5).
    expect(POD_RETURN.turnover.choose(st, 1, 0)).toBe(1); // hottest, target 0: nearest free rank 1
    expect(POD_RETURN.turnover.choose(st, 2, 0)).toBe(1); // target 2: ranks 1 and 3 equally off, nearer wins
    expect(POD_RETURN.turnover.choose(st, 0, 0)).toBe(3); // coldest, target 4: ranks 3 and 5, nearer wins
    st.release(4, 2); // location 4 free too: now the coldest gets exactly its rank
    expect(POD_RETURN.turnover.choose(st, 0, 0)).toBe(4);
  });

  it('pod heat is the demand share of its SKUs, split over replicas', () => {
    const sim = row({ demand: { ordersPerHour: 0, skus: 6, zipf: 0, slotting: 'velocity' } });
    const st = sim.world.storage;
    const total = Array.from(st.heat).reduce((a, b) => a + b, 0);
    expect(total).toBeCloseTo(1, 9);
    for (let p = 0; p < 6; p++) expect(st.heat[p]).toBeCloseTo(1 / 6, 9); // one SKU per pod, uniform demand
  });
});

/** Two stations, (1,1) and (3,1); four pods in row 2. */
function twoStations(orderAssignment: string) {
  return simFromJson({
    name: 'two',
    duration: 10,
    layout: { grid: ['@@@@@@@@', '@P.....@', '@.RRRR.@', '@P.....@', '@@@@@@@@'] },
    robots: { count: 1, battery: { chargeBelow: 0 } },
    demand: { ordersPerHour: 0, skus: 8, slotting: 'velocity' },
    stations: { orderAssignment },
  });
}

describe('order-to-station assignment', () => {
  it('least-loaded: fewest open lines, lowest index on ties', () => {
    const w = twoStations('least-loaded').world;
    const skus = Int32Array.from([3]);
    expect(w.orderAssignment.choose(w, skus, 1)).toBe(0);
    w.stations.openLines.set([5, 4]);
    expect(w.orderAssignment.choose(w, skus, 1)).toBe(1);
  });

  it('fcfs: stations in turn, whatever their load', () => {
    const w = twoStations('fcfs').world;
    w.stations.openLines.set([0, 50]);
    const picks = Array.from({ length: 5 }, () => w.orderAssignment.choose(w, Int32Array.from([1]), 1));
    expect(picks).toEqual([0, 1, 0, 1, 0]);
  });

  it('lines-in-common: the station sharing the most SKUs, within the balance guard', () => {
    const w = twoStations('lines-in-common').world;
    const a = w.orderAssignment;
    a.lineOpened!(0, 5);
    a.lineOpened!(1, 7);
    a.lineOpened!(1, 7);
    a.lineOpened!(1, 2);
    w.stations.openLines.set([10, 12]);
    const order = Int32Array.from([7, 2, 5, 7]);
    expect(a.choose(w, order, 4)).toBe(1); // SKUs 7 and 2 at station 1 (SKU 7 counted once), 5 at station 0
    w.stations.openLines.set([10, 15]); // 15 > 10 + max(4, ceil(2.5)): station 1 is out of balance
    expect(a.choose(w, order, 4)).toBe(0);
    w.stations.openLines.set([10, 12]);
    a.linePicked!(1, 7);
    a.linePicked!(1, 2);
    a.linePicked!(1, 7);
    expect(a.choose(w, order, 4)).toBe(0); // nothing open at station 1 any more
    expect(a.choose(w, Int32Array.from([6]), 1)).toBe(0); // no SKU in common anywhere: least loaded
  });

  it('pod-matching: the station a pod holding the order\'s SKU is bound for', () => {
    const w = twoStations('pod-matching').world;
    const { pods } = w;
    const sku = 6;
    const p = pods.podsOfSku[pods.podStart[sku]];
    w.stations.openLines.set([3, 6]);
    const order = Int32Array.from([sku, 1]);
    expect(w.orderAssignment.choose(w, order, 2)).toBe(0); // no pod bound anywhere: least loaded
    pods.state[p] = PodState.ToStation;
    pods.station[p] = 1;
    expect(w.orderAssignment.choose(w, order, 2)).toBe(1); // rides the pod already heading to station 1
    w.stations.openLines.set([3, 8]); // 8 > 3 + 4: out of balance
    expect(w.orderAssignment.choose(w, order, 2)).toBe(0);
    // A stored pod waiting with a line for station 1 counts too.
    w.stations.openLines.set([3, 6]);
    pods.state[p] = PodState.Stored;
    pods.station[p] = -1;
    const o = w.books.openOrder(0, 100, 1, 1);
    const l = w.books.openLine(o, sku, 1, p);
    pods.pendHead[p] = l;
    pods.pendTail[p] = l;
    expect(w.orderAssignment.choose(w, order, 2)).toBe(1);
  });

  it('the balance guard keeps stations within max(4 lines, 25%) of the least loaded', () => {
    expect(bestBalanced(Int32Array.from([100, 125, 126]), [0, 1, 5])).toBe(1);
    expect(bestBalanced(Int32Array.from([0, 4, 5]), [0, 1, 5])).toBe(1);
    expect(bestBalanced(Int32Array.from([7, 7, 9]), [2, 2, 2])).toBe(0);
  });
});
