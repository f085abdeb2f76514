import type { ZoneConfig } from './config.js';

/** The people's section of the resolved scenario. */
declare module '../core/config.js' {
  interface SimConfig {
    /** Person-to-goods zones (empty when the site has none). */
    zones: ZoneConfig[];
  }
}
