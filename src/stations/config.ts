import type { TickDistribution } from '../core/config.js';

/** Pick stations: the `stations` section of the resolved scenario. */
export interface StationConfig {
  /** Pick time per order line, in ticks. */
  pick: TickDistribution;
  pickers: number;
  /** Pods that may be assigned to one station at once (inbound + being picked). */
  queueCapacity: number;
  /** Order-to-station assignment (a name in ORDER_ASSIGNMENTS; omitted = least-loaded). */
  orderAssignment?: string;
}
