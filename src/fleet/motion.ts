import { isFixed, NO_DIR, RobotState } from '../core/robots.js';
import type { World } from '../core/world.js';
import { CellKind, moveDir } from '../layout/grid.js';
import { moveTable } from '../layout/moves.js';

/**
 * Scratch for the movement stage, two slots per cell: at cell * 2 the robot
 * claiming the cell (-1: none), reset through the robots' own cells (never a
 * full clear); at cell * 2 + 1 the last tick a robot landed on it. Side by
 * side because the stage touches both for the same cells, at random.
 */
export class MotionScratch {
  readonly cells: Int32Array;
  constructor(cells: number) {
    this.cells = new Int32Array(cells * 2).fill(-1);
  }
}


/** Holds robot i in place; whoever claimed its cell is held too, and so on down the chain. */
function hold(w: World, s: MotionScratch, i: number): number {
  let held = 0;
  const r = w.robots;
  const claim = s.cells;
  let k = i;
  while (k >= 0) {
    r.next[k] = r.cell[k];
    held++;
    const c = r.cell[k];
    const other = claim[c * 2];
    claim[c * 2] = k;
    k = other >= 0 && other !== k ? other : -1;
  }
  return held;
}

/**
 * Movement stage. Turns what the planner proposed into legal motion:
 * 1. a robot that must turn first (rotation time > 0) stays and turns;
 * 2. the traffic guard cancels illegal moves (through walls, a loaded robot
 *    into storage, into a closed area from outside), swaps and double claims,
 *    holding robots in place (cascading), and counts each as a repair;
 * 3. moves are applied, batteries drained, and the no-collision invariant
 *    is checked independently of the guard (metrics.conflicts must stay 0).
 */
export function movementStage(w: World, s: MotionScratch): void {
  const r = w.robots;
  const { grid, occ, metrics } = w;
  const rot = w.config.robots.rotationTicks;
  const n = r.n;
  const { kind, width } = grid;
  // Whether a move stays on robot floor, from the one-byte move table (the neighbour table is 16 bytes a cell).
  const { bits, step } = moveTable(grid);
  const blocked = w.fields.blocked;
  // With no cell blocked the mask is all zeros: leave it unread.
  const noneBlocked = w.fields.blockedCells === 0;
  const sc = s.cells;

  // 1. Legality and turning.
  for (let i = 0; i < n; i++) {
    const from = r.cell[i];
    let to = r.next[i];
    if (to !== from) {
      const d = moveDir(width, from, to);
      const legal =
        !isFixed(r.state[i]) &&
        (bits[from] & (1 << d)) !== 0 &&
        from + step[d] === to &&
        (noneBlocked || blocked[to] === 0 || blocked[from] !== 0) &&
        (r.pod[i] < 0 || kind[to] !== CellKind.Storage || r.goal[i] === to);
      if (!legal) {
        metrics.repairs++;
        to = from;
      } else if (rot > 0 && d !== r.heading[i]) {
        r.wantDir[i] = d;
        to = from;
      }
      r.next[i] = to;
    }
  }
  // 2a. Swaps: both partners stay.
  for (let i = 0; i < n; i++) {
    const to = r.next[i];
    if (to === r.cell[i]) continue;
    const j = occ[to];
    if (j >= 0 && r.next[j] === r.cell[i]) {
      r.next[i] = r.cell[i];
      r.next[j] = r.cell[j];
      metrics.repairs += 2;
    }
  }
  // 2b. Vertex claims: staying robots own their cells; a mover into a claimed cell is held.
  for (let i = 0; i < n; i++) if (r.next[i] === r.cell[i]) sc[r.cell[i] * 2] = i;
  for (let i = 0; i < n; i++) {
    const to = r.next[i];
    if (to === r.cell[i]) continue;
    if (sc[to * 2] < 0) sc[to * 2] = i;
    else metrics.repairs += hold(w, s, i);
  }

  // 3. Apply, with an independent check: one robot per landing cell, no swaps.
  const b = w.config.robots.battery;
  const tick = w.tick;
  for (let i = 0; i < n; i++) {
    const from = r.cell[i];
    const to = r.next[i];
    if (sc[to * 2 + 1] === tick) metrics.conflicts++;
    sc[to * 2 + 1] = tick;
    if (to !== from) {
      const j = occ[to];
      if (j >= 0 && j !== i && r.next[j] === from) metrics.conflicts++;
    }
  }
  for (let i = 0; i < n; i++) {
    const from = r.cell[i];
    const to = r.next[i];
    r.prevCell[i] = from;
    sc[from * 2] = -1;
    sc[to * 2] = -1;
    const state = r.state[i];
    if (to !== from) {
      // Only a mover clears its old cell: a robot that stays lands on it again, and the loop below rewrites it.
      if (occ[from] === i) occ[from] = -1;
      r.cell[i] = to;
      r.heading[i] = moveDir(width, from, to);
      r.wantDir[i] = NO_DIR;
      r.turnProgress[i] = 0;
      r.moves[i]++;
      r.batteryWh[i] -= b.moveWh;
      r.energyWh[i] += b.moveWh;
    } else {
      if (r.wantDir[i] !== NO_DIR) {
        if (++r.turnProgress[i] >= rot) {
          // One quarter turn toward the wanted heading (clockwise when opposite).
          const diff = (r.wantDir[i] - r.heading[i] + 4) & 3;
          r.heading[i] = (r.heading[i] + (diff === 3 ? 3 : 1)) & 3;
          r.turnProgress[i] = 0;
          if (r.heading[i] === r.wantDir[i]) r.wantDir[i] = NO_DIR;
        }
      } else if (r.goal[i] >= 0 && r.goal[i] !== from && !isFixed(state)) {
        r.waitTicks[i]++;
        metrics.cellWait[from]++;
      }
    }
    // A charging robot draws from the charger; a flat or broken-down one draws nothing, nor one parked off duty (switched off).
    if (state !== RobotState.Charging && state !== RobotState.Depleted && state !== RobotState.Broken && (state !== RobotState.Idle || r.onDuty[i] === 1)) {
      r.batteryWh[i] -= b.idleWhPerTick;
      r.energyWh[i] += b.idleWhPerTick;
    }
  }
  for (let i = 0; i < n; i++) occ[r.cell[i]] = i;
}
