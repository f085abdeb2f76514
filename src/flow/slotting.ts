import type { Rng } from '../core/rng.js';
import { shuffleInPlace } from '../core/rng.js';

/**
 * Slotting decides which pods hold which SKUs at the start of a run. SKU 0 is
 * the most popular (Zipf rank order). Strategies are picked by name in the
 * scenario (`demand.slotting`); add one by registering it here.
 */
export interface SlottingInput {
  skuCount: number;
  replicas: number;
  podCount: number;
  /** Travel distance from each pod's home to its nearest station. */
  podDistance: Float64Array;
  rng: Rng;
}

/** Returns, per SKU, the pods that hold it. */
export type SlottingStrategy = (input: SlottingInput) => number[][];

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

/** Random: SKUs land on pods regardless of popularity. */
export const randomSlotting: SlottingStrategy = (input) => {
  const pods = identity(input.podCount);
  shuffleInPlace(input.rng, pods);
  const skus = identity(input.skuCount);
  shuffleInPlace(input.rng, skus);
  return fillInOrder(input, pods, skus);
};

/** By velocity: the most popular SKUs go to the pods nearest the stations. */
export const velocitySlotting: SlottingStrategy = (input) => {
  const pods = identity(input.podCount).sort((a, b) => input.podDistance[a] - input.podDistance[b] || a - b);
  return fillInOrder(input, pods, identity(input.skuCount));
};

export const SLOTTING: Record<string, SlottingStrategy> = {
  random: randomSlotting,
  velocity: velocitySlotting,
};
