import type { OrderBook } from './books.js';
import type { ClassBook } from './classes.js';
import type { DemandConfig, ReleaseConfig, ServiceClassConfig } from './config.js';
import type { SkuFamilies } from './families.js';
import type { OrderAssignment } from './order-assignment.js';
import type { ToteBook } from './totes.js';

/** What the order flow keeps in the world. */
declare module '../core/world.js' {
  interface World {
    readonly books: OrderBook;
    readonly totes: ToteBook;
    /** Cumulative Zipf popularity over SKUs (SKU 0 most popular). */
    readonly skuCdf: Float64Array;
    /** Order-to-station assignment strategy. */
    readonly orderAssignment: OrderAssignment;
    /** SKU families (built when demand affinity or the slotting needs them), or null. */
    families: SkuFamilies | null;
    /** Service classes and their figures (set by the demand feature when the scenario has `serviceClasses`); absent or null otherwise. */
    orderClasses?: ClassBook | null;
  }
}

/** The demand section of the resolved scenario. */
declare module '../core/config.js' {
  interface SimConfig {
    demand: DemandConfig;
    /** Service classes of orders (omitted or null = every order alike). */
    classes?: ServiceClassConfig[] | null;
    /** Release in waves (omitted or null = continuous release). */
    release?: ReleaseConfig | null;
  }
}
