import type { OutboundConfig } from './config.js';

/** The outbound equipment's section of the resolved scenario. */
declare module '../core/config.js' {
  interface SimConfig {
    /** Outbound equipment, or null: then an order is complete when its last line is picked. */
    outbound: OutboundConfig | null;
  }
}
