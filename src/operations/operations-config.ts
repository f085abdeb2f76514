import type { SmoothingParams } from './forecast.js';
import type { OperationsPolicy } from './staffing.js';

/** Sizing of one kind of resource (robots, or the people of each picker zone) per hour. */
export interface HeadcountRule {
  /** Never fewer on duty than this (capped at the resource's size). */
  min: number;
  /** Share of their on-duty time the staffed heads are planned to be busy. */
  targetUtilization: number;
  /** Busy hours per order; null = learned from the run so far (busy hours over orders completed). */
  hoursPerOrder: number | null;
}

/** Moving the pods of the fast movers near the stations ahead of a peak. */
export interface PeakReslotRule {
  /** Hours looked ahead (the coming hour included) for a peak: proactive only. */
  leadHours: number;
  /** An hour is a peak when its orders reach this multiple of the mean hourly orders so far. */
  peakRatio: number;
}

/** The scenario's `operations` section, resolved for the engine. */
export interface OperationsConfig {
  policy: OperationsPolicy;
  smoothing: SmoothingParams;
  robots: HeadcountRule;
  /** Applied to each person-to-goods zone on its own (its people, its learned work per order). */
  pickers: HeadcountRule;
  /** Null: no re-slotting pass ahead of peaks. */
  reslot: PeakReslotRule | null;
}
