import { EventKind } from '../core/events.js';
import { RobotState } from '../core/robots.js';
import { cellBlocked, setGoal, type World } from '../core/world.js';
import { UNREACHABLE } from '../layout/distance.js';
import { manhattan } from '../layout/grid.js';

/**
 * The fleet's half of the assignment stage: robots low on battery go to
 * chargers, the others that are idle are offered work, and a robot given a
 * pod to fetch is sent on its way. Which pods need fetching, and for which
 * station, is the order flow's business (src/storage/fetch-pods.ts).
 */

/** Scratch space for the assignment stage, reused every tick. */
export class DispatchScratch {
  pods: Int32Array;
  robots: Int32Array;
  out: Int32Array;
  reserved: Int32Array;
  constructor(nPods: number, nRobots: number, nStations: number) {
    this.pods = new Int32Array(Math.max(1, nPods));
    this.robots = new Int32Array(Math.max(1, nRobots));
    this.out = new Int32Array(Math.max(1, nPods));
    this.reserved = new Int32Array(Math.max(1, nStations));
  }
}

/**
 * Sends idle robots whose battery is below the threshold to the nearest free
 * charger, emptiest battery first: when chargers are scarce, a fixed order
 * would let the same robots take every freed charger while one runs flat.
 */
export function sendToCharge(w: World, scratch: DispatchScratch): void {
  const r = w.robots;
  const b = w.config.robots.battery;
  const below = b.chargeBelow * b.capacityWh;
  const chargers = w.grid.chargers;
  const low = scratch.robots;
  let count = 0;
  for (let i = 0; i < r.n; i++) {
    if (r.state[i] !== RobotState.Idle || r.batteryWh[i] >= below) continue;
    // Insertion by battery level (few robots are low at once).
    let k = count++;
    while (k > 0 && r.batteryWh[low[k - 1]] > r.batteryWh[i]) {
      low[k] = low[k - 1];
      k--;
    }
    low[k] = i;
  }
  const width = w.grid.width;
  for (let k = 0; k < count; k++) {
    const i = low[k];
    const cell = r.cell[i];
    // The nearest free charger by travel (lowest index on ties). Manhattan distance is a lower bound: a charger
    // that cannot beat the best so far is not searched, and searches grow only as far as the robot.
    let best = -1;
    let bestD = UNREACHABLE;
    for (let c = 0; c < chargers.length; c++) {
      if (w.chargerRobot[c] >= 0 || cellBlocked(w, chargers[c], i)) continue;
      if (manhattan(width, cell, chargers[c]) > bestD) continue;
      const lazy = w.fields.lazy(chargers[c], false);
      lazy.ensure(cell, 0);
      const d = lazy.dist[cell];
      if (d < bestD) {
        bestD = d;
        best = c;
      }
    }
    if (best < 0) continue; // every charger taken: stay idle (not assignable) and try next tick
    w.chargerRobot[best] = i;
    r.charger[i] = best;
    r.state[i] = RobotState.ToCharger;
    setGoal(w, i, chargers[best]);
  }
}

/**
 * Writes the robots that can take a task now into `scratch.robots` (index
 * order) and returns how many: idle, on duty and not below the charge
 * threshold (those are waiting for a charger, not for work).
 */
export function availableRobots(w: World, scratch: DispatchScratch): number {
  const r = w.robots;
  const b = w.config.robots.battery;
  const below = b.chargeBelow * b.capacityWh;
  let nRobots = 0;
  for (let i = 0; i < r.n; i++) if (r.state[i] === RobotState.Idle && r.batteryWh[i] >= below && r.onDuty[i] === 1) scratch.robots[nRobots++] = i;
  return nRobots;
}

/** Sends robot i to lift pod `pod` at `cell` and carry it to station `station`. */
export function sendToFetch(w: World, i: number, pod: number, station: number, cell: number): void {
  const r = w.robots;
  r.state[i] = RobotState.ToPod;
  r.taskPod[i] = pod;
  r.station[i] = station;
  setGoal(w, i, cell);
  w.events.push(EventKind.TaskAssigned, i, pod);
}

/**
 * Moves robot `loser`'s pick fetch, not lifted yet, to robot `taker` (a
 * take-over; see ErrandAssignment): the loser is idle again, the taker is
 * sent to the pod for the same station. Returns the pod.
 */
export function handOverFetch(w: World, loser: number, taker: number): number {
  const r = w.robots;
  const pod = r.taskPod[loser];
  const station = r.station[loser];
  r.state[loser] = RobotState.Idle;
  r.taskPod[loser] = -1;
  r.station[loser] = -1;
  setGoal(w, loser, -1);
  sendToFetch(w, taker, pod, station, w.pods.cell[pod]);
  return pod;
}
