import type { SummaryPart } from '../metrics/report.js';
import { alertsSummaryLine } from './report.js';

/** The alerts of the run, with an `alerts` section. */
export const alertsSummary: SummaryPart = (r) => {
  const a = alertsSummaryLine(r.alerts);
  return a === null ? [] : [a];
};
