import { RobotState } from '../core/robots.js';
import type { World } from '../core/world.js';
import { HoltWinters } from './forecast.js';
import type { OperationsConfig } from './operations-config.js';
import { PeakReslot } from './proactive-reslot.js';
import type { Reslotter } from '../storage/reslot.js';
import { DutyRank, headsFor, learnedHoursPerOrder, plannedOrders, setDuty } from './staffing.js';

/** One whole hour of the site clock: what was forecast, what came, and what the policy decided for it. */
export interface HourRecord {
  /** Hours since midnight of the run's first day (the site clock): 30 = 06:00 on day 2. */
  clockHour: number;
  /** Orders forecast for the hour at its start (null before the first whole hour was seen). */
  forecast: number | null;
  /** Orders that arrived in the hour (set when it ends; -1 until then). */
  actual: number;
  /** Orders the policy planned the hour for (arrivals expected plus the backlog), or null when it did not size (fixed, or nothing learned yet). */
  planned: number | null;
  /** Orders open at the start of the hour. */
  backlog: number;
  /** Robots put on duty for the hour. */
  robots: number;
  /** People put on duty per picker zone (before shifts and absences). */
  pickers: number[];
  /** Whether a re-slotting pass of the fast movers started at the hour's start. */
  reslot: boolean;
}

/**
 * Forecast-driven operations during a run. At every hour of the site clock
 * it feeds the hour's order arrivals to the forecaster (only whole hours:
 * the part-hour a run may start in is skipped), and sets for the coming
 * hour the robots on duty (`robots.onDuty`), the people staffed in each
 * picker zone (`PickerZone.staffed`) and, ahead of a peak, a re-slotting pass
 * that brings the pods picked most so far nearer the stations. Robots taken
 * off duty finish their task, then park (switched off) and take no new task.
 */
export class Operations {
  readonly forecaster: HoltWinters;
  /** Whole hours so far, oldest first (the current one last, its `actual` still -1). */
  readonly hours: HourRecord[] = [];
  /** Robot-ticks on duty or still finishing a task. */
  robotDutyTicks = 0;
  /** Re-slotting passes started ahead of (or at) a peak. */
  readonly peaks: PeakReslot | null;
  private readonly hourTicks: number;
  private readonly rank: Uint8Array;
  private clockHour = -1;
  private whole = false;
  private createdAtStart = 0;
  private lastHour: number | null = null;
  private current: HourRecord | null = null;

  constructor(
    w: World,
    readonly config: OperationsConfig,
    reslotter: Reslotter | null,
  ) {
    this.forecaster = new HoltWinters(config.smoothing, 24);
    this.hourTicks = 3600 / w.config.tickSeconds;
    this.rank = new Uint8Array(w.robots.n);
    this.peaks = config.reslot !== null && config.policy !== 'fixed' ? new PeakReslot(w, config.reslot, reslotter) : null;
  }

  /** Runs first in every tick (before demand and assignment): hour boundaries, then counts robots on duty. */
  startTick(w: World): void {
    const h = Math.floor((w.tick + w.config.startOfDayTick) / this.hourTicks + 1e-9);
    if (w.tick === 0) {
      this.clockHour = h;
      // A run that starts between two hours sees only part of its first: not fed to the forecaster.
      this.whole = Math.abs(h * this.hourTicks - w.config.startOfDayTick) < 1e-6;
      this.beginHour(w);
    } else if (h !== this.clockHour) {
      this.endHour(w);
      this.clockHour = h;
      this.whole = true;
      this.beginHour(w);
    }
    const r = w.robots;
    for (let i = 0; i < r.n; i++) {
      const s = r.state[i];
      if (r.onDuty[i] === 1 || (s >= RobotState.ToPod && s <= RobotState.ToStorage)) this.robotDutyTicks++;
    }
  }

  /** Runs after the assignment stage: carries out re-slotting moves with robots left idle. */
  afterAssignment(w: World): void {
    this.peaks?.step(w);
  }

  /**
   * Orders of the current hour when the run ended exactly at its end (the
   * next tick, which would close it, never runs), else null. Changes nothing.
   */
  finalHourActual(w: World): number | null {
    const end = (w.tick + w.config.startOfDayTick) / this.hourTicks;
    const closed = Math.abs(end - Math.round(end)) < 1e-9 && Math.round(end) === this.clockHour + 1;
    return closed && this.whole && this.current !== null && this.current.actual < 0 ? w.books.ordersCreated - this.createdAtStart : null;
  }

  private endHour(w: World): void {
    const actual = w.books.ordersCreated - this.createdAtStart;
    if (!this.whole || this.current === null) return;
    this.current.actual = actual;
    this.forecaster.observe(this.clockHour % 24, actual);
    this.lastHour = actual;
    this.peaks?.observe(actual);
  }

  private beginHour(w: World): void {
    const { books, robots: r } = w;
    this.createdAtStart = books.ordersCreated;
    const cfg = this.config;
    const hourOfDay = this.clockHour % 24;
    const forecast = this.forecaster.forecast(hourOfDay, 1);
    const backlog = books.openOrders;
    const planned = plannedOrders(cfg.policy, forecast, this.lastHour, backlog);
    const hours = w.config.tickSeconds / 3600;

    let robots = r.n;
    if (planned !== null) {
      let busy = 0;
      for (let i = 0; i < r.n; i++) busy += r.busyTicks[i];
      const perOrder = cfg.robots.hoursPerOrder ?? learnedHoursPerOrder(busy * hours, books.ordersCompleted);
      robots = headsFor(planned, perOrder, cfg.robots.targetUtilization, cfg.robots.min, r.n);
    }
    for (let i = 0; i < r.n; i++) this.rank[i] = dutyRank(r.state[i]);
    setDuty(r.onDuty, robots, this.rank, r.batteryWh);

    const pickers = w.site.zones.map((z) => {
      const size = z.spec.pickers;
      if (planned === null) return (z.staffed = size);
      let busy = 0;
      for (let i = 0; i < size; i++) busy += z.busyTicks[i];
      const perOrder = cfg.pickers.hoursPerOrder ?? learnedHoursPerOrder(busy * hours, books.ordersCompleted);
      return (z.staffed = headsFor(planned, perOrder, cfg.pickers.targetUtilization, cfg.pickers.min, size));
    });

    const reslot = this.peaks !== null && this.whole ? this.peaks.atHourStart(w, cfg.policy, this.forecaster, hourOfDay, this.lastHour) : false;
    const rec: HourRecord = { clockHour: this.clockHour, forecast, actual: -1, planned, backlog, robots, pickers, reslot };
    this.current = rec;
    if (this.whole) this.hours.push(rec);
  }
}

function dutyRank(state: number): DutyRank {
  switch (state) {
    case RobotState.Idle:
      return DutyRank.Idle;
    case RobotState.ToCharger:
    case RobotState.Charging:
      return DutyRank.Charging;
    case RobotState.Broken:
    case RobotState.Depleted:
      return DutyRank.Unavailable;
    default:
      return DutyRank.Busy;
  }
}
