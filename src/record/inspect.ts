import { ROBOT_STATE_NAMES } from '../core/robots.js';
import type { World } from '../core/world.js';
import { computeField, UNREACHABLE, type DistanceField } from '../layout/distance.js';

/** One robot's task and state, for the viewer's inspector. */
export interface RobotInfo {
  robot: number;
  tick: number;
  cell: number;
  state: string;
  /** Goal cell, or -1. */
  goal: number;
  /** Pod of the current task, or -1. */
  taskPod: number;
  /** Pod carried, or -1. */
  pod: number;
  /** Station of the current task, or -1. */
  station: number;
  batteryWh: number;
  capacityWh: number;
  /** Cells from the robot's cell to its goal along the distance field (robot's cell first); empty without a goal. */
  path: number[];
}

/** Longest path returned: enough for any floor a person looks at, bounded for a 2000x2000 one. */
const MAX_PATH = 20_000;

/**
 * Answers inspection requests. The path follows a distance field computed
 * here, not the engine's own cached one, so looking at a robot never changes
 * what the engine computes (runs stay identical with or without a viewer).
 */
export class Inspector {
  private readonly fields = new Map<number, DistanceField>();

  constructor(private readonly world: World) {}

  inspect(robot: number): RobotInfo | null {
    const w = this.world;
    const r = w.robots;
    if (robot < 0 || robot >= r.n) return null;
    const goal = r.goal[robot];
    const cell = r.cell[robot];
    const loaded = r.pod[robot] >= 0;
    return {
      robot,
      tick: w.tick,
      cell,
      state: ROBOT_STATE_NAMES[r.state[robot]] ?? String(r.state[robot]),
      goal,
      taskPod: r.taskPod[robot],
      pod: r.pod[robot],
      station: r.station[robot],
      batteryWh: Math.round(r.batteryWh[robot] * 100) / 100,
      capacityWh: w.config.robots.battery.capacityWh,
      path: goal >= 0 ? this.path(cell, goal, loaded) : [],
    };
  }

  /** Steepest descent along the field toward `goal` (ties: E, S, W, N), from `cell`. */
  private path(cell: number, goal: number, loaded: boolean): number[] {
    const field = this.field(goal, loaded);
    const nbr = this.world.grid.nbr;
    const out = [cell];
    let c = cell;
    let d = field[c];
    if (d === UNREACHABLE) {
      // A loaded robot still on its pod's storage cell is outside the loaded field: start from its best neighbour.
      for (let k = 0; k < 4; k++) {
        const v = nbr[c * 4 + k];
        if (v >= 0 && field[v] < d) {
          d = field[v];
          c = v;
        }
      }
      if (d === UNREACHABLE) return out;
      out.push(c);
    }
    while (d > 0 && out.length < MAX_PATH) {
      let next = -1;
      for (let k = 0; k < 4; k++) {
        const v = nbr[c * 4 + k];
        if (v >= 0 && field[v] < d) {
          next = v;
          break;
        }
      }
      if (next < 0) break;
      c = next;
      d = field[c];
      out.push(c);
    }
    return out;
  }

  private field(goal: number, loaded: boolean): DistanceField {
    const key = goal * 2 + (loaded ? 1 : 0);
    let f = this.fields.get(key);
    if (!f) {
      // A handful of fields is plenty for one followed robot; drop the oldest beyond that.
      if (this.fields.size >= 8) this.fields.delete(this.fields.keys().next().value as number);
      f = computeField(this.world.grid, goal, loaded);
      this.fields.set(key, f);
    }
    return f;
  }
}
