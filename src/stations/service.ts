import { EventKind } from '../core/events.js';
import { RobotState } from '../core/robots.js';
import { setGoal, type World } from '../core/world.js';
import { requestPod } from '../orders/demand.js';
import { linePicked } from '../orders/orders.js';
import { PodState } from '../storage/pods.js';
import { addPickWork, resetPickers, STATION_CLOSED } from './stations.js';
import { drawTicks } from './draw.js';
import { linePickTicks } from './arms.js';

export { drawTicks };

/**
 * Lines that may join one visit after it started. Lines are credited when the
 * visit ends, so without a cap a station whose pod keeps receiving new lines
 * faster than they are picked would never end the visit (and never credit a
 * line); past the cap they wait for the pod's next visit.
 */
export const MAX_JOINED_LINES = 8;

/** A line wants to join the visit being picked at station s: up to MAX_JOINED_LINES do, each extending the visit by one pick. */
export function lineJoinedPick(w: World, s: number, l: number): boolean {
  const st = w.stations;
  if (st.joined[s] >= MAX_JOINED_LINES) return false;
  st.joined[s]++;
  const span = addPickWork(st, s, linePickTicks(w, s, l));
  const i = st.robot[s];
  w.robots.busyUntil[i] = st.visitStart[s] + Math.max(1, Math.ceil(span));
  return true;
}

function startPicking(w: World, i: number): void {
  const { robots: r, pods, stations, books } = w;
  const p = r.pod[i];
  const s = r.station[i];
  pods.state[p] = PodState.Picking;
  stations.robot[s] = i;
  stations.visits[s]++;
  stations.visitStart[s] = w.tick;
  stations.joined[s] = 0;
  resetPickers(stations, s);
  let span = 0;
  for (let l = pods.visitHead[p]; l >= 0; l = books.lineNext[l]) {
    span = addPickWork(stations, s, linePickTicks(w, s, l));
  }
  r.busyUntil[i] = w.tick + Math.max(1, Math.ceil(span));
  r.state[i] = RobotState.Picking;
  w.events.push(EventKind.PickStarted, i, s);
}

/** Robot i's pick visit is over: lines are recorded, totes ship, the pod is sent back to storage. */
export function finishPicking(w: World, i: number): void {
  const { robots: r, pods, stations, books } = w;
  const p = r.pod[i];
  const s = r.station[i];
  let picked = 0;
  let l = pods.visitHead[p];
  const onPicked = w.orderAssignment.linePicked;
  while (l >= 0) {
    const nextL = books.lineNext[l];
    if (onPicked) w.orderAssignment.linePicked!(s, books.lineSku[l]);
    // Finite stock: the line's units leave the pod's slot.
    w.inventory?.take(books.lineSku[l], p, books.lineQty[l], w.tick);
    const t = linePicked(w, l);
    picked++;
    if (t >= 0) shipTote(w, s, t);
    l = nextL;
  }
  pods.visitHead[p] = -1;
  pods.visitTail[p] = -1;
  w.storage.picked(p, picked);
  stations.linesPicked[s] += picked;
  stations.openLines[s] -= picked;
  stations.load[s]--;
  stations.robot[s] = -1;
  pods.state[p] = PodState.Returning;
  pods.station[p] = -1;
  r.state[i] = RobotState.ToStorage;
  r.station[i] = -1;
  setGoal(w, i, w.storage.returnTo(w, p, s));
}

/** A station's tote is complete: it leaves at once if the outfeed takes it, else waits in the station's staging lane. */
export function shipTote(w: World, s: number, t: number): void {
  const staged = w.site.staged[s];
  const out = w.site.stationOut[s];
  if (staged.length === 0 && out.canAccept(t)) out.accept(t, w.tick);
  else staged.push(t);
}

/** Whether station s may start another pick: not while its staging lane is full (the outfeed is backed up). */
function stationClear(w: World, s: number): boolean {
  const out = w.config.outbound;
  return out === null || w.site.staged[s].length < out.stagingCapacity;
}

/**
 * Stations-and-equipment stage: robots that reached their goal this tick
 * lift, are picked from, put pods back or plug in; picking and charging
 * progress; flat batteries are caught.
 */
export function serviceStage(w: World): void {
  const { robots: r, pods } = w;
  const b = w.config.robots.battery;
  // Inbound: robots on put-away tasks are served by the put-away (src/inbound).
  const put = w.putAway ?? null;
  for (let i = 0; i < r.n; i++) {
    const state = r.state[i];
    // A robot on a detour out of a jam has not arrived anywhere that matters to its task.
    const arrived = r.cell[i] === r.goal[i] && r.detourFrom[i] < 0;
    if (put === null || !put.serve(w, i, arrived)) switch (state) {
      case RobotState.ToPod:
        if (arrived) {
          const p = r.taskPod[i];
          r.pod[i] = p;
          if (r.station[i] < 0) {
            // A re-slotting move: straight on to the pod's new location (its home once set down).
            const to = w.storage.liftedForMove(pods, p);
            pods.state[p] = PodState.Returning;
            r.state[i] = RobotState.ToStorage;
            setGoal(w, i, to);
            break;
          }
          w.storage.liftedForVisit(w, p, r.station[i]);
          pods.state[p] = PodState.ToStation;
          r.state[i] = RobotState.ToStation;
          setGoal(w, i, w.stations.cell[r.station[i]]);
        }
        break;
      case RobotState.ToStation:
        if (arrived) {
          // A station closed by a fault starts no pick: the pod waits at it until it reopens.
          if ((w.stations.closed[r.station[i]] & STATION_CLOSED) !== 0) break;
          if (stationClear(w, r.station[i])) startPicking(w, i);
          else w.stations.blockedTicks[r.station[i]]++;
        }
        break;
      case RobotState.Picking:
        if (w.tick >= r.busyUntil[i]) finishPicking(w, i);
        break;
      case RobotState.ToStorage:
        if (arrived) {
          const p = r.pod[i];
          pods.state[p] = PodState.Stored;
          pods.cell[p] = r.cell[i];
          pods.robot[p] = -1;
          w.storage.stored(w, p, i);
          r.pod[i] = -1;
          r.taskPod[i] = -1;
          r.state[i] = RobotState.Idle;
          setGoal(w, i, -1);
          requestPod(w, p);
        }
        break;
      case RobotState.ToCharger:
        if (arrived) {
          r.state[i] = RobotState.Charging;
          w.events.push(EventKind.RobotCharging, i, r.cell[i]);
        }
        break;
      case RobotState.Charging:
        r.batteryWh[i] = Math.min(b.capacityWh, r.batteryWh[i] + b.chargeWhPerTick);
        r.chargingTicks[i]++;
        if (r.batteryWh[i] >= b.chargeUntil * b.capacityWh) {
          w.chargerRobot[r.charger[i]] = -1;
          r.charger[i] = -1;
          r.state[i] = RobotState.Idle;
          setGoal(w, i, -1);
        }
        break;
    }
    const now = r.state[i];
    if (r.batteryWh[i] <= 0 && now !== RobotState.Charging && now !== RobotState.Depleted && now !== RobotState.Broken) {
      // A flat robot stops where it stands and holds its cell; the report counts it.
      r.batteryWh[i] = 0;
      r.state[i] = RobotState.Depleted;
      w.events.push(EventKind.RobotDepleted, i, r.cell[i]);
    }
  }
}
