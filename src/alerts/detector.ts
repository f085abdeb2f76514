import { EventKind } from '../core/events.js';
import { RobotState } from '../core/robots.js';
import type { World } from '../core/world.js';
import { FaultKind } from '../faults/types.js';
import { UNREACHABLE } from '../layout/distance.js';
import { ALERT_RULE_NAMES, ALERT_SEVERITY, AlertRule, subjectLabel, type AlertsConfig } from './rules.js';

/** Loaded robots this close (cells) to their station are queued there: the station rule speaks for them. */
const QUEUE_RADIUS = 3;
/** Alerts kept one by one; past this they are only counted (a run with faults every minute must not grow without bound). */
const KEPT_ALERTS = 10_000;
/** Fault windows kept for the detection figures; past this they are only counted. */
const KEPT_FAULTS = 100_000;
/** A station with lines waiting but no robot queued at it raises after this many times the rule's wait. */
const LINES_ONLY_FACTOR = 3;
/** Span, in checks, of the throughput baseline's exponentially weighted mean and variance. */
const BASELINE_CHECKS = 60;

/** One alert: a condition from the tick it was raised to the tick it cleared. */
export interface Alert {
  rule: AlertRule;
  /** Station, robot or chute index; -1 for the site. */
  subject: number;
  raisedTick: number;
  /** -1 while it is still active. */
  clearedTick: number;
  message: string;
}

/** Kinds of fault window the detector is measured against: FaultKind, plus robot breakdowns. */
export type FaultWindowKind = 'closure' | 'conveyor' | 'chute' | 'station' | 'pickers' | 'breakdown';
const FAULT_KIND_NAMES: FaultWindowKind[] = ['closure', 'conveyor', 'chute', 'station', 'pickers'];

/** An injected fault as seen through its events: what, on which subject, when. */
export interface FaultWindow {
  kind: FaultWindowKind;
  /** Robot (breakdown), station, conveyor, chute (global index), zone or closure index. */
  subject: number;
  fromTick: number;
  /** -1 while it lasts. */
  toTick: number;
}

/**
 * A streaming anomaly detector over the run's KPIs. Runs after the metrics
 * stage every tick: it notes fault windows from the tick's events (cheap: the
 * events only), and once every `checkEveryTicks` it runs its rules over
 * counters the engine keeps anyway (orders completed, open orders, station
 * lines picked, robots' distance to goal, batteries, chutes' full time).
 * Each rule has hysteresis: a condition must hold for a while to raise, and
 * one condition is one alert until it clears. Raising and clearing push
 * AlertRaised / AlertCleared events (a = rule, b = subject), so they travel
 * with the frames to every observer. Nothing is allocated per robot per tick;
 * a check walks typed arrays once.
 */
export class AlertDetector {
  /** Alerts in the order raised (the first KEPT_ALERTS). */
  readonly alerts: Alert[] = [];
  /** Alerts raised, per rule (all of them, kept or not). */
  readonly raisedByRule = new Float64Array(ALERT_RULE_NAMES.length);
  /** Fault windows in the order they began (the first KEPT_FAULTS). */
  readonly faults: FaultWindow[] = [];
  faultsSeen = 0;
  private readonly every: number;
  /** Index into `alerts` of the active alert per rule and subject (-1 none, -2 active but not kept). */
  private readonly active: Int32Array[];
  // Throughput: completed and open orders at the last `ring` checks, and the baseline of completions per check.
  private readonly doneRing: Float64Array;
  private readonly openRing: Float64Array;
  private checks = 0;
  private mean = 0;
  private variance = 0;
  // Stations: lines picked at the last check, and since when work has waited with no pick (-1 = not stalled).
  private readonly linesAt: Float64Array;
  private readonly stationSince: Int32Array;
  // Robots: goal epoch and field replacements at the last check, the best distance to the goal since, and since when no progress.
  private readonly epoch: Uint32Array;
  private readonly replans: Uint32Array;
  private readonly best: Int32Array;
  private readonly robotSince: Int32Array;
  // Chutes: full ticks at the last check and ticks full in a row (counted per check).
  private readonly chuteFullAt: Float64Array;
  private readonly chuteFullFor: Int32Array;
  private readonly chuteCapacity: Int32Array;
  /** Open fault window per robot (index into `faults`, -1 none), and per "kind:index" for the others. */
  private readonly openBreakdown: Int32Array;
  private readonly openFault = new Map<number, number>();
  private readonly chuteBase: Int32Array;

  constructor(
    w: World,
    readonly config: AlertsConfig,
  ) {
    this.every = Math.max(1, config.checkEveryTicks);
    const n = w.robots.n;
    const sorters = w.site.outbound?.sorters ?? [];
    this.chuteBase = new Int32Array(sorters.length);
    let chutes = 0;
    sorters.forEach((s, k) => ((this.chuteBase[k] = chutes), (chutes += s.chute.length)));
    this.chuteCapacity = Int32Array.from(sorters.flatMap((s) => s.spec.chutes.map((c) => c.capacity)));
    const subjects = [1, w.stations.n, n, n, chutes];
    this.active = subjects.map((k) => new Int32Array(k).fill(-1));
    const windowChecks = config.throughputDrop ? Math.max(1, Math.round(config.throughputDrop.windowTicks / this.every)) : 1;
    this.doneRing = new Float64Array(windowChecks + 1);
    this.openRing = new Float64Array(windowChecks + 1);
    this.linesAt = new Float64Array(w.stations.n);
    this.stationSince = new Int32Array(w.stations.n).fill(-1);
    this.epoch = new Uint32Array(n);
    this.replans = new Uint32Array(n);
    this.best = new Int32Array(n).fill(UNREACHABLE);
    this.robotSince = new Int32Array(n).fill(-1);
    this.chuteFullAt = new Float64Array(chutes);
    this.chuteFullFor = new Int32Array(chutes);
    this.openBreakdown = new Int32Array(n).fill(-1);
  }

  /** Alerts still active. */
  get activeCount(): number {
    let k = 0;
    for (const a of this.active) for (let s = 0; s < a.length; s++) if (a[s] !== -1) k++;
    return k;
  }

  /** The detector's stage: after metrics, before the frame. */
  step(w: World): void {
    this.noteFaults(w);
    if ((w.tick + 1) % this.every !== 0) return;
    // The check sees the state at the end of tick w.tick; alerts carry the tick they were raised in.
    const armed = w.tick + 1 >= this.config.warmupTicks;
    this.checkThroughput(w, armed);
    if (this.config.stationQueue) this.checkStations(w, armed, this.config.stationQueue.afterTicks);
    if (this.config.robotStalled || this.config.batteryCritical) this.checkRobots(w, armed);
    if (this.config.chuteFull) this.checkChutes(w, armed, this.config.chuteFull.afterTicks);
    this.checks++;
  }

  private raise(w: World, rule: AlertRule, subject: number, message: string): void {
    const slot = rule === AlertRule.ThroughputDrop ? 0 : subject;
    if (this.active[rule][slot] !== -1) return;
    this.raisedByRule[rule]++;
    let index = -2;
    if (this.alerts.length < KEPT_ALERTS) {
      index = this.alerts.length;
      this.alerts.push({ rule, subject, raisedTick: w.tick, clearedTick: -1, message });
    }
    this.active[rule][slot] = index;
    w.events.push(EventKind.AlertRaised, rule, subject);
  }

  private clear(w: World, rule: AlertRule, subject: number): void {
    const slot = rule === AlertRule.ThroughputDrop ? 0 : subject;
    const index = this.active[rule][slot];
    if (index === -1) return;
    if (index >= 0) this.alerts[index].clearedTick = w.tick;
    this.active[rule][slot] = -1;
    w.events.push(EventKind.AlertCleared, rule, subject);
  }

  private isActive(rule: AlertRule, slot: number): boolean {
    return this.active[rule][slot] !== -1;
  }

  /**
   * Throughput drop: completions over the last window against the baseline
   * (an exponentially weighted mean and variance of completions per check,
   * learnt while no drop is active), judged only when the backlog grew over
   * the window. A lull in demand lowers completions and the backlog together
   * and raises nothing; lost capacity lowers completions while orders pile up.
   */
  private checkThroughput(w: World, armed: boolean): void {
    const c = this.config.throughputDrop;
    const ring = this.doneRing.length;
    const k = this.checks % ring;
    const done = w.books.ordersCompleted;
    const open = w.books.openOrders;
    const prev = this.checks > 0 ? this.doneRing[(this.checks - 1) % ring] : 0;
    this.doneRing[k] = done;
    this.openRing[k] = open;
    if (!c) return;
    const perCheck = done - prev;
    const windowChecks = ring - 1;
    const active = this.isActive(AlertRule.ThroughputDrop, 0);
    if (this.checks >= windowChecks) {
      const old = (this.checks - windowChecks) % ring;
      const inWindow = done - this.doneRing[old];
      const grew = open - this.openRing[old];
      const expected = windowChecks * this.mean;
      // Completions come in bursts (multi-line orders, totes), so the variance is measured, but never taken below Poisson's.
      const sigma = Math.sqrt(windowChecks * Math.max(this.variance, this.mean));
      if (active) {
        if (inWindow >= expected - sigma || grew <= 0) this.clear(w, AlertRule.ThroughputDrop, -1);
      } else if (armed && expected >= c.minExpected && grew > 0 && inWindow < expected - c.sigmas * sigma) {
        const per = Math.round(inWindow);
        this.raise(w, AlertRule.ThroughputDrop, -1, `${per} orders done in ${minutes(windowChecks * this.every * w.config.tickSeconds)} against ${Math.round(expected)} expected, backlog up ${grew}`);
      }
    }
    if (this.isActive(AlertRule.ThroughputDrop, 0) || this.checks === 0) return;
    // Learn the baseline while all is well (from the second check: the first interval starts empty).
    const alpha = 2 / (BASELINE_CHECKS + 1);
    if (this.checks === 1) {
      this.mean = perCheck;
      this.variance = 0;
    } else {
      const d = perCheck - this.mean;
      this.mean += alpha * d;
      this.variance = (1 - alpha) * (this.variance + alpha * d * d);
    }
  }

  /** Station queue: work waits at a station (robots queued, or lines routed to it) and it picked nothing for `after` ticks. */
  private checkStations(w: World, armed: boolean, after: number): void {
    const st = w.stations;
    const tickSeconds = w.config.tickSeconds;
    for (let s = 0; s < st.n; s++) {
      const picked = st.linesPicked[s] !== this.linesAt[s];
      this.linesAt[s] = st.linesPicked[s];
      const waiting = st.queueNow[s] > 0 || st.openLines[s] > 0;
      if (picked || !waiting) {
        this.stationSince[s] = -1;
        this.clear(w, AlertRule.StationQueue, s);
        continue;
      }
      // Stalled since the previous check at the latest.
      if (this.stationSince[s] < 0) this.stationSince[s] = w.tick + 1 - this.every;
      const stalled = w.tick + 1 - this.stationSince[s];
      // Robots queued at a station that picks nothing is the station's problem; lines waiting with no robot
      // there yet is mostly pods still on their way from far storage, so that waits LINES_ONLY_FACTOR times longer.
      const limit = st.queueNow[s] > 0 ? after : after * LINES_ONLY_FACTOR;
      if (armed && stalled >= limit && !this.isActive(AlertRule.StationQueue, s)) {
        this.raise(w, AlertRule.StationQueue, s, `queue ${st.queueNow[s]}, ${st.openLines[s]} lines waiting, no pick for ${minutes(stalled * tickSeconds)}`);
      }
    }
  }

  /**
   * Robots: stalled when a robot with a goal has not come closer to it for
   * `after` ticks, is broken down that long, or is held with a task but no
   * goal (its goal is closed). Idle robots with no goal, robots at their
   * goal, picking, charging or flat are not expected to move; loaded robots
   * queued at their station are the station rule's. Battery: below the
   * critical share and not charging; it clears 5 points higher, so a robot
   * hovering at the level raises one alert.
   */
  private checkRobots(w: World, armed: boolean): void {
    const r = w.robots;
    const stall = this.config.robotStalled;
    const battery = this.config.batteryCritical;
    const capacity = w.config.robots.battery.capacityWh;
    const tickSeconds = w.config.tickSeconds;
    for (let i = 0; i < r.n; i++) {
      const state = r.state[i];
      if (battery) {
        const share = r.batteryWh[i] / capacity;
        if (this.isActive(AlertRule.BatteryCritical, i)) {
          if (state === RobotState.Charging || share >= battery.below + 0.05) this.clear(w, AlertRule.BatteryCritical, i);
        } else if (armed && state !== RobotState.Charging && share < battery.below) {
          this.raise(w, AlertRule.BatteryCritical, i, `battery ${(share * 100).toFixed(1)}%, ${stateText(state)}`);
        }
      }
      if (!stall) continue;
      const f = r.field[i];
      const goal = r.goal[i];
      const broken = state === RobotState.Broken;
      const exempt =
        !broken &&
        ((goal < 0 && state === RobotState.Idle) || goal === r.cell[i] || state === RobotState.Picking || state === RobotState.Charging || state === RobotState.Depleted ||
          (state === RobotState.ToStation && f !== null && f[r.cell[i]] <= QUEUE_RADIUS));
      if (exempt) {
        this.robotSince[i] = -1;
        this.best[i] = UNREACHABLE;
        this.clear(w, AlertRule.RobotStalled, i);
        continue;
      }
      const d = f === null ? UNREACHABLE : f[r.cell[i]];
      let progress = false;
      if (r.goalEpoch[i] !== this.epoch[i] && !broken) progress = true;
      else if (r.replans[i] !== this.replans[i]) this.best[i] = d; // a fresh field: distances are not comparable, no credit either way
      else if (d < this.best[i] && !broken) progress = true;
      this.epoch[i] = r.goalEpoch[i];
      this.replans[i] = r.replans[i];
      if (progress) {
        this.best[i] = d;
        this.robotSince[i] = w.tick;
        this.clear(w, AlertRule.RobotStalled, i);
        continue;
      }
      if (this.robotSince[i] < 0) this.robotSince[i] = w.tick + 1 - this.every;
      const still = w.tick + 1 - this.robotSince[i];
      if (armed && still >= stall.afterTicks && !this.isActive(AlertRule.RobotStalled, i)) {
        this.raise(w, AlertRule.RobotStalled, i, `${broken ? 'broken down' : stateText(state)}, no progress for ${minutes(still * tickSeconds)}`);
      }
    }
  }

  /** Chutes: full for 80% of a check counts as full; full for `after` ticks in a row raises; a check mostly not full clears. */
  private checkChutes(w: World, armed: boolean, after: number): void {
    const sorters = w.site.outbound?.sorters ?? [];
    const tickSeconds = w.config.tickSeconds;
    for (let s = 0; s < sorters.length; s++) {
      const sorter = sorters[s];
      for (let k = 0; k < sorter.chute.length; k++) {
        const g = this.chuteBase[s] + k;
        const full = sorter.chuteFullTicks[k] - this.chuteFullAt[g];
        this.chuteFullAt[g] = sorter.chuteFullTicks[k];
        // A worker emptying one item at a time leaves a full chute a tick or two below capacity now and then.
        if (full * 5 >= this.every * 4) this.chuteFullFor[g] += this.every;
        else this.chuteFullFor[g] = 0;
        if (this.isActive(AlertRule.ChuteFull, g)) {
          if (full * 2 < this.every) this.clear(w, AlertRule.ChuteFull, g);
        } else if (armed && this.chuteFullFor[g] >= after) {
          this.raise(w, AlertRule.ChuteFull, g, `sorter ${sorter.spec.name} chute ${k}: ${sorter.chute[k].length} of ${this.chuteCapacity[g]} items, full for ${minutes(this.chuteFullFor[g] * tickSeconds)}`);
        }
      }
    }
  }

  /** Notes fault windows from this tick's events, to measure detection against. */
  private noteFaults(w: World): void {
    const e = w.events;
    const fc = w.faults?.config;
    if (!fc) return;
    for (let k = 0; k < e.count; k++) {
      const kind = e.kind[k];
      if (kind === EventKind.RobotBroken) this.openBreakdown[e.a[k]] = this.begin('breakdown', e.a[k], w.tick);
      else if (kind === EventKind.RobotRepaired) this.end(this.openBreakdown[e.a[k]], w.tick), (this.openBreakdown[e.a[k]] = -1);
      else if (kind === EventKind.FaultStarted || kind === EventKind.FaultEnded) {
        const fk = e.a[k] as FaultKind;
        const index = e.b[k];
        const key = fk * 1_000_000 + index;
        if (kind === EventKind.FaultEnded) {
          this.end(this.openFault.get(key) ?? -1, w.tick);
          this.openFault.delete(key);
          continue;
        }
        let subject = index;
        if (fk === FaultKind.Station) subject = fc.stations[index].station;
        else if (fk === FaultKind.Conveyor) subject = fc.conveyors[index].conveyor;
        else if (fk === FaultKind.Chute) subject = this.chuteBase[fc.chutes[index].sorter] + fc.chutes[index].chute;
        else if (fk === FaultKind.Pickers) subject = fc.pickers[index].zone;
        this.openFault.set(key, this.begin(FAULT_KIND_NAMES[fk], subject, w.tick));
      }
    }
  }

  private begin(kind: FaultWindowKind, subject: number, tick: number): number {
    this.faultsSeen++;
    if (this.faults.length >= KEPT_FAULTS) return -1;
    this.faults.push({ kind, subject, fromTick: tick, toTick: -1 });
    return this.faults.length - 1;
  }

  private end(index: number, tick: number): void {
    if (index >= 0) this.faults[index].toTick = tick;
  }
}

/** An alert's one-line description: rule, subject and message. */
export function describeAlert(a: Alert): string {
  return `${ALERT_RULE_NAMES[a.rule]} ${subjectLabel(a.rule, a.subject)}: ${a.message}`;
}

/** Severity of an alert's rule. */
export function severityOf(a: Alert): string {
  return ALERT_SEVERITY[a.rule];
}

function minutes(seconds: number): string {
  const m = Math.round(seconds / 60);
  return m >= 1 ? `${m} min` : `${Math.round(seconds)} s`;
}

const STATE_TEXT = ['idle', 'on its way to a pod', 'carrying a pod to its station', 'picking', 'returning a pod', 'on its way to a charger', 'charging', 'flat', 'broken down'];
function stateText(state: number): string {
  return STATE_TEXT[state] ?? 'working';
}
