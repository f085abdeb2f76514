import type { FeatureModule } from '../core/feature.js';
import { podFetching, reslotting } from './feature.js';
import { storageSection, strategiesSection } from './report.js';

/** Storage: pods fetched for requests (assignment), re-slotting (rearrange); the strategies and storage sections of the report. */
export const storageModule: FeatureModule = {
  name: 'storage',
  features: [podFetching, reslotting],
  report: [
    { order: 12, part: strategiesSection },
    { order: 13, part: storageSection },
  ],
};
