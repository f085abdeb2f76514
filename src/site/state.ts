import type { Site } from './site.js';

/** What the site keeps in the world. */
declare module '../core/world.js' {
  interface World {
    /** Person-to-goods zones, outbound equipment and where finished totes go. */
    site: Site;
  }
}
