import type { FeatureFactory } from '../core/feature.js';
import { equipmentStage } from './equipment.js';
import { createFlowFrame, fillFlowFrame } from './flow-frame.js';

/** The site's equipment at the equipment phase, and the flow part of the frame (people, belts, sorters, AGVs, docks). */
export const site: FeatureFactory = (w) => {
  const flow = createFlowFrame(w);
  return {
    name: 'site',
    stages: { equipment: equipmentStage },
    frame: (w, f) => {
      f.flow = flow;
      fillFlowFrame(w, flow);
    },
  };
};
