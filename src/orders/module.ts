import type { FeatureModule } from '../core/feature.js';
import { demand } from './feature.js';
import { itemsSection, ordersSection } from './report.js';
import { ordersSummary } from './summary.js';

/** Orders: arrivals at the demand phase, the order counts in the frame; the orders' figures first in the report and the summary. */
export const ordersModule: FeatureModule = {
  name: 'orders',
  features: [demand],
  report: [
    { order: 1, part: ordersSection },
    { order: 5, part: itemsSection },
  ],
  summary: [{ order: 1, part: ordersSummary }],
};
