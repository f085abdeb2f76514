import type { FeatureModule } from '../core/feature.js';
import { outboundBooks } from './books.js';
import { beltsSection, vehiclesSection } from './report.js';
import { beltsSummary, vehiclesSummary } from './summary.js';

/** Outbound equipment (run by the site's equipment stage): belts and vehicles in the report and summary, what the network holds in the books. */
export const outboundModule: FeatureModule = {
  name: 'outbound',
  report: [
    { order: 7, part: beltsSection },
    { order: 9, part: vehiclesSection },
  ],
  summary: [
    { order: 5, part: beltsSummary },
    { order: 6, part: vehiclesSummary },
  ],
  books: { order: 2, part: outboundBooks },
};
