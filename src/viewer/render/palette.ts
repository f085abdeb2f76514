/** World units per grid cell: sprites and strokes are sized in these. */
export const CELL = 16;

export const BACKGROUND = 0x0b1220;

/** Fill colours of layout cells by legend character ([r, g, b]); unknown characters get `UNKNOWN`. */
export const CELL_RGB: Record<string, [number, number, number]> = {
  '.': [24, 34, 52],
  G: [24, 34, 52],
  S: [24, 34, 52],
  E: [24, 34, 52],
  '@': [71, 85, 105],
  T: [52, 78, 65],
  O: [71, 85, 105],
  W: [71, 85, 105],
  R: [34, 44, 62],
  P: [16, 150, 110],
  C: [180, 120, 20],
  // Person-to-goods and outbound equipment.
  '#': [110, 80, 45],
  m: [28, 52, 70],
  '=': [90, 100, 120],
  '+': [40, 48, 80],
  // Inbound: put stations.
  U: [40, 110, 190],
};
export const UNKNOWN_RGB: [number, number, number] = [120, 40, 120];

/** Robot colours by RobotState (tints of a white texture). */
export const STATE_COLORS = [0x94a3b8, 0x38bdf8, 0xf97316, 0x22c55e, 0xc084fc, 0xfacc15, 0xfde68a, 0xef4444, 0xdb2777];
export const STATE_LABELS = ['idle', 'to pod', 'to station', 'picking', 'to storage', 'to charger', 'charging', 'depleted', 'broken down'];

export const POD_COLOR = 0xa1783f;
/** A pod holding a SKU that lines wait for (finite stock). */
export const SHORT_POD_COLOR = 0xf43f5e;
export const QUEUE_COLOR = 0xfb923c;
/** Ring round a station picked by a robotic arm. */
export const ARM_COLOR = 0x22d3ee;
export const PATH_COLOR = 0x7dd3fc;
export const SELECT_COLOR = 0xffffff;

export const css = (c: number) => `#${c.toString(16).padStart(6, '0')}`;

// Material flow.
export const BELT_COLOR = 0x3b4a63;
export const BELT_EDGE = 0x7c8aa3;
export const TOTE_COLOR = 0x60a5fa;
export const SORTER_COLOR = 0xe879f9;
export const DOCK_COLOR = 0x38bdf8;
/** People by PickerState: off duty, idle, walking, picking, dropping. */
export const PERSON_COLORS = [0x475569, 0xcbd5e1, 0x2dd4bf, 0x22c55e, 0xf472b6];
export const PERSON_LABELS = ['off duty', 'idle', 'walking', 'picking', 'dropping'];
export const AGV_EMPTY = 0xe2e8f0;
export const AGV_LOADED = 0x60a5fa;

/** Fill colour of a chute by how full it is (0..1): green, amber, red. */
export function fillColor(f: number): number {
  if (f < 0.6) return 0x22c55e;
  if (f < 0.9) return 0xf59e0b;
  return 0xef4444;
}
