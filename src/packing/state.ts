import type { PackingConfig } from './packing.js';

/** The packing section of the resolved scenario. */
declare module '../core/config.js' {
  interface SimConfig {
    /** Pack stations between pick points and their outfeeds (omitted = totes ship as picked). */
    packing?: PackingConfig | null;
  }
}
