/** Where a pod is in its cycle. */
export const enum PodState {
  Stored = 0,
  /** A robot is on its way to lift it. */
  Assigned = 1,
  /** On a robot, heading to (or waiting at) its station. */
  ToStation = 2,
  /** Being picked from at the station. */
  Picking = 3,
  /** On a robot, going back to storage. */
  Returning = 4,
}

/**
 * Pods (mobile racks) as struct-of-arrays. Each pod has a home storage location.
 * Lines waiting for a pod sit on its pending list; the lines it is travelling
 * to serve sit on its visit list. Both are singly linked through
 * `OrderBook.lineNext`.
 */
export interface Pods {
  readonly n: number;
  /**
   * The storage location the pod belongs to. Under the fixed-home return rule
   * it never changes; under the others it is the location reserved for the pod
   * when it leaves a station; a re-slotting move makes its destination the new
   * home once the pod is set down there (see Storage).
   */
  home: Int32Array;
  /** Storage cell it rests on, or last rested on while carried (equals home under the fixed-home return rule). */
  cell: Int32Array;
  state: Uint8Array;
  robot: Int32Array;
  station: Int32Array;
  visitHead: Int32Array;
  visitTail: Int32Array;
  pendHead: Int32Array;
  pendTail: Int32Array;
  /** 1 while the pod sits in the request queue waiting for a robot. */
  queued: Uint8Array;
  /** SKUs held: CSR over pods. */
  skuStart: Int32Array;
  skus: Int32Array;
  /** Pods holding each SKU: CSR over SKUs. */
  podStart: Int32Array;
  podsOfSku: Int32Array;
}

export function createPods(homes: Int32Array, skuToPods: number[][]): Pods {
  const n = homes.length;
  const podSkus: number[][] = Array.from({ length: n }, () => []);
  const podStart = new Int32Array(skuToPods.length + 1);
  let total = 0;
  for (let s = 0; s < skuToPods.length; s++) {
    podStart[s] = total;
    total += skuToPods[s].length;
    for (const p of skuToPods[s]) podSkus[p].push(s);
  }
  podStart[skuToPods.length] = total;
  const podsOfSku = new Int32Array(total);
  let k = 0;
  for (const list of skuToPods) for (const p of list) podsOfSku[k++] = p;
  const skuStart = new Int32Array(n + 1);
  const skus = new Int32Array(total);
  k = 0;
  for (let p = 0; p < n; p++) {
    skuStart[p] = k;
    for (const s of podSkus[p]) skus[k++] = s;
  }
  skuStart[n] = k;
  return {
    n,
    home: Int32Array.from(homes),
    cell: Int32Array.from(homes),
    state: new Uint8Array(n),
    robot: new Int32Array(n).fill(-1),
    station: new Int32Array(n).fill(-1),
    visitHead: new Int32Array(n).fill(-1),
    visitTail: new Int32Array(n).fill(-1),
    pendHead: new Int32Array(n).fill(-1),
    pendTail: new Int32Array(n).fill(-1),
    queued: new Uint8Array(n),
    skuStart,
    skus,
    podStart,
    podsOfSku,
  };
}
