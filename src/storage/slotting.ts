import type { Rng } from '../core/rng.js';
import { randNormal, shuffleInPlace } from '../core/rng.js';

/**
 * Slotting decides which pods hold which SKUs at the start of a run. SKU 0 is
 * the most popular (Zipf rank order). Strategies are picked by name in the
 * scenario (`demand.slotting`); add one by registering it in SLOTTING.
 */
export interface SlottingInput {
  skuCount: number;
  replicas: number;
  podCount: number;
  /** Travel distance (cells, loaded) from each pod's home to its nearest station. */
  podDistance: Float64Array;
  rng: Rng;
  /** Share of demand per SKU (sums to 1). Omitted: Zipf with exponent 1 by rank. */
  readonly popularity?: Float64Array;
  /** Volume of one unit of each SKU (any unit), for cube-per-order. Omitted: drawn from `rng` (see `drawCubes`). */
  readonly cube?: Float64Array;
  /** Family per SKU (SKUs often ordered together), for correlated slotting. Omitted: families of 10 consecutive ranks. */
  readonly family?: Int32Array;
}

/**
 * Returns, per SKU, the pods that hold it. A strategy with `reslots` also
 * re-slots during the run: every `demand.reslotEvery` idle robots bring pods
 * that were picked often but sit far out nearer the stations (src/storage/reslot.ts).
 */
export interface SlottingStrategy {
  (input: SlottingInput): number[][];
  readonly reslots?: boolean;
}

/** Spreads SKU replicas over pods in the given pod order, most popular SKU first. */
function fillInOrder(input: SlottingInput, podOrder: number[], skuOrder: number[]): number[][] {
  const { skuCount, replicas, podCount } = input;
  const out: number[][] = Array.from({ length: skuCount }, () => []);
  // Replica r of the k-th SKU goes to slot k + r*stride, so copies of one SKU land on different pods.
  const stride = Math.max(1, Math.floor(podCount / replicas));
  for (let r = 0; r < replicas; r++) {
    for (let k = 0; k < skuCount; k++) {
      const slot = (k + r * stride) % podCount;
      const pod = podOrder[slot];
      const list = out[skuOrder[k]];
      if (!list.includes(pod)) list.push(pod);
    }
  }
  return out;
}

const identity = (n: number) => Array.from({ length: n }, (_, i) => i);

/** Pods nearest the stations first (ties: lower pod index, which is row-major order of the homes). */
export function podsByDistance(input: SlottingInput): number[] {
  return identity(input.podCount).sort((a, b) => input.podDistance[a] - input.podDistance[b] || a - b);
}

/** The demand share per SKU: the input's, or Zipf(1) by rank. */
export function popularityOf(input: SlottingInput): Float64Array {
  if (input.popularity) return input.popularity;
  const p = new Float64Array(input.skuCount);
  let total = 0;
  for (let k = 0; k < p.length; k++) total += p[k] = 1 / (k + 1);
  for (let k = 0; k < p.length; k++) p[k] /= total;
  return p;
}

/** SKUs most popular first (ties: lower index). */
function skusByPopularity(pop: Float64Array): number[] {
  return identity(pop.length).sort((a, b) => pop[b] - pop[a] || a - b);
}

/**
 * Places the replicas of one SKU: replica r goes to `podOrder[start + (j + r*stride) % len]`
 * (the SKU's zone of the pod order); when that pod already holds the SKU, the
 * next pods in the order (wrapping) are tried, so copies always land on
 * different pods while there are enough pods.
 */
function placeReplicas(list: number[], podOrder: number[], start: number, len: number, j: number, replicas: number): void {
  const n = podOrder.length;
  const stride = Math.max(1, Math.floor(len / replicas));
  for (let r = 0; r < replicas; r++) {
    let pos = start + ((j + r * stride) % len);
    for (let tries = 0; tries < n && list.includes(podOrder[pos]); tries++) pos = (pos + 1) % n;
    if (!list.includes(podOrder[pos])) list.push(podOrder[pos]);
  }
}

/** Random: SKUs land on pods regardless of popularity. */
export const randomSlotting: SlottingStrategy = (input) => {
  const pods = identity(input.podCount);
  shuffleInPlace(input.rng, pods);
  const skus = identity(input.skuCount);
  shuffleInPlace(input.rng, skus);
  return fillInOrder(input, pods, skus);
};

/**
 * ABC class thresholds by cumulative demand share: class A is the most
 * popular SKUs that together make the first 50% of demand (the SKU that
 * crosses 50% included), class B the next ones up to 80%, class C the rest.
 */
export const ABC_SHARES = { a: 0.5, b: 0.8 } as const;

/** ABC class per SKU (0 = A, 1 = B, 2 = C) from the demand shares. */
export function abcClasses(pop: Float64Array, shares: { a: number; b: number } = ABC_SHARES): Uint8Array {
  const cls = new Uint8Array(pop.length);
  let total = 0;
  for (let k = 0; k < pop.length; k++) total += pop[k];
  let before = 0;
  for (const s of skusByPopularity(pop)) {
    const share = total > 0 ? before / total : 0;
    cls[s] = share < shares.a ? 0 : share < shares.b ? 1 : 2;
    before += pop[s];
  }
  return cls;
}

/**
 * Velocity, class-based (ABC): SKUs are split into classes A, B and C by
 * demand share (ABC_SHARES); the pods, nearest the stations first, are split
 * into three zones in proportion to the classes' SKU counts (each class with
 * SKUs gets at least one pod), so class A fills the pods nearest the stations,
 * then B, then C. Within a class SKUs are dealt over the zone's pods in a
 * seeded random order (classic class-based storage: no order inside a class).
 */
export const velocitySlotting: SlottingStrategy = (input) => {
  const { skuCount, podCount, replicas } = input;
  const pop = popularityOf(input);
  const cls = abcClasses(pop);
  const members: number[][] = [[], [], []];
  for (const s of skusByPopularity(pop)) members[cls[s]].push(s);
  const pods = podsByDistance(input);
  // Zone boundaries in the pod order, proportional to the classes' SKU counts.
  const cut = (n: number) => Math.round((podCount * n) / Math.max(1, skuCount));
  let endA = cut(members[0].length);
  let endB = cut(members[0].length + members[1].length);
  if (members[0].length > 0) endA = Math.max(endA, 1);
  if (members[1].length > 0) endB = Math.max(endB, endA + 1);
  if (members[2].length > 0) endB = Math.min(endB, podCount - 1);
  endA = Math.min(endA, endB);
  const zones: [number, number][] = [
    [0, endA],
    [endA, endB],
    [endB, podCount],
  ];
  const out: number[][] = Array.from({ length: skuCount }, () => []);
  for (let c = 0; c < 3; c++) {
    const list = members[c];
    shuffleInPlace(input.rng, list);
    let [start, end] = zones[c];
    if (end <= start) [start, end] = [0, podCount]; // too few pods for a zone of its own
    for (let j = 0; j < list.length; j++) placeReplicas(out[list[j]], pods, start, end - start, j, replicas);
  }
  return out;
};

/** Unit volumes: lognormal with median 1 and log-sd 1, one draw per SKU in index order. */
export function drawCubes(rng: Rng, skuCount: number): Float64Array {
  const cube = new Float64Array(skuCount);
  for (let k = 0; k < skuCount; k++) cube[k] = Math.exp(randNormal(rng));
  return cube;
}

/** Places SKUs in sequence into consecutive pods of the pod order: SKU at position k goes to block `blockOf(k)`. */
function fillBlocks(input: SlottingInput, podOrder: number[], sequence: number[], blockOf: (k: number) => number): number[][] {
  const out: number[][] = Array.from({ length: input.skuCount }, () => []);
  const n = podOrder.length;
  const stride = Math.max(1, Math.floor(n / input.replicas));
  for (let k = 0; k < sequence.length; k++) {
    const b = Math.min(n - 1, blockOf(k));
    const list = out[sequence[k]];
    for (let r = 0; r < input.replicas; r++) {
      let pos = (b + r * stride) % n;
      for (let tries = 0; tries < n && list.includes(podOrder[pos]); tries++) pos = (pos + 1) % n;
      if (!list.includes(podOrder[pos])) list.push(podOrder[pos]);
    }
  }
  return out;
}

/**
 * Cube-per-order index (COI): each SKU's unit volume over its demand share.
 * SKUs with the lowest COI (small and popular) go nearest the stations. Pods
 * hold volume, not a count of SKUs: every pod takes about the same total cube
 * (the sum over all SKUs divided by the pods), filled in COI order, so the
 * near pods hold many small fast movers and bulky slow movers fill whole pods
 * further out.
 */
export const coiSlotting: SlottingStrategy = (input) => {
  const pop = popularityOf(input);
  const cube = input.cube ?? drawCubes(input.rng, input.skuCount);
  const coi = (s: number) => cube[s] / Math.max(pop[s], 1e-300);
  const order = identity(input.skuCount).sort((a, b) => coi(a) - coi(b) || a - b);
  let total = 0;
  for (const s of order) total += cube[s];
  const before = new Float64Array(order.length);
  let acc = 0;
  for (let k = 0; k < order.length; k++) {
    before[k] = acc;
    acc += cube[order[k]];
  }
  const n = input.podCount;
  return fillBlocks(input, podsByDistance(input), order, (k) => Math.floor((before[k] * n) / Math.max(total, 1e-300)));
};

/** Families of `size` consecutive ranks (the fallback when the input gives none). */
function consecutiveFamilies(skuCount: number, size = 10): Int32Array {
  const f = new Int32Array(skuCount);
  for (let k = 0; k < skuCount; k++) f[k] = Math.floor(k / size);
  return f;
}

/**
 * Correlated: SKUs of one family (SKUs often ordered together, see
 * `demand.affinity`) are stored together. Families are laid out hottest
 * family first (by summed demand share), each family's SKUs by popularity,
 * into consecutive pods nearest the stations first, the same number of SKUs
 * per pod (`ceil(skus / pods)`); so a family shares one pod, or spills into
 * the next pod in distance order.
 */
export const correlatedSlotting: SlottingStrategy = (input) => {
  const pop = popularityOf(input);
  const family = input.family ?? consecutiveFamilies(input.skuCount);
  let families = 0;
  for (let k = 0; k < family.length; k++) families = Math.max(families, family[k] + 1);
  const weight = new Float64Array(families);
  for (let k = 0; k < input.skuCount; k++) weight[family[k]] += pop[k];
  const famOrder = identity(families).sort((a, b) => weight[b] - weight[a] || a - b);
  const rankOfFamily = new Int32Array(families);
  famOrder.forEach((f, r) => (rankOfFamily[f] = r));
  const sequence = identity(input.skuCount).sort(
    (a, b) => rankOfFamily[family[a]] - rankOfFamily[family[b]] || pop[b] - pop[a] || a - b,
  );
  const perPod = Math.max(1, Math.ceil(input.skuCount / input.podCount));
  return fillBlocks(input, podsByDistance(input), sequence, (k) => Math.floor(k / perPod));
};

/** Dynamic: velocity (ABC) at the start, then re-slotting during the run (see `reslots`). */
export const dynamicSlotting: SlottingStrategy = Object.assign((input: SlottingInput) => velocitySlotting(input), { reslots: true });

/** Slotting strategies by the name a scenario gives in `demand.slotting`. */
export const SLOTTING: Record<string, SlottingStrategy> = {
  random: randomSlotting,
  velocity: velocitySlotting,
  'cube-per-order': coiSlotting,
  correlated: correlatedSlotting,
  dynamic: dynamicSlotting,
};
