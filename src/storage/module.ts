import type { FeatureModule } from '../core/feature.js';
import { podFetching, reslotting } from './feature.js';
import { storageSection, strategiesSection } from './report.js';
import { takeOversSummary } from './summary.js';

/** Storage: pods fetched for requests (assignment), re-slotting (rearrange); the strategies and storage sections of the report, and a summary line on fetches taken over. */
export const storageModule: FeatureModule = {
  name: 'storage',
  features: [podFetching, reslotting],
  report: [
    { order: 12, part: strategiesSection },
    { order: 13, part: storageSection },
  ],
  summary: [{ order: 18, part: takeOversSummary }],
};
