/** Most recycled values kept for reuse; beyond it unheld ones are left to the garbage collector. */
const MAX_SPARE = 64;
/** Retired values gathered before a pass over the holders: a pass reads every holder, so it runs once for several. */
const BATCH = 16;

/** A value the pool can tell is still held: the pool stamps every held value on each pass. */
export interface Recyclable {
  heldMark: number;
}

/**
 * Values a cache has let go, handed back for reuse once nobody holds them.
 * A distance field is 140 KB on a 500x140 floor and a busy fleet lets go of
 * a few every tick: allocating and zeroing a fresh one cost more than
 * growing it. But a robot may keep a field after the cache evicted it, so
 * an evicted value waits here (`retire`) until a pass over every holder
 * (`recycle`) finds it unheld; only then may `take` hand it out.
 */
export class RecyclePool<T extends Recyclable> {
  private readonly retired: T[] = [];
  private readonly spare: T[] = [];
  private mark = 0;

  retire(value: T): void {
    this.retired.push(value);
  }

  /**
   * Moves the retired values none of `holders` refers to into the spare
   * list. `holders` must be every reference kept beyond the running call,
   * so call it between stages, where no stage holds one in a local.
   */
  recycle(holders: readonly (T | null)[]): void {
    const retired = this.retired;
    if (retired.length < BATCH) return;
    const mark = ++this.mark;
    for (let i = 0; i < holders.length; i++) {
      const h = holders[i];
      if (h !== null) h.heldMark = mark;
    }
    let kept = 0;
    for (let k = 0; k < retired.length; k++) {
      const v = retired[k];
      if (v.heldMark === mark) retired[kept++] = v;
      else if (this.spare.length < MAX_SPARE) this.spare.push(v);
    }
    retired.length = kept;
  }

  /** A recycled value nobody holds any more, or null. */
  take(): T | null {
    return this.spare.pop() ?? null;
  }
}
