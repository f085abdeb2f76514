import type { World } from '../core/world.js';
import { fitOrder, inventoryPosition } from './position.js';
import type { ReplenishmentPolicy } from './replenishment.js';

/** min-max: a SKU whose position is at or below its reorder point is ordered up to its maximum. */
export class MinMax implements ReplenishmentPolicy {
  readonly name = 'min-max';
  private readonly want: Float64Array;
  constructor(
    private readonly min: Float64Array,
    private readonly max: Float64Array,
  ) {
    this.want = new Float64Array(min.length);
  }
  order(w: World, cap: number | null, out: Float64Array): void {
    const pods = w.pods;
    for (let s = 0; s < this.want.length; s++) {
      this.want[s] = 0;
      if (pods.podStart[s + 1] === pods.podStart[s]) continue;
      const position = inventoryPosition(w, s);
      if (position <= this.min[s]) this.want[s] = this.max[s] - position;
    }
    fitOrder(w, this.want, cap, out);
  }
}
