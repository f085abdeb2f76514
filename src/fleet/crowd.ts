import type { Grid } from '../layout/grid.js';

/**
 * Counts into `crowd`, per cell, the robots with a goal within `reach` rows
 * and columns of it (a square of side 2 * reach + 1). The scheduler weighs
 * tasks into a crowd with it (crowdWeight); the controller steers robots
 * without a goal clear of one (idleClear).
 */
export function countCrowd(grid: Grid, n: number, cell: Int32Array, goal: Int32Array, reach: number, crowd: Uint16Array): void {
  const { width, height } = grid;
  crowd.fill(0);
  for (let i = 0; i < n; i++) {
    if (goal[i] < 0) continue;
    const c = cell[i];
    const r0 = (c / width) | 0;
    const c0 = c - r0 * width;
    const r1 = Math.min(height - 1, r0 + reach);
    const c1 = Math.min(width - 1, c0 + reach);
    for (let r = Math.max(0, r0 - reach); r <= r1; r++) {
      for (let q = Math.max(0, c0 - reach); q <= c1; q++) crowd[r * width + q]++;
    }
  }
}
