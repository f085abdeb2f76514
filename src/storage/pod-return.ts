import { UNREACHABLE } from '../layout/distance.js';

/**
 * What a pod return rule reads of the storage locations (src/storage/storage.ts
 * implements it; declared here so the rules do not import the class that
 * holds them).
 */
export interface ReturnView {
  /** Location indices, nearest to the stations first. */
  readonly byDistance: ArrayLike<number>;
  /** Each pod's rank by expected demand (0 = hottest). */
  readonly heatRank: ArrayLike<number>;
  /** Whether location k is free. */
  isFree(k: number): boolean;
  /** The free location nearest station s (outside closed areas when one is free there), or -1 when none is. */
  anyFree(s: number): number;
  /** Loaded travel from station s to location k. */
  stationDistance(s: number, k: number): number;
}

/**
 * Where a pod goes after a station visit. Rules are picked by name in the
 * scenario (`storage.podReturn`); add one by registering it in POD_RETURN.
 */
export interface PodReturnPolicy {
  readonly name: string;
  /** True when a pod always goes back to its own location, which stays reserved for it while it is away. */
  readonly keepsHome: boolean;
  /**
   * The free location (index into `storage.cells`) pod p goes to after
   * leaving station s; called only when `keepsHome` is false, and only while
   * at least one location is free. Return -1 to fall back to the free
   * location nearest the station.
   */
  choose(storage: ReturnView, p: number, s: number): number;
}

/** Fixed home: every pod goes back where it came from (the default). */
export const fixedHome: PodReturnPolicy = {
  name: 'fixed-home',
  keepsHome: true,
  choose: () => -1,
};

/** Nearest free: the free location nearest (loaded travel) the station the pod just left. */
export const nearestFree: PodReturnPolicy = {
  name: 'nearest-free',
  keepsHome: false,
  choose: (st, _p, s) => st.anyFree(s),
};

/**
 * Turnover: pods ranked by expected demand share (the shares of their SKUs,
 * split over replicas; 0 = hottest) go to the free location whose rank by
 * distance to the nearest station is closest to the same fraction of all
 * locations: the hottest pod to the free location nearest the stations, the
 * coldest to the one furthest out. Equal offsets prefer the nearer location;
 * locations the station cannot reach loaded are skipped.
 */
export const turnover: PodReturnPolicy = {
  name: 'turnover',
  keepsHome: false,
  choose: (st, p, s) => {
    const n = st.byDistance.length;
    const pods = st.heatRank.length;
    const target = Math.min(n - 1, Math.floor((st.heatRank[p] * n) / Math.max(1, pods)));
    const ok = (k: number) => st.isFree(st.byDistance[k]) && st.stationDistance(s, st.byDistance[k]) !== UNREACHABLE;
    for (let off = 0; off < n; off++) {
      const lo = target - off;
      const hi = target + off;
      if (lo < 0 && hi >= n) break;
      if (lo >= 0 && ok(lo)) return st.byDistance[lo];
      if (off > 0 && hi < n && ok(hi)) return st.byDistance[hi];
    }
    return -1;
  },
};

/** Pod return rules by the name a scenario gives in `storage.podReturn`. */
export const POD_RETURN: Record<string, PodReturnPolicy> = {
  'fixed-home': fixedHome,
  'nearest-free': nearestFree,
  turnover,
};
