import type { World } from '../core/world.js';
import type { ReportPart } from '../metrics/report.js';
import { r4 } from '../metrics/round.js';
import { ape, mape } from './forecast.js';
import type { HourRecord } from './operations.js';
import { learnedHoursPerOrder } from './staffing.js';

/** The forecaster's record: forecast against actual orders, hour by hour. */
export interface ForecastReport {
  model: 'holt-winters-additive';
  seasons: number;
  alpha: number;
  beta: number;
  gamma: number;
  /** Whole hours of the site clock seen (the part-hour a run starts or ends in is left out). */
  hours: number;
  /** Mean absolute percentage error (0.1 = 10%) over the hours scored: those with a forecast and orders (actual > 0); 0 when none. */
  mape: number;
  hoursScored: number;
  /** The same over the hours after the first whole day, when the seasonal model is in force (before it: the last hour's count). */
  mapeSeasonal: number;
  hoursScoredSeasonal: number;
  /** MAPE per hour of the day (index 0 = 00:00 to 01:00) over the run's days; null where no hour counted. */
  mapeByHourOfDay: (number | null)[];
  /** One entry per whole hour: site-clock hour since midnight of the first day, orders forecast at its start and arrived, and the error. */
  series: { clockHour: number[]; forecast: (number | null)[]; actual: number[]; ape: (number | null)[] };
}

/** What the operations policy decided and what it cost. */
export interface OperationsReport {
  policy: string;
  /** Robot-hours on duty or still finishing a task taken on duty. */
  robotHoursOnDuty: number;
  /** Robot-hours of the whole fleet over the run, for comparison. */
  robotHoursFleet: number;
  /** Person-hours on duty over every picker zone (shifts, breaks and absences applied). */
  pickerHoursOnDuty: number;
  /** Busy robot-hours per completed order at the end of the run (what the sizing learned, or the configured figure; 0 before any order was done). */
  robotHoursPerOrder: number;
  /** Re-slotting passes started at peaks. */
  reslotPasses: number;
  /** Per whole hour: the orders planned for (null = not sized: fixed, or nothing learned yet), the backlog at its start, robots and people per zone put on duty, and whether a re-slotting pass started. */
  hours: { day: number; hour: number; planned: number | null; backlog: number; robots: number; pickers: number[]; reslot: boolean }[];
}

declare module '../metrics/report.js' {
  interface Report {
    /** The hourly demand forecast against actual orders, with its error (null without an `operations` section). */
    forecast: ForecastReport | null;
    /** The operations policy's hourly decisions, robot- and person-hours on duty (null without an `operations` section). */
    operations: OperationsReport | null;
  }
}

const rn = (x: number | null) => (x === null ? null : r4(x));

/** Hours with a forecast and orders. */
const scored = (f: readonly (number | null)[], a: readonly number[]) => a.filter((x, k) => x > 0 && f[k] !== null).length;

/** The `forecast` section: null when the scenario has no `operations` section. */
function buildForecastReport(w: World): ForecastReport | null {
  const ops = w.operations;
  if (!ops) return null;
  const last = ops.finalHourActual(w);
  const done = ops.hours.filter((h) => h.actual >= 0 || last !== null);
  const f = done.map((h) => h.forecast);
  const a = done.map((h) => (h.actual >= 0 ? h.actual : last!));
  const byHour: (number | null)[] = [];
  for (let hod = 0; hod < 24; hod++) {
    const at = done.flatMap((h, k) => (h.clockHour % 24 === hod ? [k] : []));
    byHour.push(rn(mape(at.map((k) => f[k]), at.map((k) => a[k]))));
  }
  const p = ops.forecaster.params;
  return {
    model: 'holt-winters-additive',
    seasons: ops.forecaster.seasons,
    alpha: p.alpha,
    beta: p.beta,
    gamma: p.gamma,
    hours: done.length,
    mape: r4(mape(f, a) ?? 0),
    hoursScored: scored(f, a),
    // The seasonal model starts after 24 counts: its forecasts are those from the 25th whole hour on.
    mapeSeasonal: r4(mape(f.slice(24), a.slice(24)) ?? 0),
    hoursScoredSeasonal: scored(f.slice(24), a.slice(24)),
    mapeByHourOfDay: byHour,
    series: {
      clockHour: done.map((h) => h.clockHour),
      forecast: f.map(rn),
      actual: a,
      ape: f.map((x, k) => (x === null ? null : rn(ape(x, a[k])))),
    },
  };
}

/** The `operations` section: null when the scenario has none. */
function buildOperationsReport(w: World): OperationsReport | null {
  const ops = w.operations;
  if (!ops) return null;
  const tickHours = w.config.tickSeconds / 3600;
  let busy = 0;
  for (let i = 0; i < w.robots.n; i++) busy += w.robots.busyTicks[i];
  let pickerTicks = 0;
  for (const z of w.site.zones) for (let i = 0; i < z.dutyTicks.length; i++) pickerTicks += z.dutyTicks[i];
  const perOrder = ops.config.robots.hoursPerOrder ?? learnedHoursPerOrder(busy * tickHours, w.books.ordersCompleted);
  return {
    policy: ops.config.policy,
    robotHoursOnDuty: r4(ops.robotDutyTicks * tickHours),
    robotHoursFleet: r4(w.robots.n * w.tick * tickHours),
    pickerHoursOnDuty: r4(pickerTicks * tickHours),
    robotHoursPerOrder: r4(perOrder ?? 0),
    reslotPasses: ops.peaks?.passes ?? 0,
    hours: ops.hours.map((h: HourRecord) => ({
      day: Math.floor(h.clockHour / 24) + 1,
      hour: h.clockHour % 24,
      planned: rn(h.planned),
      backlog: h.backlog,
      robots: h.robots,
      pickers: h.pickers.slice(),
      reslot: h.reslot,
    })),
  };
}

/** The forecast and the operations policy's decisions; both null without an `operations` section. */
export const operationsSection: ReportPart<'forecast' | 'operations'> = {
  keys: ['forecast', 'operations'],
  build: (w) => ({ forecast: buildForecastReport(w), operations: buildOperationsReport(w) }),
};
