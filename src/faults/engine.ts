import { EventKind } from '../core/events.js';
import { randExp, rngStream, type Rng } from '../core/rng.js';
import { isFixed, RobotState } from '../core/robots.js';
import { cellBlocked, setGoal, type World } from '../core/world.js';
import { DelayCause } from '../orders/books.js';
import { requestPod } from '../orders/demand.js';
import { PodState } from '../storage/pods.js';
import { STATION_BLOCKED, STATION_CLOSED } from '../stations/stations.js';
import { finishPicking } from '../stations/service.js';
import { UNREACHABLE, type LazyField } from '../layout/distance.js';
import { CellKind } from '../layout/grid.js';
import { Outage } from './outage.js';
import { FaultKind, type FaultsConfig } from './types.js';

/** Breakdowns listed one by one in the report (the first ones). */
export const LISTED_BREAKDOWNS = 20;
/**
 * Ticks a robot must have waited behind a broken one (its next cell toward
 * its goal) before that broken robot's cell is blocked in the distance
 * fields, when its repair is long: breakdowns nobody runs into never cost a
 * field search.
 */
export const REPLAN_AFTER_WAIT_TICKS = 3;

/** One breakdown, for the report's list. */
export interface BreakdownRecord {
  robot: number;
  atTick: number;
  forTicks: number;
  /** RobotState the robot was in when it broke down. */
  state: number;
  cell: number;
}

/** What the fault engine counted, for the report. */
export interface FaultFigures {
  breakdowns: number;
  /** Ticks robots spent broken down (repairs finished; add the ongoing ones at the end). */
  downTicks: number;
  /** Breakdowns of robots carrying a pod (the pod stays on the robot until the repair). */
  carryingPod: number;
  /** Long breakdowns (repair above replanAbove) that robots ran into, blocked in the distance fields. */
  blockedInFields: number;
  /** The controller's response: fetch tasks given up (breakdown, closure, closed station, pod cut off), pod returns sent elsewhere, robots held short of a blocked goal, idle robots sent out of a closed area, charger reservations given up. */
  tasksReleased: number;
  podsRerouted: number;
  robotsHeld: number;
  robotsEvacuated: number;
  chargersReleased: number;
  /** Breakdowns on a station cell, which turn new orders away from the station until the repair. */
  stationsBlocked: number;
  list: BreakdownRecord[];
}

/**
 * Faults on the run's clock, and the controller's response. Runs first in
 * every tick (before demand), so a fault that starts at tick t is in force
 * for everything that happens in tick t.
 *
 * - Robots break down (random exponential up and down times per robot from
 *   the seeded `faults:robots` stream, counted in calendar time from the start
 *   or the last repair; or scheduled) and hold their cell as an obstacle until
 *   repaired, then resume. See `breakRobot` for what happens to their task.
 * - Closed areas, and broken robots with a long repair (above replanAbove)
 *   that some robot has waited behind for REPLAN_AFTER_WAIT_TICKS: their cells
 *   are blocked in the distance fields (robots re-plan round them; none enters
 *   a closed area, robots inside may leave), fields that reached them are
 *   dropped and every robot on a dropped field is moved to a fresh one.
 * - Conveyor jams, chutes out of service, stations closed, people absent:
 *   flags on the equipment, which reacts on its own (see each class).
 *
 * Random draws come from streams of their own (`faults:robots`,
 * `faults:conveyor:<id>`, `faults:chute:<sorter>:<k>`), never from `demand`,
 * so adding faults does not change the orders a run sees.
 */
export class FaultEngine {
  readonly figures: FaultFigures = {
    breakdowns: 0,
    downTicks: 0,
    carryingPod: 0,
    blockedInFields: 0,
    tasksReleased: 0,
    podsRerouted: 0,
    robotsHeld: 0,
    robotsEvacuated: 0,
    chargersReleased: 0,
    stationsBlocked: 0,
    list: [],
  };
  /** Tick each broken robot is repaired at (-1 while it runs). */
  readonly repairAt: Int32Array;
  /** The state a broken robot returns to when repaired. */
  readonly resume: Uint8Array;
  /** Tick each robot broke down at. */
  private readonly brokeAt: Int32Array;
  /** 1 while a broken robot's cell is blocked in the distance fields. */
  private readonly masked: Uint8Array;
  /** Ticks in a row some robot has waited behind each broken robot. */
  private readonly obstructing: Int32Array;
  /** Next random breakdown per robot (Infinity while broken or without random breakdowns). */
  private readonly nextFail: Float64Array;
  private readonly rng: Rng | null;
  private nextScheduled = 0;
  /** Goal a robot holds off from while it is blocked (-1 = not held); `heldCut`: held because the goal is cut off, not closed. */
  private readonly heldGoal: Int32Array;
  private readonly heldCut: Uint8Array;
  /** Each robot's goal epoch when its goal was last looked at. */
  private readonly epochSeen: Uint32Array;
  /** Cells closed by closures (a count per cell; broken robots are not counted here). */
  readonly closedCells: Uint16Array;
  readonly closures: Outage[];
  readonly conveyors: Outage[];
  readonly chutes: Outage[];
  readonly stations: Outage[];
  readonly pickers: Outage[];
  private readonly conveyorDown: Int32Array;
  private readonly chuteDown: Int32Array[];
  private readonly stationDown: Int32Array;
  /** Broken-down robots standing on each station. */
  private readonly brokenOn: Int32Array;
  private readonly zoneAbsent: Int32Array;
  private fieldsVersion: number;
  /** Repair times of all breakdowns (as drawn or scheduled), for the mean. */
  repairTicksTotal = 0;
  /** Closures in force now. */
  private closedNow = 0;
  // Breadth-first scratch for evacuations.
  private readonly seen: Int32Array;
  private readonly queue: Int32Array;
  private stamp = 0;

  constructor(
    w: World,
    readonly config: FaultsConfig,
  ) {
    const n = w.robots.n;
    const cells = w.grid.width * w.grid.height;
    this.repairAt = new Int32Array(n).fill(-1);
    this.resume = new Uint8Array(n);
    this.brokeAt = new Int32Array(n);
    this.masked = new Uint8Array(n);
    this.obstructing = new Int32Array(n);
    this.nextFail = new Float64Array(n).fill(Infinity);
    this.heldGoal = new Int32Array(n).fill(-1);
    this.heldCut = new Uint8Array(n);
    this.epochSeen = new Uint32Array(n);
    this.closedCells = new Uint16Array(cells);
    this.seen = new Int32Array(cells);
    this.queue = new Int32Array(cells);
    const seed = w.config.seed;
    this.rng = config.robots ? rngStream(seed, 'faults:robots') : null;
    if (config.robots) for (let i = 0; i < n; i++) this.nextFail[i] = this.draw(config.robots.mtbfTicks);
    const ob = w.config.outbound;
    this.closures = config.closures.map((c) => new Outage(c, null));
    this.conveyors = config.conveyors.map((c) => new Outage(c.outage, 'mtbfTicks' in c.outage ? rngStream(seed, `faults:conveyor:${ob!.conveyors[c.conveyor].name}`) : null));
    this.chutes = config.chutes.map((c) => new Outage(c.outage, 'mtbfTicks' in c.outage ? rngStream(seed, `faults:chute:${ob!.sorters[c.sorter].name}:${c.chute}`) : null));
    this.stations = config.stations.map((c) => new Outage(c, null));
    this.pickers = config.pickers.map((c) => new Outage(c, null));
    this.conveyorDown = new Int32Array(ob?.conveyors.length ?? 0);
    this.chuteDown = (ob?.sorters ?? []).map((s) => new Int32Array(s.chutes.length));
    this.stationDown = new Int32Array(w.stations.n);
    this.brokenOn = new Int32Array(w.stations.n);
    this.zoneAbsent = new Int32Array(w.config.zones.length);
    this.fieldsVersion = w.fields.version;
  }

  private draw(mean: number): number {
    return Math.max(1, Math.round(randExp(this.rng!, mean)));
  }

  /** Robots broken down now. */
  brokenNow(w: World): number {
    let k = 0;
    for (let i = 0; i < w.robots.n; i++) if (w.robots.state[i] === RobotState.Broken) k++;
    return k;
  }

  /** Ticks robots have spent broken down so far, the ongoing breakdowns included. */
  downTicksNow(w: World): number {
    let t = this.figures.downTicks;
    for (let i = 0; i < w.robots.n; i++) if (w.robots.state[i] === RobotState.Broken) t += w.tick - this.brokeAt[i];
    return t;
  }

  /** The fault stage: windows open and close, robots break down and are repaired, the controller responds. */
  step(w: World): void {
    const tick = w.tick;
    const masks = w.fields.maskChanges;
    this.stepClosures(w, tick);
    this.stepStations(w, tick);
    this.stepPickers(w, tick);
    this.stepEquipment(w, tick);
    this.stepRobots(w, tick);
    const maskChanged = w.fields.maskChanges !== masks;
    if (w.fields.version !== this.fieldsVersion) {
      this.repoint(w);
      this.fieldsVersion = w.fields.version;
    }
    this.checkGoals(w, maskChanged);
    // Goals set above take fresh fields; nothing is stale now.
    this.fieldsVersion = w.fields.version;
  }

  // ---- Windows and equipment.

  private stepClosures(w: World, tick: number): void {
    for (let k = 0; k < this.closures.length; k++) {
      const change = this.closures[k].step(tick);
      if (change === 0) continue;
      const cells = this.config.closures[k].cells;
      for (let j = 0; j < cells.length; j++) this.closedCells[cells[j]] += change;
      this.closedNow += change;
      w.fields.block(cells, change);
      w.events.push(change > 0 ? EventKind.FaultStarted : EventKind.FaultEnded, FaultKind.Closure, k);
      if (change > 0) this.closureStarted(w, cells);
    }
  }

  /** A closure began: orders waiting on pods stored inside are delayed (idle robots inside are sent out by checkGoals). */
  private closureStarted(w: World, cells: Int32Array): void {
    const { pods, storage } = w;
    for (let j = 0; j < cells.length; j++) {
      const c = cells[j];
      const loc = storage.locOf[c];
      if (loc < 0) continue;
      const p = storage.owner[loc];
      if (p >= 0 && pods.cell[p] === c && pods.state[p] === PodState.Stored) this.markPod(w, p, DelayCause.Closure);
    }
  }

  private stepStations(w: World, tick: number): void {
    for (let k = 0; k < this.stations.length; k++) {
      const change = this.stations[k].step(tick);
      if (change === 0) continue;
      const s = this.config.stations[k].station;
      this.stationDown[s] += change;
      w.events.push(change > 0 ? EventKind.FaultStarted : EventKind.FaultEnded, FaultKind.Station, k);
      this.updateStation(w, s, DelayCause.Station);
    }
  }

  /**
   * Station s is closed while a fault closes it or a broken-down robot stands
   * on it (it could serve no other pod before the repair anyway).
   */
  private updateStation(w: World, s: number, cause: DelayCause): void {
    const was = w.stations.closed[s] !== 0;
    w.stations.closed[s] = (this.stationDown[s] > 0 ? STATION_CLOSED : 0) | (this.brokenOn[s] > 0 ? STATION_BLOCKED : 0);
    const now = w.stations.closed[s] !== 0;
    // A closure sends back the robots on their way to lift a pod for the station. A broken robot on it
    // only turns new orders away: pods keep coming and queue, as for a busy station, for after the repair.
    if (this.stationDown[s] > 0) this.releaseFetchesFor(w, s, cause);
    // Orders with lines still to pick there wait for it (counted when it closes, and when it reopens).
    if (was !== now) this.markStation(w, s, cause);
  }

  /** No new pods for station s: robots on their way to lift one for it give the task up (the request waits). */
  private releaseFetchesFor(w: World, s: number, cause: DelayCause): void {
    const r = w.robots;
    for (let i = 0; i < r.n; i++) if (r.state[i] === RobotState.ToPod && r.station[i] === s) this.releaseFetch(w, i, cause);
  }

  private stepPickers(w: World, tick: number): void {
    for (let k = 0; k < this.pickers.length; k++) {
      const change = this.pickers[k].step(tick);
      if (change === 0) continue;
      const { zone, count } = this.config.pickers[k];
      this.zoneAbsent[zone] += change * count;
      const z = w.site.zones[zone];
      z.absent = Math.min(w.config.zones[zone].pickers, this.zoneAbsent[zone]);
      w.events.push(change > 0 ? EventKind.FaultStarted : EventKind.FaultEnded, FaultKind.Pickers, k);
      for (const t of z.queuedTotes()) w.books.markDelayed(w.totes.order[t], DelayCause.Pickers);
    }
  }

  private stepEquipment(w: World, tick: number): void {
    const ob = w.site.outbound;
    if (ob === null) return;
    for (let k = 0; k < this.conveyors.length; k++) {
      const change = this.conveyors[k].step(tick);
      if (change === 0) continue;
      const c = this.config.conveyors[k].conveyor;
      this.conveyorDown[c] += change;
      const belt = ob.conveyors[c];
      const was = belt.jammed;
      belt.jammed = this.conveyorDown[c] > 0;
      w.events.push(change > 0 ? EventKind.FaultStarted : EventKind.FaultEnded, FaultKind.Conveyor, k);
      if (!was && belt.jammed) for (const t of belt.totes()) w.books.markDelayed(w.totes.order[t], DelayCause.Conveyor);
    }
    for (let k = 0; k < this.chutes.length; k++) {
      const change = this.chutes[k].step(tick);
      if (change === 0) continue;
      const { sorter, chute } = this.config.chutes[k];
      this.chuteDown[sorter][chute] += change;
      ob.sorters[sorter].chuteOut[chute] = this.chuteDown[sorter][chute] > 0 ? 1 : 0;
      w.events.push(change > 0 ? EventKind.FaultStarted : EventKind.FaultEnded, FaultKind.Chute, k);
    }
  }

  // ---- Robots.

  private stepRobots(w: World, tick: number): void {
    const r = w.robots;
    const n = r.n;
    // Repairs first: a robot repaired at t may break again at t only by a new draw.
    for (let i = 0; i < n; i++) if (r.state[i] === RobotState.Broken && this.repairAt[i] <= tick) this.repair(w, i);
    const list = this.config.breakdowns;
    while (this.nextScheduled < list.length && list[this.nextScheduled].atTick <= tick) {
      const b = list[this.nextScheduled++];
      if (b.atTick === tick) this.breakRobot(w, b.robot, b.forTicks);
    }
    const rf = this.config.robots;
    if (rf !== null) {
      for (let i = 0; i < n; i++) {
        if (tick < this.nextFail[i]) continue;
        this.nextFail[i] = Infinity;
        // A flat robot is stopped already: its clock restarts, the breakdown is not counted.
        if (!this.breakRobot(w, i, this.draw(rf.mttrTicks))) this.nextFail[i] = tick + this.draw(rf.mtbfTicks);
      }
    }
    // A long breakdown in someone's way is blocked in the distance fields: they re-plan round it.
    const longer = this.config.replanAboveTicks;
    const wait = this.config.replanAfterWaitTicks ?? REPLAN_AFTER_WAIT_TICKS;
    for (let i = 0; i < n; i++) {
      if (r.state[i] !== RobotState.Broken || this.masked[i] || this.repairAt[i] - tick <= longer) continue;
      if (wait > 0 && !this.inTheWay(w, i)) this.obstructing[i] = 0;
      else if (++this.obstructing[i] >= wait) this.mask(w, i);
    }
    // People pick from the pod of a robot that broke down at the station: the visit ends on time.
    for (let i = 0; i < n; i++) {
      if (r.state[i] !== RobotState.Broken || this.resume[i] !== RobotState.Picking || tick < r.busyUntil[i]) continue;
      r.state[i] = RobotState.Picking;
      finishPicking(w, i);
      this.resume[i] = r.state[i];
      r.state[i] = RobotState.Broken;
    }
  }

  /**
   * Robot i breaks down for `ticks` ticks where it stands. What becomes of its task:
   * - on its way to lift a pod (empty): the task is released, the pod goes back
   *   to the request queue (another robot takes it), the pod's orders count as delayed;
   * - carrying a pod (to a station or back to storage), or being picked from:
   *   it keeps the pod until repaired (people finish a pick in progress);
   *   the pod's orders count as delayed;
   * - on its way to a charger: the charger is given up;
   * - charging: it stops charging and keeps the charger until repaired;
   * - idle: it just stops. A flat robot does not break down (returns false).
   */
  breakRobot(w: World, i: number, ticks: number): boolean {
    const r = w.robots;
    const tick = w.tick;
    const st = r.state[i];
    if (st === RobotState.Depleted) return false;
    if (st === RobotState.Broken) {
      // Already down: the longer repair wins.
      if (tick + ticks > this.repairAt[i]) this.repairAt[i] = tick + ticks;
      return true;
    }
    const f = this.figures;
    f.breakdowns++;
    this.repairTicksTotal += ticks;
    if (f.list.length < LISTED_BREAKDOWNS) f.list.push({ robot: i, atTick: tick, forTicks: ticks, state: st, cell: r.cell[i] });
    // Out of a detour: the task's own goal is what it resumes.
    if (r.detourFrom[i] >= 0) setGoal(w, i, r.detourFrom[i]);
    switch (st) {
      case RobotState.ToPod:
        this.releaseFetch(w, i, DelayCause.Robot);
        break;
      case RobotState.ToCharger:
        this.releaseCharger(w, i);
        break;
      case RobotState.ToStation:
      case RobotState.ToStorage:
      case RobotState.Picking:
        f.carryingPod++;
        this.markPod(w, r.pod[i], DelayCause.Robot);
        break;
    }
    this.resume[i] = r.state[i];
    r.state[i] = RobotState.Broken;
    this.brokeAt[i] = tick;
    this.repairAt[i] = tick + ticks;
    this.obstructing[i] = 0;
    const s = w.stationAt[r.cell[i]];
    if (s >= 0) {
      this.brokenOn[s]++;
      f.stationsBlocked++;
      this.updateStation(w, s, DelayCause.Robot);
    }
    w.events.push(EventKind.RobotBroken, i, r.cell[i]);
    return true;
  }

  /** Whether a robot next to broken robot i did not move last tick and wants i's cell (it is closer to its goal). */
  private inTheWay(w: World, i: number): boolean {
    const r = w.robots;
    const c = r.cell[i];
    const nbr = w.grid.nbr;
    for (let d = 0; d < 4; d++) {
      const v = nbr[c * 4 + d];
      const j = v < 0 ? -1 : w.occ[v];
      if (j < 0 || r.prevCell[j] !== v || r.goal[j] < 0 || isFixed(r.state[j])) continue;
      const f = r.field[j];
      if (f !== null && f[c] < f[v]) return true;
    }
    return false;
  }

  private mask(w: World, i: number): void {
    this.masked[i] = 1;
    this.figures.blockedInFields++;
    w.fields.block([w.robots.cell[i]], 1);
  }

  private repair(w: World, i: number): void {
    const r = w.robots;
    const tick = w.tick;
    this.figures.downTicks += tick - this.brokeAt[i];
    r.state[i] = this.resume[i];
    this.repairAt[i] = -1;
    if (this.masked[i]) {
      this.masked[i] = 0;
      w.fields.block([r.cell[i]], -1);
    }
    const s = w.stationAt[r.cell[i]];
    if (s >= 0) {
      this.brokenOn[s]--;
      this.updateStation(w, s, DelayCause.Robot);
    }
    // Its goal again, afresh: priorities and the stuck and deadlock watches restart from here.
    if (r.goal[i] >= 0) setGoal(w, i, r.goal[i]);
    if (this.config.robots !== null) this.nextFail[i] = tick + this.draw(this.config.robots.mtbfTicks);
    w.events.push(EventKind.RobotRepaired, i, r.cell[i]);
  }

  // ---- The controller's response.

  /** Robot i gives up lifting its pod: the pod rests where it is, its lines wait again, and it is requested anew. */
  private releaseFetch(w: World, i: number, cause: DelayCause): void {
    const { robots: r, pods, books, stations, storage } = w;
    const p = r.taskPod[i];
    const s = r.station[i];
    if (p >= 0) {
      if (s >= 0) {
        // The visit's lines go back in front of the pod's pending ones (they are older).
        const vh = pods.visitHead[p];
        if (vh >= 0) {
          books.lineNext[pods.visitTail[p]] = pods.pendHead[p];
          if (pods.pendTail[p] < 0) pods.pendTail[p] = pods.visitTail[p];
          pods.pendHead[p] = vh;
          pods.visitHead[p] = -1;
          pods.visitTail[p] = -1;
        }
        stations.load[s]--;
      } else if (storage.moving[p]) {
        // A re-slotting move is called off: the reserved location is freed.
        storage.release(storage.dest[p], p);
        storage.dest[p] = -1;
        storage.moving[p] = 0;
        storage.reslotStarted--;
      }
      pods.state[p] = PodState.Stored;
      pods.robot[p] = -1;
      pods.station[p] = -1;
      this.markPod(w, p, cause);
    }
    r.state[i] = RobotState.Idle;
    r.taskPod[i] = -1;
    r.station[i] = -1;
    setGoal(w, i, -1);
    this.figures.tasksReleased++;
    if (p >= 0) requestPod(w, p);
  }

  private releaseCharger(w: World, i: number): void {
    const r = w.robots;
    if (r.charger[i] >= 0) w.chargerRobot[r.charger[i]] = -1;
    r.charger[i] = -1;
    r.state[i] = RobotState.Idle;
    setGoal(w, i, -1);
    this.figures.chargersReleased++;
  }

  /** Robot i stops short of `goal` (no goal: it yields to anyone) until the goal opens again. */
  private hold(w: World, i: number, goal: number, cut: boolean, cause: DelayCause): void {
    this.heldGoal[i] = goal;
    this.heldCut[i] = cut ? 1 : 0;
    setGoal(w, i, -1);
    this.figures.robotsHeld++;
    this.markPod(w, w.robots.pod[i], cause);
  }

  /**
   * Every robot's goal against the faults in force: a goal inside a closed
   * area or under a broken robot is given up (a fetch, a charger), replaced
   * (a pod return under a rule without fixed homes) or held off (a fixed home,
   * a re-slotting destination); loaded robots queue for a station a broken
   * robot stands on. On ticks the blocked mask changed, robots whose goal is
   * cut off altogether are treated the same way, and held ones are let go
   * when their goal can be reached again.
   */
  private checkGoals(w: World, maskChanged: boolean): void {
    const r = w.robots;
    const n = r.n;
    for (let i = 0; i < n; i++) {
      const st = r.state[i];
      if (isFixed(st)) continue;
      const held = this.heldGoal[i];
      if (held >= 0) {
        if (cellBlocked(w, held, i)) continue;
        if (this.heldCut[i] && !maskChanged) continue;
        if (this.heldCut[i] && this.cutOff(w, w.fields.lazy(held, r.pod[i] >= 0), i)) continue;
        this.heldGoal[i] = -1;
        setGoal(w, i, held);
        continue;
      }
      const g = r.goal[i];
      if (g < 0) {
        // Idle in a closed area: out to the nearest open cell.
        if (st === RobotState.Idle && this.closedCells[r.cell[i]] > 0) this.evacuate(w, i);
        continue;
      }
      if (r.detourFrom[i] >= 0) continue;
      if (st === RobotState.Idle) {
        // An idle robot sent out of a closed area: done once out.
        if (g === r.cell[i] || cellBlocked(w, g, i)) setGoal(w, i, -1);
        continue;
      }
      // A goal set since the last look, while cells are blocked, may be cut off: look at it too.
      const fresh = r.goalEpoch[i] !== this.epochSeen[i];
      this.epochSeen[i] = r.goalEpoch[i];
      const look = maskChanged || (fresh && w.fields.blockedCells > 0);
      let cut = false;
      if (cellBlocked(w, g, i)) {
        if (st === RobotState.ToStation) continue; // queue for the station; the broken robot on it will be repaired
      } else if (look && r.lazy[i] !== null && this.cutOff(w, r.lazy[i]!, i)) cut = true;
      else continue;
      // Closed areas are to blame when one is closed (for a goal: when the goal is in one), else a broken robot.
      const cause = (cut ? this.closedNow > 0 : this.closedCells[g] > 0) ? DelayCause.Closure : DelayCause.Robot;
      switch (st) {
        case RobotState.ToPod:
          this.releaseFetch(w, i, cause);
          break;
        case RobotState.ToCharger:
          this.releaseCharger(w, i);
          break;
        case RobotState.ToStorage: {
          // (A robot inside the closed area with its goal inside carries on: it may move within the area.)
          if (!cut && w.fields.blocked[r.cell[i]] !== 0 && this.closedCells[g] > 0) break;
          const p = r.pod[i];
          const loc = w.storage.canReroute(p) ? this.nearestOpenLocation(w, i) : -1;
          if (loc >= 0) {
            this.figures.podsRerouted++;
            this.markPod(w, p, cause);
            setGoal(w, i, w.storage.rerouteTo(w.pods, p, loc));
            this.epochSeen[i] = r.goalEpoch[i];
          } else this.hold(w, i, g, cut, cause);
          break;
        }
        case RobotState.ToStation:
          this.hold(w, i, g, true, cause);
          break;
      }
    }
  }

  /** Whether robot i has no way to its goal on `field`: no cell it may step to is labelled. */
  private cutOff(w: World, field: LazyField, i: number): boolean {
    const r = w.robots;
    const cell = r.cell[i];
    if (cell === field.goal) return false;
    field.ensure(cell, 1);
    const { nbr, kind } = w.grid;
    const blocked = w.fields.blocked;
    const loaded = r.pod[i] >= 0;
    for (let d = 0; d < 4; d++) {
      const v = nbr[cell * 4 + d];
      if (v < 0 || field.dist[v] === UNREACHABLE) continue;
      if (blocked[v] !== 0 && blocked[cell] === 0 && v !== field.goal) continue;
      if (loaded && kind[v] === CellKind.Storage && v !== field.goal) continue;
      return false;
    }
    return true;
  }

  /**
   * The free storage location nearest loaded robot i that it can reach as
   * things stand (never entering a blocked cell, never under a stored pod),
   * open and without a broken robot on it; -1 when there is none.
   */
  private nearestOpenLocation(w: World, i: number): number {
    const { nbr, kind } = w.grid;
    const blocked = w.fields.blocked;
    const st = w.storage;
    const stamp = ++this.stamp;
    const q = this.queue;
    let head = 0;
    let tail = 0;
    q[tail++] = w.robots.cell[i];
    this.seen[q[0]] = stamp;
    while (head < tail) {
      const c = q[head++];
      for (let d = 0; d < 4; d++) {
        const v = nbr[c * 4 + d];
        if (v < 0 || this.seen[v] === stamp) continue;
        if (blocked[v] !== 0 && blocked[c] === 0) continue;
        this.seen[v] = stamp;
        if (kind[v] === CellKind.Storage) {
          const loc = st.locOf[v];
          if (st.owner[loc] < 0 && !cellBlocked(w, v, i)) return loc;
          continue;
        }
        q[tail++] = v;
      }
    }
    return -1;
  }

  /** Sends idle robot i to the nearest cell outside the closed area it stands in. */
  private evacuate(w: World, i: number): void {
    const { nbr } = w.grid;
    const stamp = ++this.stamp;
    const q = this.queue;
    let head = 0;
    let tail = 0;
    q[tail++] = w.robots.cell[i];
    this.seen[q[0]] = stamp;
    while (head < tail) {
      const c = q[head++];
      for (let d = 0; d < 4; d++) {
        const v = nbr[c * 4 + d];
        if (v < 0 || this.seen[v] === stamp) continue;
        this.seen[v] = stamp;
        if (!cellBlocked(w, v, i)) {
          setGoal(w, i, v);
          this.figures.robotsEvacuated++;
          return;
        }
        q[tail++] = v;
      }
    }
  }

  /** Robots on fields the cache dropped (the mask changed under them) move to fresh ones. */
  private repoint(w: World): void {
    const r = w.robots;
    for (let i = 0; i < r.n; i++) {
      const old = r.lazy[i];
      if (old === null || !old.stale) continue;
      const f = w.fields.lazy(old.goal, old.loaded);
      r.lazy[i] = f;
      r.field[i] = f.dist;
      r.replans[i]++;
      f.ensure(r.cell[i]);
    }
  }

  // ---- Orders delayed.

  private markPod(w: World, p: number, cause: DelayCause): void {
    if (p < 0) return;
    const { pods, books } = w;
    for (let l = pods.visitHead[p]; l >= 0; l = books.lineNext[l]) books.markDelayed(books.lineOrder[l], cause);
    for (let l = pods.pendHead[p]; l >= 0; l = books.lineNext[l]) books.markDelayed(books.lineOrder[l], cause);
  }

  /** Open orders with lines still to pick at station s. */
  private markStation(w: World, s: number, cause: DelayCause): void {
    const b = w.books;
    for (let o = 0; o < b.items.length; o++) if (b.orderStation[o] === s && b.remaining[o] > 0 && b.isOpen(o)) b.markDelayed(o, cause);
  }
}
