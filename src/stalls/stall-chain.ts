import { RobotState } from '../core/robots.js';
import { CellKind } from '../layout/grid.js';
import { WaitKind } from './wait-for.js';

/** Why a stall lasts, read off the end of its wait-for chain. */
export type StallCause = 'robot' | 'cycle' | 'closure' | 'queue' | 'charger';

/** The per-robot arrays a chain is followed through: the engine's own, or a frame's copy of them. */
export interface ChainArrays {
  /** WaitKind per robot. */
  readonly waitKind: Uint8Array;
  /** Robot waited for, or -1. */
  readonly waitFor: Int32Array;
  /** Cell wanted, or -1. */
  readonly waitCell: Int32Array;
  /** Each robot's cell. */
  readonly cell: Int32Array;
  /** Each robot's RobotState. */
  readonly state: Uint8Array;
  /** CellKind per cell of the layout. */
  readonly cellKind: Uint8Array;
}

/**
 * A wait-for chain: robots in wait-for order (the robot that holds them all
 * up last; for a cycle, last the robot it comes back to, a second time),
 * their cells, and the cause.
 */
export interface StallChain {
  robots: number[];
  /** The robots' cells in the same order, then the closed cell a chain ending at a closure waits for. */
  cells: number[];
  cause: StallCause;
}

/** Longest chain followed: a guard, as chains end or close on themselves far sooner. */
const MAX_CHAIN = 4096;

/**
 * Follows the wait-for links from robot `start`. The chain ends at a robot
 * that is not stalled (cause `queue` when it stands on a station or is being
 * served, `charger` on a charger or charging, else `robot`), at a closure
 * (`closure`), at a stalled robot with nothing in its way (it yielded:
 * `robot`), or when it comes back to a robot already in it (`cycle`: that
 * robot ends the chain a second time).
 */
export function followChain(a: ChainArrays, start: number): StallChain {
  const robots: number[] = [];
  const cells: number[] = [];
  const seen = new Set<number>();
  let j = start;
  let cause: StallCause = 'robot';
  while (j >= 0 && robots.length < MAX_CHAIN) {
    if (seen.has(j)) {
      // Name the robot the chain comes back to, so the reader sees where the cycle closes (not always at the start).
      robots.push(j);
      cells.push(a.cell[j]);
      cause = 'cycle';
      break;
    }
    seen.add(j);
    robots.push(j);
    cells.push(a.cell[j]);
    const k = a.waitKind[j];
    if (k === WaitKind.None) {
      cause = holderCause(a, j);
      break;
    }
    if (k === WaitKind.Closure) {
      cause = 'closure';
      if (a.waitCell[j] >= 0) cells.push(a.waitCell[j]);
      break;
    }
    if (k === WaitKind.Yield) break;
    j = a.waitFor[j];
  }
  return { robots, cells, cause };
}

/** Why a robot that is not stalled itself holds a chain up. */
function holderCause(a: ChainArrays, j: number): StallCause {
  const s = a.state[j];
  const kind = a.cellKind[a.cell[j]];
  if (s === RobotState.Picking || kind === CellKind.Station) return 'queue';
  if (s === RobotState.Charging || kind === CellKind.Charger) return 'charger';
  return 'robot';
}
