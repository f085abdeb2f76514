/**
 * A binary min-heap of small integer ids by a cost each, ties to the lower
 * id, in typed arrays grown by doubling (nothing allocated per push or pop).
 * The choice rule's queue of free robots: the robot with the cheapest task to
 * hand chooses next.
 */
export class CostHeap {
  private ids = new Int32Array(64);
  private costs = new Float64Array(64);
  /** Ids queued. */
  size = 0;

  clear(): void {
    this.size = 0;
  }

  push(id: number, cost: number): void {
    if (this.size === this.ids.length) this.grow();
    let at = this.size++;
    // Sift up.
    while (at > 0) {
      const parent = (at - 1) >> 1;
      if (!this.before(id, cost, this.ids[parent], this.costs[parent])) break;
      this.ids[at] = this.ids[parent];
      this.costs[at] = this.costs[parent];
      at = parent;
    }
    this.ids[at] = id;
    this.costs[at] = cost;
  }

  /** The first id (the cheapest; the lowest id on ties); -1 when empty. */
  peekId(): number {
    return this.size === 0 ? -1 : this.ids[0];
  }

  /** The first id's cost; Infinity when empty. */
  peekCost(): number {
    return this.size === 0 ? Infinity : this.costs[0];
  }

  /** Takes the first id out and returns it; -1 when empty. */
  pop(): number {
    if (this.size === 0) return -1;
    const top = this.ids[0];
    const n = --this.size;
    if (n === 0) return top;
    const id = this.ids[n];
    const cost = this.costs[n];
    // Sift down.
    let at = 0;
    for (;;) {
      const left = 2 * at + 1;
      if (left >= n) break;
      const right = left + 1;
      const child = right < n && this.before(this.ids[right], this.costs[right], this.ids[left], this.costs[left]) ? right : left;
      if (!this.before(this.ids[child], this.costs[child], id, cost)) break;
      this.ids[at] = this.ids[child];
      this.costs[at] = this.costs[child];
      at = child;
    }
    this.ids[at] = id;
    this.costs[at] = cost;
    return top;
  }

  /** Whether (id a, cost ca) comes before (id b, cost cb). */
  private before(a: number, ca: number, b: number, cb: number): boolean {
    return ca < cb || (ca === cb && a < b);
  }

  private grow(): void {
    const ids = new Int32Array(this.ids.length * 2);
    ids.set(this.ids);
    const costs = new Float64Array(this.costs.length * 2);
    costs.set(this.costs);
    this.ids = ids;
    this.costs = costs;
  }
}
