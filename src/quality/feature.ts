import type { FeatureFactory } from '../core/feature.js';
import { QualityBook } from './quality.js';

/**
 * Pick accuracy (with a `quality` section). It has no stage of its own: the
 * order flow tells it of every picked line and shipped order.
 */
export const quality: FeatureFactory = (w) => {
  const config = w.config.quality ?? null;
  w.quality = config === null ? null : new QualityBook(config, w.config.seed);
  return w.quality === null ? null : { name: 'quality', stages: {} };
};
