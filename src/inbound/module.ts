import type { FeatureModule } from '../core/feature.js';
import { inboundBooks } from './books.js';
import { inbound } from './feature.js';
import { inboundSection } from './report.js';
import { inboundSummary } from './summary.js';

/** Trucks, receiving and put-away when the scenario has an `inbound` section: its stage, report section, summary line and its part of the stock's books. */
export const inboundModule: FeatureModule = {
  name: 'inbound',
  features: [inbound],
  report: [{ order: 23, part: inboundSection }],
  summary: [{ order: 17, part: inboundSummary }],
  books: { order: 7, part: inboundBooks },
};
