import { simFromJson } from './scenarios.js';

/**
 * A one-row corridor site for assignment tests: robots on row 1 at
 * `robotCols`, pods on row 2 at `podCols`, the station at row 3 column 1.
 * Returns the world, the pods (indices, in the order of `podCols`) and the
 * robots (0..n-1) as the strategies take them.
 */
export function corridor(robotCols: number[], podCols: number[]) {
  const width = 14;
  const row1 = '@' + '.'.repeat(width - 2) + '@';
  const storage = '@' + Array.from({ length: width - 2 }, (_, k) => (podCols.includes(k + 1) ? 'R' : '.')).join('') + '@';
  const sim = simFromJson({
    name: 'corridor',
    duration: 10,
    layout: { grid: ['@'.repeat(width), row1, storage, '@P' + '.'.repeat(width - 3) + '@', '@'.repeat(width)] },
    robots: { count: robotCols.length, start: robotCols.map((c) => [1, c]), battery: { chargeBelow: 0 } },
    demand: { ordersPerHour: 0 },
  });
  const w = sim.world;
  const pods = Int32Array.from(podCols.map((c) => w.pods.home.indexOf(2 * width + c)));
  const robots = Int32Array.from(robotCols.map((_, i) => i));
  return { w, pods, robots };
}
