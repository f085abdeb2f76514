import type { QualityBook } from './quality.js';
import type { QualityConfig } from './schema.js';

/** What pick accuracy keeps in the world. */
declare module '../core/world.js' {
  interface World {
    /** Pick errors and their fate (set by the quality feature when the scenario has a `quality` section); absent or null otherwise. */
    quality?: QualityBook | null;
  }
}

/** The quality section of the resolved scenario. */
declare module '../core/config.js' {
  interface SimConfig {
    /** Pick error rates and the pack check (omitted or null = every line picked right). */
    quality?: QualityConfig | null;
  }
}
