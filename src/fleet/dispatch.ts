import { EventKind } from '../core/events.js';
import { RobotState } from '../core/robots.js';
import { cellBlocked, setGoal, type World } from '../core/world.js';
import { UNREACHABLE } from '../layout/distance.js';
import { manhattan } from '../layout/grid.js';
import { PodState } from '../storage/pods.js';
import { STATION_CLOSED } from '../stations/stations.js';
import type { AssignmentStrategy } from './assignment.js';

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
function sendToCharge(w: World, scratch: DispatchScratch): void {
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

/** Moves the pending lines of pod p bound for station s onto its visit list. */
function takeLinesFor(w: World, p: number, s: number): void {
  const { pods, books } = w;
  let prev = -1;
  let l = pods.pendHead[p];
  while (l >= 0) {
    const nextL = books.lineNext[l];
    if (books.lineStation[l] === s) {
      if (prev < 0) pods.pendHead[p] = nextL;
      else books.lineNext[prev] = nextL;
      if (pods.pendTail[p] === l) pods.pendTail[p] = prev;
      books.lineNext[l] = -1;
      if (pods.visitTail[p] < 0) pods.visitHead[p] = l;
      else books.lineNext[pods.visitTail[p]] = l;
      pods.visitTail[p] = l;
    } else prev = l;
    l = nextL;
  }
}

/**
 * Assignment stage: robots low on battery head to chargers, then pod requests
 * whose station has queue room (and is open, and whose pod is not cut off by
 * a fault) are matched to idle robots by the strategy.
 */
export function assignmentStage(w: World, strategy: AssignmentStrategy, scratch: DispatchScratch): void {
  sendToCharge(w, scratch);
  const r = w.robots;
  const { pods, stations, books, requests } = w;
  // Idle robots still below the charge threshold are waiting for a charger, not for work; off-duty ones take none.
  const b = w.config.robots.battery;
  const below = b.chargeBelow * b.capacityWh;
  let nRobots = 0;
  for (let i = 0; i < r.n; i++) if (r.state[i] === RobotState.Idle && r.batteryWh[i] >= below && r.onDuty[i] === 1) scratch.robots[nRobots++] = i;
  if (nRobots === 0 || requests.length === 0) return;

  // Requests whose station can take one more pod, oldest first, no more than there are robots.
  const cap = w.config.stations.queueCapacity;
  scratch.reserved.fill(0);
  let nPods = 0;
  for (let k = 0; k < requests.length && nPods < nRobots; k++) {
    const p = requests.items[k];
    const s = books.lineStation[pods.pendHead[p]];
    if (stations.load[s] + scratch.reserved[s] >= cap) continue;
    // Faults: no pod goes to a closed station, and none is fetched from a closed area or from under a broken robot.
    if ((stations.closed[s] & STATION_CLOSED) !== 0 || cellBlocked(w, pods.cell[p], -1)) continue;
    scratch.reserved[s]++;
    scratch.pods[nPods++] = p;
  }
  if (nPods === 0) return;
  strategy.assign(w, scratch.pods, nPods, scratch.robots, nRobots, scratch.out);

  for (let k = 0; k < nPods; k++) {
    const i = scratch.out[k];
    if (i < 0) continue;
    const p = scratch.pods[k];
    const s = books.lineStation[pods.pendHead[p]];
    takeLinesFor(w, p, s);
    pods.queued[p] = 0;
    pods.state[p] = PodState.Assigned;
    pods.robot[p] = i;
    pods.station[p] = s;
    stations.load[s]++;
    r.state[i] = RobotState.ToPod;
    r.taskPod[i] = p;
    r.station[i] = s;
    setGoal(w, i, pods.cell[p]);
    w.events.push(EventKind.TaskAssigned, i, p);
  }
  // Drop the dispatched pods from the queue, keeping the others in order.
  let keep = 0;
  for (let k = 0; k < requests.length; k++) {
    const p = requests.items[k];
    if (pods.queued[p]) requests.items[keep++] = p;
  }
  requests.length = keep;
}
