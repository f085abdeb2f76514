import type { FeatureFactory, FeatureModule } from '../core/feature.js';
import { FleetControl } from './feature.js';

/** Fleet control for a run: always on. */
export const fleetControl: FeatureFactory = (w) => new FleetControl(w);

/** The fleet: plans and moves the robots (planning, movement). Its figures are the metrics' robots section. */
export const fleetModule: FeatureModule = {
  name: 'fleet',
  features: [fleetControl],
};
