import type { Feature } from '../core/feature.js';
import { cellBlocked, type World } from '../core/world.js';
import type { AssignmentStrategy } from '../fleet/assignment.js';
import { ASSIGNMENTS } from '../fleet/assignments.js';
import { availableRobots, DispatchScratch, handOverFetch, sendToCharge, sendToFetch } from '../fleet/dispatch.js';
import { STATION_CLOSED } from '../stations/stations.js';
import { PodState } from './pods.js';

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
 * a fault) are matched to idle robots by the strategy. The fleet moves the
 * robots (src/fleet/dispatch.ts); this side keeps the pods, lines and
 * stations' books.
 */
export function assignmentStage(w: World, strategy: AssignmentStrategy, scratch: DispatchScratch): void {
  sendToCharge(w, scratch);
  const { pods, stations, books, requests } = w;
  const nRobots = availableRobots(w, scratch);
  // A strategy that may move fetches between robots runs with free robots even when no request waits.
  if (nRobots === 0 || (requests.length === 0 && strategy.takeOver === undefined)) return;

  // Requests whose station can take one more pod, oldest first (with service classes: highest priority first), no more than there are robots.
  const cap = w.config.stations.queueCapacity;
  const queue = w.orderClasses ? w.orderClasses.orderRequests(w) : requests.items;
  scratch.reserved.fill(0);
  let nPods = 0;
  for (let k = 0; k < requests.length && nPods < nRobots; k++) {
    const p = queue[k];
    const s = books.lineStation[pods.pendHead[p]];
    if (stations.load[s] + scratch.reserved[s] >= cap) continue;
    // Faults: no pod goes to a closed station, and none is fetched from a closed area or from under a broken robot.
    if ((stations.closed[s] & STATION_CLOSED) !== 0 || cellBlocked(w, pods.cell[p], -1)) continue;
    scratch.reserved[s]++;
    scratch.pods[nPods++] = p;
  }
  if (nPods === 0 && strategy.takeOver === undefined) return;
  strategy.assign(w, scratch.pods, nPods, scratch.robots, nRobots, scratch.out);
  // Take-overs first: a robot that lost its fetch may have been given a request in the same call.
  const moved = strategy.takeOverCount ?? 0;
  for (let k = 0; k < moved; k++) {
    const [taker, loser] = strategy.takeOver!(k);
    pods.robot[handOverFetch(w, loser, taker)] = taker;
    w.storage.takeOvers++;
  }

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
    sendToFetch(w, i, p, s, pods.cell[p]);
  }
  // Drop the dispatched pods from the queue, keeping the others in order.
  let keep = 0;
  for (let k = 0; k < requests.length; k++) {
    const p = requests.items[k];
    if (pods.queued[p]) requests.items[keep++] = p;
  }
  requests.length = keep;
}

/**
 * Fetching pods as a feature: the assignment phase, with the task
 * assignment strategy picked by name (`fleet.assignment`).
 */
export class PodFetching implements Feature {
  readonly name = 'pod fetching';
  readonly assignment: AssignmentStrategy;
  readonly stages = { assignment: (w: World) => assignmentStage(w, this.assignment, this.scratch) };
  private readonly scratch: DispatchScratch;

  constructor(w: World) {
    const assignment = ASSIGNMENTS[w.config.fleet.assignment];
    if (!assignment) throw new Error(`unknown assignment '${w.config.fleet.assignment}'`);
    this.assignment = assignment();
    this.scratch = new DispatchScratch(w.pods.n, w.robots.n, w.stations.n);
  }
}
