import { agvsLayer } from './agvs.js';
import { conveyorsLayer } from './conveyors.js';
import { floorLayer } from './floor.js';
import { heatLayer } from './heat.js';
import type { LayerFactory } from './layer.js';
import { peopleLayer } from './people.js';
import { podsLayer } from './pods.js';
import { robotsLayer } from './robots.js';
import { selectionLayer } from './selection.js';
import { sortersLayer } from './sorters.js';
import { stationNumbersLayer } from './station-numbers.js';
import { stationsLayer } from './stations.js';
import { waitChainLayer } from './wait-chain.js';

/**
 * Layers bottom to top, one file each. The robot layer computes the drawn
 * robot positions that the layers after it use. More equipment goes in as
 * one more file and one more entry here (and a section in the frame format).
 */
export const LAYERS: LayerFactory[] = [
  floorLayer,
  conveyorsLayer,
  agvsLayer,
  podsLayer,
  heatLayer,
  peopleLayer,
  robotsLayer,
  sortersLayer,
  stationsLayer,
  stationNumbersLayer,
  selectionLayer,
  waitChainLayer,
];
