import { RobotState } from '../core/robots.js';
import { setGoal, type World } from '../core/world.js';
import type { AssignmentStrategy } from '../fleet/assignment.js';
import { availableRobots, DispatchScratch, sendToFetch } from '../fleet/dispatch.js';
import { fillBackorders } from '../inventory/refill.js';
import type { Stock } from '../inventory/stock.js';
import { PodState } from '../storage/pods.js';
import type { InboundConfig } from './config.js';
import type { Receiving } from './receiving.js';

/**
 * Put-away: units in the receiving buffer go to a pod slot of their SKU with
 * room, at a put station. A task is one pod visit stowing one SKU: it takes
 * the units from the buffer, waits for an idle robot (after the pick
 * requests have had theirs, through the same dispatch as pod fetching), the
 * robot brings the pod to the task's put station, a person stows the units
 * at a fixed time per unit, and the robot takes the pod back to the
 * location it came from. The fleet only gets goals.
 */
export class PutAway {
  /** Per task slot: pod, stock slot, SKU, units, put station; -1 pod = free. */
  private taskPod: Int32Array;
  private taskSlot: Int32Array;
  private taskSku: Int32Array;
  private taskUnits: Int32Array;
  private taskStation: Int32Array;
  /** Robot each task is assigned to (-1 = waiting for one). */
  private taskRobot: Int32Array;
  /** Task each robot serves, -1 for none. */
  readonly robotTask: Int32Array;
  /** Units on their way into each stock slot (tasks not yet stowed). */
  readonly incoming: Int32Array;
  /** 1 while a pod has a put-away task. */
  private readonly podBusy: Uint8Array;
  /** Tasks open per put station. */
  readonly stationTasks: Int32Array;
  /** Ticks each put station spent stowing. */
  readonly busyTicks: Float64Array;
  /** 1 while a robot takes a pod back from a put station (its task already closed), so the trip home counts as put-away time. */
  private readonly returning: Uint8Array;
  /** Robot-ticks spent on put-away visits: from the robot's assignment to the task until it has set the pod down again. */
  robotTicks = 0;
  private readonly scratch: DispatchScratch;
  private readonly waiting: Int32Array;
  private cursor = 0;
  visits = 0;
  unitsStowed = 0;

  constructor(
    w: World,
    private readonly stock: Stock,
    readonly receiving: Receiving,
    private readonly config: InboundConfig,
    private readonly strategy: AssignmentStrategy,
  ) {
    const cells = w.config.grid.putStations;
    const maxTasks = Math.max(1, cells.length * config.putQueue);
    this.taskPod = new Int32Array(maxTasks).fill(-1);
    this.taskSlot = new Int32Array(maxTasks);
    this.taskSku = new Int32Array(maxTasks);
    this.taskUnits = new Int32Array(maxTasks);
    this.taskStation = new Int32Array(maxTasks);
    this.taskRobot = new Int32Array(maxTasks).fill(-1);
    this.robotTask = new Int32Array(w.robots.n).fill(-1);
    this.incoming = new Int32Array(stock.onHand.length);
    this.podBusy = new Uint8Array(w.pods.n);
    this.stationTasks = new Int32Array(cells.length);
    this.busyTicks = new Float64Array(cells.length);
    this.returning = new Uint8Array(w.robots.n);
    this.scratch = new DispatchScratch(maxTasks, w.robots.n, 1);
    this.waiting = new Int32Array(maxTasks);
  }

  /**
   * Metrics phase: one robot-tick for each robot on a put-away task or
   * carrying a put-away pod home. Counted tick by tick from the robots'
   * states, so the figure is the fleet's time taken from picking by stocking.
   */
  countRobotTime(w: World): void {
    const r = w.robots;
    for (let i = 0; i < r.n; i++) {
      if (this.robotTask[i] >= 0) this.robotTicks++;
      else if (this.returning[i] === 1) {
        if (r.state[i] === RobotState.ToStorage) this.robotTicks++;
        else this.returning[i] = 0;
      }
    }
  }

  /** Units in put-away tasks not yet stowed (for the books). */
  unitsInTasks(): number {
    let n = 0;
    for (let k = 0; k < this.taskPod.length; k++) if (this.taskPod[k] >= 0) n += this.taskUnits[k];
    return n;
  }

  /**
   * The slot of `sku` a put-away fills: among the SKU's pods (where the
   * slotting put it), one stored, not requested for picking and with no
   * put-away of its own, with the most room (ties: the lower slot); -1 when
   * none can take a unit now.
   */
  private chooseSlot(w: World, sku: number): number {
    const { pods } = w;
    const st = this.stock;
    let best = -1;
    let bestRoom = 0;
    for (let j = pods.podStart[sku]; j < pods.podStart[sku + 1]; j++) {
      const p = pods.podsOfSku[j];
      if (pods.state[p] !== PodState.Stored || pods.queued[p] || this.podBusy[p]) continue;
      const room = st.capacity[j] < 0 ? 0x3fffffff - st.onHand[j] : st.capacity[j] - st.onHand[j] - this.incoming[j];
      if (room > bestRoom) {
        bestRoom = room;
        best = j;
      }
    }
    return best;
  }

  /** The put station with the fewest open tasks and room for one more, or -1. */
  private chooseStation(): number {
    let best = -1;
    for (let u = 0; u < this.stationTasks.length; u++) {
      if (this.stationTasks[u] >= this.config.putQueue) continue;
      if (best < 0 || this.stationTasks[u] < this.stationTasks[best]) best = u;
    }
    return best;
  }

  /** Opens tasks for the SKUs in the buffer, going round the SKUs from where the last look stopped, while the put stations have room. */
  private openTasks(w: World): void {
    const buf = this.receiving.buffer;
    const skus = buf.length;
    if (this.receiving.bufferUnits === 0) return;
    for (let k = 0; k < skus; k++) {
      const sku = (this.cursor + k) % skus;
      if (buf[sku] === 0) continue;
      const u = this.chooseStation();
      if (u < 0) {
        this.cursor = sku;
        return;
      }
      const j = this.chooseSlot(w, sku);
      if (j < 0) continue;
      const st = this.stock;
      const room = st.capacity[j] < 0 ? Infinity : st.capacity[j] - st.onHand[j] - this.incoming[j];
      // While more of the SKU is being unloaded, wait to fill the slot in one visit.
      if (this.receiving.onDock[sku] > 0 && buf[sku] < room) continue;
      const units = Math.min(buf[sku], room);
      const t = this.taskPod.indexOf(-1);
      const p = w.pods.podsOfSku[j];
      this.taskPod[t] = p;
      this.taskSlot[t] = j;
      this.taskSku[t] = sku;
      this.taskUnits[t] = units;
      this.taskStation[t] = u;
      this.taskRobot[t] = -1;
      this.stationTasks[u]++;
      this.podBusy[p] = 1;
      this.incoming[j] += units;
      buf[sku] -= units;
      this.receiving.bufferUnits -= units;
    }
  }

  /** Assignment phase, after pick requests: new tasks from the buffer, then waiting tasks matched to idle robots. */
  assign(w: World): void {
    this.openTasks(w);
    let n = 0;
    const { pods } = w;
    // A task's pod may since have been requested for picking or taken by re-slotting: it waits until the pod is back, stored and not requested.
    for (let t = 0; t < this.taskPod.length; t++) {
      const p = this.taskPod[t];
      if (p >= 0 && this.taskRobot[t] < 0 && pods.state[p] === PodState.Stored && pods.queued[p] === 0) this.waiting[n++] = t;
    }
    if (n === 0) return;
    const s = this.scratch;
    const nRobots = availableRobots(w, s);
    if (nRobots === 0) return;
    for (let k = 0; k < n; k++) s.pods[k] = this.taskPod[this.waiting[k]];
    this.strategy.assign(w, s.pods, n, s.robots, nRobots, s.out);
    for (let k = 0; k < n; k++) {
      const i = s.out[k];
      if (i < 0) continue;
      const t = this.waiting[k];
      const p = this.taskPod[t];
      this.taskRobot[t] = i;
      this.robotTask[i] = t;
      pods.state[p] = PodState.Assigned;
      pods.robot[p] = i;
      // No pick station: the service stage hands this robot to `serve`.
      sendToFetch(w, i, p, -1, pods.cell[p]);
    }
  }

  /**
   * Service phase for robot i on a put-away task (returns false for any
   * other robot): lifts the pod and heads for the put station, stows there,
   * then takes the pod back to its location and leaves the task (the
   * service stage's own return to storage sets it down).
   */
  serve(w: World, i: number, arrived: boolean): boolean {
    const t = this.robotTask[i];
    if (t < 0) return false;
    const { robots: r, pods } = w;
    const p = this.taskPod[t];
    const u = this.taskStation[t];
    switch (r.state[i]) {
      case RobotState.ToPod:
        if (arrived) {
          r.pod[i] = p;
          pods.state[p] = PodState.ToStation;
          r.state[i] = RobotState.ToStation;
          setGoal(w, i, w.config.grid.putStations[u]);
        }
        return true;
      case RobotState.ToStation:
        if (arrived) {
          pods.state[p] = PodState.Picking;
          r.state[i] = RobotState.Picking;
          r.busyUntil[i] = w.tick + Math.max(1, Math.ceil(this.taskUnits[t] * this.config.stowTicksPerUnit));
        }
        return true;
      case RobotState.Picking:
        this.busyTicks[u]++;
        if (w.tick >= r.busyUntil[i]) this.stowed(w, i, t);
        return true;
      default:
        return false;
    }
  }

  /** Task t's units are in their slot: the slot's waiting lines are routed, and the pod goes home. */
  private stowed(w: World, i: number, t: number): void {
    const { robots: r, pods } = w;
    const p = this.taskPod[t];
    const j = this.taskSlot[t];
    const units = this.taskUnits[t];
    this.stock.stow(j, units);
    this.stock.replenishments++;
    this.incoming[j] -= units;
    this.visits++;
    this.unitsStowed += units;
    this.stationTasks[this.taskStation[t]]--;
    this.taskPod[t] = -1;
    this.taskRobot[t] = -1;
    this.robotTask[i] = -1;
    this.returning[i] = 1;
    this.podBusy[p] = 0;
    pods.state[p] = PodState.Returning;
    r.state[i] = RobotState.ToStorage;
    // Back to the location it was lifted from, which it kept.
    setGoal(w, i, pods.cell[p]);
    fillBackorders(w, this.taskSku[t]);
  }
}
